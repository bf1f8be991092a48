-- The articles, written by several of these scripts at once (part of parts: the ids with
-- id % parts = part). Nothing here is random: every draw is in the bench_load tables, so the rows do
-- not depend on how many writers there are. See load-prepare.sql.

\set ON_ERROR_STOP on
set client_min_messages = warning;
set synchronous_commit = off;
set work_mem = '64MB';
set session_replication_role = replica;
set search_path = bench_load, public;
-- Compressing 40 kB of text per article is most of the write; lz4 (when the server has it) does it
-- several times faster than the default pglz, and reading either back costs next to nothing.
select 'lz4' = any(enumvals) as has_lz4 from pg_settings where name = 'default_toast_compression' \gset
\if :has_lz4
    set default_toast_compression = lz4;
\endif
select anchor from run \gset
select count(*) as nfirst from first_name \gset
select count(*) as nlast from last_name \gset

-- The body as an editor would write it: a lead paragraph, a captioned image, then sections under
-- "## " headings. bodyHtml is what MarkdownRenderer makes of it (blocks
-- on their own lines, the image as a <figure>), bodyText its visible text (Jsoup's text(): blocks
-- joined by one space), autoExcerpt the first paragraphs cut near 200 characters as
-- MarkdownRenderer.excerpt cuts them, and search_head and search_words the vectors ArticleRepository.index
-- writes.
insert into article (id, slug, title, excerpt, auto_excerpt, body, body_html, body_text,
                     cover_url, cover_alt, cover_caption, cover_width, cover_height, category_id, tags, tag_keys,
                     author_name, status, published_at, comments_open, reading_time_minutes, comment_count,
                     created_at, updated_at, version, created_by_id, created_by_name, updated_by_id, updated_by_name,
                     related_version, comments_changed_at, search_head, search_words)
select p.id,
       lower(replace(t.title, ' ', '-')) || '-' || p.id,
       t.title,
       case when p.has_excerpt then t.excerpt end,
       x.auto_excerpt,
       b.md, b.html, b.txt,
       case when p.has_cover then 'https://images.example.com/bench/cover-' || p.id || '.jpg' end,
       case when p.has_cover then t.cover_alt end,
       case when p.has_cover then t.cover_caption end,
       case when p.has_cover then 1600 end,
       case when p.has_cover then 900 end,
       p.category_id, g.tags,
       (select array_agg(lower(tag) order by o) from unnest(g.tags) with ordinality as u(tag, o)),
       f.name || ' ' || l.name,
       case p.kind when 'draft' then 'draft' when 'archived' then 'archived' else 'published' end,
       case p.kind when 'draft' then null when 'scheduled' then p.scheduled_at else p.dated_at end,
       p.comments_open,
       greatest(1, (length(b.txt) - length(replace(b.txt, ' ', '')) + 1 + 199) / 200),
       coalesce(s.n, 0),
       p.dated_at - p.r_created * interval '3 days',
       case when p.edited then least(:'anchor'::timestamptz, p.dated_at + p.r_created * interval '2 days')
            else p.dated_at end,
       case when p.edited then 1 + floor(p.r_created * 3)::int else 0 end,
       e.id, e.name, e.id, e.name,
       case when exists (select 1 from related_link r where r.article_id = p.id) then 1 else 0 end,
       s.last_at,
       h.head,
       strip(h.head || b.vec)
from plan p
join plan_text t on t.id = p.id
join plan_tags g on g.id = p.id
join editor e on e.n = p.editor
join first_name f on f.n = 1 + p.author % :nfirst
join last_name l on l.n = 1 + (p.author * 7) % :nlast
left join comment_stats s on s.article_id = p.id
join para lp on lp.id = p.lead_para
join plan_section ps1 on ps1.aid = p.id and ps1.j = 1
join section s1 on s1.id = ps1.sid
cross join lateral (
    select lp.txt || E'\n\n![' || t.figure_alt || '](https://images.example.com/bench/figure-' || p.id || '.jpg "'
               || t.figure_caption || E'")\n\n' || string_agg(sec.md, E'\n\n' order by ps.j) as md,
           '<p>' || lp.txt || E'</p>\n<figure><img src="https://images.example.com/bench/figure-' || p.id || '.jpg" alt="'
               || t.figure_alt || '" title="' || t.figure_caption || '"><figcaption>' || t.figure_caption
               || E'</figcaption></figure>\n' || string_agg(sec.html, E'\n' order by ps.j) || E'\n' as html,
           lp.txt || ' ' || t.figure_caption || ' ' || string_agg(sec.txt, ' ' order by ps.j) as txt,
           array[lp.txt, s1.first_paras[1], s1.first_paras[2]] as paragraphs,
           lp.vec || to_tsvector('english', bench_load.fold(t.figure_caption)) || bench_load.tsvector_agg(sec.vec order by ps.j) as vec
    from plan_section ps join section sec on sec.id = ps.sid
    where ps.aid = p.id
) b
cross join lateral (
    -- MarkdownRenderer.excerpt: paragraphs joined by a space until past 200 characters, then cut at
    -- the last space at or before index 200 (if past index 100), with "…".
    select case when length(e.joined) <= 200 then e.joined
                else rtrim(left(e.joined, case when e.last_space > 100 then e.last_space else 200 end)) || '…' end as auto_excerpt
    from (select j.joined, case when strpos(left(j.joined, 201), ' ') = 0 then -1
                                else length(left(j.joined, 201)) - strpos(reverse(left(j.joined, 201)), ' ') end as last_space
          from (select case when length(b.paragraphs[1]) > 200 then b.paragraphs[1]
                            when length(b.paragraphs[1] || ' ' || b.paragraphs[2]) > 200 then b.paragraphs[1] || ' ' || b.paragraphs[2]
                            else b.paragraphs[1] || ' ' || b.paragraphs[2] || ' ' || b.paragraphs[3] end as joined) j) e
) x
cross join lateral (
    -- ArticleRepository.index: the title (A), the editor's or automatic excerpt and the tags (B).
    select setweight(to_tsvector('english', bench_load.fold(t.title)), 'A')
           || setweight(to_tsvector('english', bench_load.fold(case when p.has_excerpt then t.excerpt else x.auto_excerpt end)), 'B')
           || setweight(to_tsvector('english', bench_load.fold(array_to_string(g.tags, ' '))), 'B') as head
) h
where p.id % :parts = :part
order by p.id;

