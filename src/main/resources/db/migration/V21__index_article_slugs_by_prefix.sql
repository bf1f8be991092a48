-- A new article's slug is the first free one of base, base-2, base-3...: finding the taken ones asks for
-- slug = base or slug like 'base-%'. The unique index cannot answer a prefix under the database's collation, so
-- that was a scan of every article on each create; an index in pattern order answers it from the index.
create index article_slug_prefix_idx on article (slug text_pattern_ops);
