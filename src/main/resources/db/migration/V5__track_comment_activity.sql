-- When an article's visible comments last changed, so its Last-Modified follows approvals and removals.
alter table article add column comments_changed_at timestamptz;
