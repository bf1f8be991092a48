-- Search no longer ranks every match over whole bodies. Two vectors replace the one weighted vector of
-- title, excerpt, tags and body:
--   search_head  the title (weight A), excerpt and tags (B), with positions: small enough to sit in
--                the row, so ranking and exact phrases are cheap;
--   search_words every word of the article (head and body) without positions: what decides whether an
--                article matches, exactly through its GIN index, without reading the big vector back.
-- Both are derived from the old vector, which was made the same way from the same folded text.
alter table article add column search_head tsvector, add column search_words tsvector;
update article set search_head = ts_filter(search, '{a,b}'), search_words = strip(search);
create index article_search_head_idx on article using gin (search_head);
create index article_search_words_idx on article using gin (search_words);
drop index article_search_idx;
alter table article drop column search;
