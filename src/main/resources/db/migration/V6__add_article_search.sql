-- Full-text search: a weighted vector per article (title A, excerpt and tags B, body C) over
-- accent-folded text, kept current by the service on every write, served by a GIN index.
alter table article add column body_text text not null default '';
alter table article add column search tsvector;
update article set search =
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(excerpt, auto_excerpt, '')), 'B')
    || setweight(to_tsvector('english', array_to_string(tags, ' ')), 'B')
    || setweight(to_tsvector('english', coalesce(body, '')), 'C');
create index article_search_idx on article using gin (search);
