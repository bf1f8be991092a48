-- Deleting an article moves it to the trash: it leaves every public read at once, keeps its slug, comments,
-- related links and history, and can be restored to the state it had; it is removed for good after a while.
alter table article drop constraint article_status_check;
alter table article add constraint article_status_check check (status in ('draft', 'published', 'archived', 'trashed'));
alter table article add column trashed_at timestamptz;
alter table article add column status_before_trash varchar(16);
create index article_trash_idx on article (trashed_at) where status = 'trashed';
