-- Cursor pages order by coalesce(published_at, 'infinity') desc, id desc (undated drafts first): this
-- index gives the public feed in that order, so a page deep in the feed costs what the first one does.
create index article_feed_idx on article ((coalesce(published_at, 'infinity'::timestamptz)) desc, id desc)
    where status = 'published';

-- A thread page lists an article's approved top-level comments oldest first: read them in order from
-- here instead of walking every approved comment of the site.
create index comment_thread_top_idx on comment (article_id, created_at, id)
    where status = 'approved' and parent_id is null;
