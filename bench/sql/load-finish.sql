-- After the articles: the indexes dropped for the load, the checks, statistics. See load-prepare.sql.

\set ON_ERROR_STOP on
set client_min_messages = warning;
set maintenance_work_mem = '512MB';
set search_path = bench_load, public;
select setval(pg_get_serial_sequence('article', 'id'), (select max(id) from article));

\echo '  indexes'
select def from saved_index \gexec

-- What the service's article_tag trigger (V8) would have written, had the load not bypassed triggers.
\echo '  article_tag'
insert into article_tag (tag_key, published_at, article_id)
select distinct k, a.published_at, a.id from article a cross join unnest(a.tag_keys) k
where a.status = 'published' and a.published_at is not null
on conflict do nothing;

-- What the service's article_count trigger (V11) would have kept.
\echo '  article_count'
delete from article_count;
insert into article_count (category_key, published)
select coalesce(category_id, 0), count(*) from article where status = 'published' and published_at is not null group by 1;

\echo '  checks'
-- The search vectors of a sample of articles, recomputed as the service computes them.
select count(*) as search_mismatches from article a
cross join lateral (
    select setweight(to_tsvector('english', bench_load.fold(a.title)), 'A')
           || setweight(to_tsvector('english', bench_load.fold(coalesce(a.excerpt, a.auto_excerpt))), 'B')
           || setweight(to_tsvector('english', bench_load.fold(array_to_string(a.tags, ' '))), 'B') as head
) h
where a.id % greatest(1, :scale / 200) = 0
  and (a.search_head is distinct from h.head
       or a.search_words is distinct from strip(h.head || to_tsvector('english', bench_load.fold(a.body_text)))) \gset
\if :search_mismatches
    \echo 'search vectors differ from what the service computes for' :search_mismatches 'sampled articles'
    do $$ begin raise exception 'dataset check failed'; end $$;
\endif
-- comment_count of a sample of articles, recounted with CommentRepository.recount's query.
select count(*) as count_mismatches from article a
where a.id % greatest(1, :scale / 200) = 0
  and a.comment_count <> (
      with recursive visible(id) as (
          select id from comment where article_id = a.id and parent_id is null and status = 'approved'
          union all
          select c.id from comment c join visible v on c.parent_id = v.id where c.status = 'approved'
      ) select count(*) from visible) \gset
\if :count_mismatches
    \echo 'comment_count differs from the service''s recount for' :count_mismatches 'sampled articles'
    do $$ begin raise exception 'dataset check failed'; end $$;
\endif

drop schema bench_load cascade;
\echo '  vacuum analyze'
vacuum analyze;
