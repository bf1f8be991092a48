-- Articles waiting for their publication time, for the article.published event at that time. A write that
-- schedules an article adds (or moves) its row, one that unschedules it removes it; at the time, one instance
-- claims the row (FOR UPDATE SKIP LOCKED), publishes the event and removes the row in one transaction, so the
-- event is sent exactly once, also when every instance was down at that time and one comes back later.
create table article_go_live (
    article_id   bigint      primary key references article (id) on delete cascade,
    published_at timestamptz not null
);
create index article_go_live_due_idx on article_go_live (published_at);

insert into article_go_live (article_id, published_at)
select id, published_at from article where status = 'published' and published_at > now();
