-- A new article's slug is the first free one of base, base-2, base-3...: finding the taken ones asks for
-- slug = base or slug like 'base-%'. The unique key's index cannot answer a prefix under the database's collation,
-- so that was a scan of every article on each create. The key's index is rebuilt in pattern order, which answers
-- both the equality of every read by slug and the prefix, with one index to keep up.
create unique index article_slug_pattern_key on article (slug text_pattern_ops);
alter table article drop constraint article_slug_key;
alter index article_slug_pattern_key rename to article_slug_key;
