-- Synthetic newsroom for the benchmark, generated inside PostgreSQL (never through the API, which
-- would take hours at 100,000 articles). Three scripts, run by bench/run.sh on a database the
-- service has just migrated (Flyway):
--
--   psql -v scale=100000 -v seed=0.42 -f load-prepare.sql        every random draw, comments, links
--   psql -v part=0 -v parts=2 -f load-articles.sql  (one per core, in parallel)   the articles
--   psql -v scale=100000 -f load-finish.sql                        indexes, checks, VACUUM ANALYZE
--
-- Every random number is drawn here, after setseed(), in one process (no parallel workers) and in a
-- fixed order, so the same scale and seed give the same articles, comments and links on any machine.
-- Dates are the exception: they are laid out backwards from the day of the load, so the front page is
-- always "recent". The draws are kept in unlogged tables of the schema bench_load, which the article
-- writers read and load-finish.sql drops.
--
-- Derived columns (body_html, body_text, auto_excerpt, reading_time_minutes, search, tag_keys,
-- comment_count) are computed exactly as the service computes them on a write: load-finish.sql
-- recomputes a sample with the service's own SQL, and bench/run.sh writes one article through the
-- API and compares.

\set ON_ERROR_STOP on
set client_min_messages = warning;
-- One process draws every random number, in a fixed order: that is what makes the data repeatable.
set max_parallel_workers_per_gather = 0;
set synchronous_commit = off;
set work_mem = '64MB';
set maintenance_work_mem = '512MB';
-- The data is consistent by construction: skip the per-row foreign key triggers (much faster).
set session_replication_role = replica;
drop schema if exists bench_load cascade;
create schema bench_load;
set search_path = bench_load, public;
select setseed(:seed);

\ir vocabulary.sql

select count(*) as ncw from content_word \gset
select count(*) as nfw from function_word \gset
select count(*) as ntag from tag_word \gset
-- Day the dataset ends (yesterday, midnight UTC): published articles lie in the eight years before it.
create unlogged table run as select date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' - interval '1 day' as anchor;
select anchor from run \gset
select greatest(2000, least(20000, :scale / 5)) as npara_pool,
       greatest(1000, least(10000, :scale / 10)) as nsection_pool,
       greatest(100, least(556, :scale / 180)) as nwindow_per_topic,
       :scale * 10 as ncomments,
       greatest(1, :scale - 100) as busy,
       greatest(1000, :scale * 3 / 10) as ncommenters \gset

-- Slugs.fold: lower case, compatibility decomposition ("…" becomes "..."), accents dropped. The
-- generated text is ASCII (plus the excerpt's "…"), so lower(normalize(..., NFKD)) is exact.
create function bench_load.fold(t text) returns text language sql immutable
    as $$ select lower(normalize(coalesce(t, ''), NFKD)) $$;

-- n content words, the common ones often and the rare ones seldom.
create function bench_load.phrase(n int) returns text language sql volatile as $$
    select string_agg(c.word, ' ' order by s.i)
    from (select i, least(current_setting('bench.ncw')::int,
                          floor(exp(random() * ln(current_setting('bench.ncw')::int + 1)))::int) as r
          from generate_series(1, n) i) s
    join content_word c on c.rank = s.r
$$;
select set_config('bench.ncw', :'ncw', false) \g /dev/null

-- Search vectors: ArticleRepository.index runs to_tsvector over the whole body text, which at
-- PostgreSQL's few MB/s would cost minutes at 100,000 articles. The body text is made of pooled
-- pieces (headings, paragraphs, a caption) joined by spaces, so each piece is parsed once and the
-- article's vector is the concatenation of its pieces' vectors: "||" shifts the right-hand positions
-- by the largest position on the left, which equals the number of words on the left because every
-- piece ends on a word that is not a stop word. The result is identical to to_tsvector of the whole
-- text, and the end of this script checks that on a sample of articles.
create aggregate bench_load.tsvector_agg(tsvector) (sfunc = tsvector_concat, stype = tsvector, initcond = '');

create function bench_load.capitalized(t text) returns text language sql immutable
    as $$ select upper(left(t, 1)) || substr(t, 2) $$;

\echo '  paragraphs, headings and comment texts'
-- A pool of paragraphs (45 to 110 words, sentences with commas) that article bodies are assembled
-- from: assembling is cheap, writing 100 million words one by one is not.
-- Paragraph p is about topic 1 + (p - 1) % 18: half its content words are everyday ones, half its
-- topic's.
create unlogged table para_word as
select p, i, random() < 0.4 as is_function, random() as r_end, random() as r_comma,
       case when random() < 0.5 then 0 else 1 + (p - 1) % 18 end as topic, random() as r_word,
       1 + floor(random() * :nfw)::int as function_rank
from generate_series(1, :npara_pool) p
cross join lateral generate_series(1, 45 + floor(random() * 66)::int) i;

create unlogged table para (id int primary key, txt text not null, vec tsvector);
insert into para
select p, string_agg(w, ' ' order by i)
from (select p, i,
             case when coalesce(lag(ends) over (partition by p order by i), true) then bench_load.capitalized(word) else word end
             || case when ends then '.' when r_comma < 0.06 then ',' else '' end as w
      from (select pw.p, pw.i, pw.r_comma,
                   pw.r_end < 0.08 or pw.i = max(pw.i) over (partition by pw.p) as ends,
                   -- A paragraph always ends on a content word (never a stop word): see "search vectors" below.
                   case when pw.is_function and pw.i < max(pw.i) over (partition by pw.p) then f.word else c.word end as word
            from para_word pw
            join topic_size ts on ts.topic = pw.topic
            join content_word c on c.topic = pw.topic and c.topic_rank = least(ts.n, floor(exp(pw.r_word * ln(ts.n + 1)))::int)
            join function_word f on f.rank = pw.function_rank) x) y
group by p;
drop table para_word;
update para set vec = to_tsvector('english', bench_load.fold(txt));

create unlogged table heading (id int primary key, txt text not null, vec tsvector);
insert into heading select h, bench_load.capitalized(bench_load.phrase(2 + floor(random() * 5)::int)) from generate_series(1, 3000) h;
update heading set vec = to_tsvector('english', bench_load.fold(txt));

-- Sections: a heading and 3 to 5 paragraphs, assembled once in every form the article needs
-- (Markdown, HTML, text, search vector). An article is a lead paragraph, a captioned image and 3 to 6
-- sections, so its body is 800 to 2,000 words.
-- Section s is about topic 1 + (s - 1) % 18, and so are its paragraphs.
create unlogged table section_para as
select sid, i, 1 + (sid - 1) % 18 + 18 * floor(random() * (:npara_pool / 18))::int as pid
from (select sid, 3 + floor(random() * 3)::int as n from generate_series(1, :nsection_pool) sid) x
cross join lateral generate_series(1, x.n) i
order by sid, i;
create unlogged table section (id int primary key, md text not null, html text not null, txt text not null, vec tsvector not null,
                           first_paras text[] not null);
insert into section
select sp.sid,
       '## ' || h.txt || E'\n\n' || string_agg(pa.txt, E'\n\n' order by sp.i),
       '<h2>' || h.txt || E'</h2>\n' || string_agg('<p>' || pa.txt || '</p>', E'\n' order by sp.i),
       h.txt || ' ' || string_agg(pa.txt, ' ' order by sp.i),
       h.vec || bench_load.tsvector_agg(pa.vec order by sp.i),
       (array_agg(pa.txt order by sp.i))[1:2]
from section_para sp
join para pa on pa.id = sp.pid
join heading h on h.id = 1 + (sp.sid * 7919) % 3000
group by sp.sid, h.txt, h.vec;
drop table section_para;
analyze section;

-- Windows of 100 content words that titles and captions are cut from; window w is about topic
-- 1 + (w - 1) % 18.
create unlogged table word_window (id int primary key, words text[] not null);
insert into word_window
select g, array_agg(c.word order by i)
from (select g, i, case when random() < 0.5 then 0 else 1 + (g - 1) % 18 end as topic, random() as r_word
      from generate_series(1, 18 * :nwindow_per_topic) g cross join generate_series(1, 100) i) d
join topic_size ts on ts.topic = d.topic
join content_word c on c.topic = d.topic and c.topic_rank = least(ts.n, floor(exp(d.r_word * ln(ts.n + 1)))::int)
group by g;
analyze word_window;

-- Comment texts: one to three sentences, a fifth of them in two paragraphs (CommentFormatter's <p>s).
create unlogged table comment_text (id int primary key, body text not null, body_html text not null, body_hash text not null);
insert into comment_text (id, body, body_html, body_hash)
select id, body, '<p>' || replace(body, E'\n\n', '</p><p>') || '</p>',
       -- CommentService: sha256 of the body with whitespace runs as one space, lower-cased.
       encode(sha256(convert_to(lower(regexp_replace(body, '\s+', ' ', 'g')), 'UTF8')), 'hex')
from (select id,
             bench_load.capitalized(bench_load.phrase(4 + floor(random() * 12)::int)) || '.'
             || case when random() < 0.5 then ' ' || bench_load.capitalized(bench_load.phrase(4 + floor(random() * 10)::int)) || '.' else '' end
             || case when random() < 0.2 then E'\n\n' || bench_load.capitalized(bench_load.phrase(3 + floor(random() * 10)::int)) || '.' else '' end
             as body
      from generate_series(1, 3000) id) t;

\echo '  categories and editors'
-- 60 categories, three levels: 6 sections, 3 subsections each, 2 topics under each subsection.
insert into category (id, slug, name, description, parent_id, position, created_at, updated_at, version)
select id, slug, name, 'Everything about ' || lower(name) || '.', parent_id, position,
       :'anchor'::timestamptz - interval '9 years', :'anchor'::timestamptz - interval '9 years', 0
from (values
    (1, 'news', 'News', null, 0), (2, 'business', 'Business', null, 1), (3, 'technology', 'Technology', null, 2),
    (4, 'science', 'Science', null, 3), (5, 'culture', 'Culture', null, 4), (6, 'sport', 'Sport', null, 5),
    (7, 'world', 'World', 1, 0), (8, 'politics', 'Politics', 1, 1), (9, 'local', 'Local', 1, 2),
    (10, 'markets', 'Markets', 2, 0), (11, 'economy', 'Economy', 2, 1), (12, 'companies', 'Companies', 2, 2),
    (13, 'ai', 'AI', 3, 0), (14, 'gadgets', 'Gadgets', 3, 1), (15, 'internet', 'Internet', 3, 2),
    (16, 'space', 'Space', 4, 0), (17, 'health', 'Health', 4, 1), (18, 'environment', 'Environment', 4, 2),
    (19, 'film', 'Film', 5, 0), (20, 'music', 'Music', 5, 1), (21, 'books', 'Books', 5, 2),
    (22, 'football', 'Football', 6, 0), (23, 'tennis', 'Tennis', 6, 1), (24, 'cycling', 'Cycling', 6, 2),
    (25, 'europe', 'Europe', 7, 0), (26, 'asia', 'Asia', 7, 1), (27, 'elections', 'Elections', 8, 0),
    (28, 'parliament', 'Parliament', 8, 1), (29, 'city-hall', 'City Hall', 9, 0), (30, 'transport', 'Transport', 9, 1),
    (31, 'stocks', 'Stocks', 10, 0), (32, 'commodities', 'Commodities', 10, 1), (33, 'jobs', 'Jobs', 11, 0),
    (34, 'inflation', 'Inflation', 11, 1), (35, 'startups', 'Startups', 12, 0), (36, 'retail', 'Retail', 12, 1),
    (37, 'machine-learning', 'Machine Learning', 13, 0), (38, 'robotics', 'Robotics', 13, 1),
    (39, 'smartphones', 'Smartphones', 14, 0), (40, 'wearables', 'Wearables', 14, 1),
    (41, 'cybersecurity', 'Cybersecurity', 15, 0), (42, 'social-media', 'Social Media', 15, 1),
    (43, 'astronomy', 'Astronomy', 16, 0), (44, 'missions', 'Missions', 16, 1), (45, 'medicine', 'Medicine', 17, 0),
    (46, 'nutrition', 'Nutrition', 17, 1), (47, 'climate', 'Climate', 18, 0), (48, 'energy', 'Energy', 18, 1),
    (49, 'film-reviews', 'Film Reviews', 19, 0), (50, 'festivals', 'Festivals', 19, 1), (51, 'concerts', 'Concerts', 20, 0),
    (52, 'albums', 'Albums', 20, 1), (53, 'fiction', 'Fiction', 21, 0), (54, 'non-fiction', 'Non-fiction', 21, 1),
    (55, 'premier-league', 'Premier League', 22, 0), (56, 'world-cup', 'World Cup', 22, 1),
    (57, 'grand-slams', 'Grand Slams', 23, 0), (58, 'rankings', 'Rankings', 23, 1),
    (59, 'tour-de-france', 'Tour de France', 24, 0), (60, 'track', 'Track', 24, 1)
) as c (id, slug, name, parent_id, position);
select setval(pg_get_serial_sequence('category', 'id'), 60);

-- A few editors' tokens (their secrets are unknown: they exist for the audit columns only).
insert into api_token (name, role, token_hash, prefix, created_at)
select f.name || ' ' || l.name, 'editor', sha256(convert_to('bench-editor-' || g.k, 'UTF8')), 'bench' || g.k,
       :'anchor'::timestamptz - interval '9 years'
from generate_series(1, 6) g(k) join first_name f on f.n = g.k * 7 join last_name l on l.n = g.k * 5;
create unlogged table editor as select row_number() over (order by id) as n, id, name from api_token;
select count(*) as neditors from editor \gset

\echo '  article plan'
-- One row per article with every random choice but the body. Ids follow publication order, as in a
-- real newsroom where stories are created and published day after day.
create unlogged table plan as
select id,
       case when id = :busy then 'published'
            when r_status < 0.005 then 'draft' when r_status < 0.007 then 'scheduled'
            when r_status < 0.010 then 'archived' else 'published' end as kind,
       least(:'anchor'::timestamptz, date_trunc('second', :'anchor'::timestamptz
             - ((:scale - id)::float8 / :scale) * interval '8 years' + (r_jitter - 0.5) * interval '12 hours')) as dated_at,
       date_trunc('second', now() + interval '1 day' + r_jitter * interval '30 days') as scheduled_at,
       category_id,
       -- The article's topic is its subsection (for a section, one of its three subsections).
       case when category_id <= 6 then 1 + 3 * (category_id - 1) + floor(r_topic * 3)::int
            when category_id <= 24 then category_id - 6
            else 1 + (category_id - 25) / 2 end as topic,
       3 + floor(r_length * 4)::int as nsections,
       r_section,
       r_excerpt < 0.7 as has_excerpt,
       r_cover < 0.9 as has_cover,
       r_open < 0.95 as comments_open,
       1 + floor(r_author * 40)::int as author,
       1 + floor(r_editor * :neditors)::int as editor,
       r_edited < 0.3 as edited,
       r_created
from (select id, random() as r_status, random() as r_jitter, 1 + floor(random() * 60)::int as category_id,
             random() as r_topic, random() as r_length,
             random() as r_section, random() as r_excerpt, random() as r_cover, random() as r_open,
             random() as r_author, random() as r_editor, random() as r_edited, random() as r_created
      from generate_series(1, :scale) id) r;
alter table plan add primary key (id);
alter table plan add column lead_para int;
update plan set lead_para = topic + 18 * floor(r_section * (:npara_pool / 18))::int;

-- Titles, excerpts, captions and 2 to 5 distinct tags (most shared, a few rare).
-- Short texts (titles, excerpts, alt texts, captions) are consecutive slices of a window of 100
-- drawn words: one join per article instead of six word-by-word phrases (too slow at 100,000).
create unlogged table plan_text as
select d.id,
       bench_load.capitalized(array_to_string(w.words[d.o : d.o + d.nt - 1], ' ')) as title,
       bench_load.capitalized(array_to_string(w.words[d.o + 11 : d.o + 10 + d.ne], ' ')) || '.' as excerpt,
       bench_load.capitalized(array_to_string(w.words[d.o + 46 : d.o + 45 + d.na], ' ')) as cover_alt,
       bench_load.capitalized(array_to_string(w.words[d.o + 53 : d.o + 52 + d.nc], ' ')) || '.' as cover_caption,
       bench_load.capitalized(array_to_string(w.words[d.o + 67 : d.o + 66 + d.nfa], ' ')) as figure_alt,
       bench_load.capitalized(array_to_string(w.words[d.o + 74 : d.o + 73 + d.nfc], ' ')) || '.' as figure_caption,
       d.ntags, d.tag_draws
from (select id, topic + 18 * floor(random() * :nwindow_per_topic)::int as window_id, 1 + floor(random() * 13)::int as o,
             5 + floor(random() * 7)::int as nt, 16 + floor(random() * 20)::int as ne,
             3 + floor(random() * 5)::int as na, 6 + floor(random() * 9)::int as nc,
             3 + floor(random() * 5)::int as nfa, 6 + floor(random() * 9)::int as nfc,
             2 + floor(random() * 4)::int as ntags,
             array[least(:ntag, floor(exp(random() * ln(:ntag + 1)))::int), least(:ntag, floor(exp(random() * ln(:ntag + 1)))::int),
                   least(:ntag, floor(exp(random() * ln(:ntag + 1)))::int), 1 + floor(random() * :ntag)::int,
                   1 + floor(random() * :ntag)::int, 1 + floor(random() * :ntag)::int] as tag_draws
      from plan order by id) d
join word_window w on w.id = d.window_id
order by d.id;
alter table plan_text add primary key (id);

create unlogged table plan_tags as
select id, array_agg(tag order by first_at) as tags
from (select id, tag, first_at, dense_rank() over (partition by id order by first_at) as nth, ntags
      from (select pt.id, t.tag, min(d.ord) as first_at, pt.ntags
            from plan_text pt cross join lateral unnest(pt.tag_draws) with ordinality as d(r, ord)
            join tag_word t on t.rank = d.r
            group by pt.id, t.tag, pt.ntags) x) y
where nth <= ntags
group by id;
alter table plan_tags add primary key (id);

-- Which sections make each body, in order: four in five on the article's topic.
create unlogged table plan_section as
select p.id as aid, j,
       case when random() < 0.8 then p.topic + 18 * floor(random() * (:nsection_pool / 18))::int
            else 1 + floor(random() * :nsection_pool)::int end as sid
from plan p cross join lateral generate_series(1, p.nsections) j
order by p.id, j;
alter table plan_section add primary key (aid, j);
-- Statistics now, not whenever autovacuum comes by: without them the planner picks nested loops over
-- whole tables.
analyze para; analyze heading; analyze comment_text; analyze plan; analyze plan_text; analyze plan_tags; analyze plan_section;

\echo '  comments'
-- Public articles numbered newest first: comments favour recent stories.
create unlogged table pub as
select row_number() over (order by dated_at desc, id desc) as n, id, dated_at
from plan where kind = 'published' and id <> :busy;
alter table pub add primary key (n);
select count(*) as npub from pub \gset

select count(*) as nfirst from first_name \gset
select count(*) as nlast from last_name \gset
create unlogged table commenter as
select g.n, f.name || ' ' || l.name as name,
       lower(f.name || '.' || l.name || g.n) || '@' || (array['example.com', 'example.org', 'example.net'])[1 + g.n % 3] as email,
       case when g.n % 5 = 0 then 'https://' || lower(f.name || l.name) || g.n || '.example.net' end as url
from generate_series(1, :ncommenters) g(n)
join first_name f on f.n = 1 + g.n % :nfirst join last_name l on l.n = 1 + (g.n / :nfirst) % :nlast;
alter table commenter add primary key (n);
analyze pub; analyze commenter;

-- Drop the secondary indexes while loading and build them once at the end, from their own
-- definitions (so the schema stays exactly Flyway's), which is several times faster.
create unlogged table saved_index as
select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
from pg_index i join pg_class t on t.oid = i.indrelid
where t.relnamespace = 'public'::regnamespace and t.relname in ('article', 'comment', 'related_link')
  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
select format('drop index %s', name) from saved_index \gexec

select round(:ncomments * 0.85)::int - 500 as ntop, :ncomments - round(:ncomments * 0.85)::int as nreplies \gset

-- Every comment is drawn first (where, when, by whom, which text, which fate), then written in one go.
create unlogged table comment_draw (id bigint primary key, article_id bigint not null, parent_id bigint,
                                created_at timestamptz not null, r_status float8 not null, who int not null, txt int not null);

-- Top-level comments on public articles, skewed towards recent ones, written within ten days.
insert into comment_draw
select d.cid, p.id, null, date_trunc('second', least(:'anchor'::timestamptz, p.dated_at + d.r_when * interval '10 days')),
       d.r_status, d.who, d.txt
from (select cid, 1 + floor(power(random(), 2.2) * :npub)::int as n, random() as r_when, random() as r_status,
             1 + floor(power(random(), 3) * :ncommenters)::int as who, 1 + floor(random() * 3000)::int as txt
      from generate_series(1, :ntop) cid) d
join pub p on p.n = d.n
order by d.cid;

-- The busy article: 400 approved top-level comments and 100 approved replies among them.
select dated_at as busy_at from plan where id = :busy \gset
insert into comment_draw
select :ntop + k, :busy, null, :'busy_at'::timestamptz + k * interval '1 minute', 0,
       1 + floor(random() * :ncommenters)::int, 1 + floor(random() * 3000)::int
from generate_series(1, 400) k;
insert into comment_draw
select :ntop + 400 + k, :busy, :ntop + 1 + floor(random() * 400)::int,
       :'busy_at'::timestamptz + interval '400 minutes' + k * interval '1 minute', 0,
       1 + floor(random() * :ncommenters)::int, 1 + floor(random() * 3000)::int
from generate_series(1, 100) k;

-- Replies, under approved top-level comments only, within two days of their parent.
create unlogged table reply_parent as
select row_number() over (order by id) as n, id, article_id, created_at
from comment_draw where parent_id is null and r_status < 0.90 and article_id <> :busy;
alter table reply_parent add primary key (n);
analyze comment_draw; analyze reply_parent;
select count(*) as nparents from reply_parent \gset
insert into comment_draw
select :ntop + 500 + d.k, rp.article_id, rp.id,
       date_trunc('second', least(:'anchor'::timestamptz, rp.created_at + d.r_when * interval '2 days')),
       d.r_status, d.who, d.txt
from (select k, 1 + floor(random() * :nparents)::int as n, random() as r_when, random() as r_status,
             1 + floor(power(random(), 3) * :ncommenters)::int as who, 1 + floor(random() * 3000)::int as txt
      from generate_series(1, :nreplies) k) d
join reply_parent rp on rp.n = d.n
order by d.k;

-- Status 90% approved, 7% pending, 3% spam; client address and user agent only for the last 30
-- days (the service erases older ones).
insert into comment (id, article_id, parent_id, author_name, author_email, author_email_key, author_url,
                     body, body_hash, body_html, status, staff, spam_reason, client_address, user_agent,
                     created_at, updated_at, version)
select d.id, d.article_id, d.parent_id, c.name, c.email, lower(c.email), c.url, t.body, t.body_hash, t.body_html,
       case when d.r_status < 0.90 then 'approved' when d.r_status < 0.97 then 'pending' else 'spam' end,
       false,
       case when d.r_status >= 0.97 then (array['too many links', 'blocked word', 'honeypot'])[1 + floor((d.r_status - 0.97) * 100)::int] end,
       case when d.created_at > now() - interval '30 days' then '198.51.100.' || (1 + d.id % 250) end,
       case when d.created_at > now() - interval '30 days' then 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' end,
       d.created_at, d.created_at, 0
from comment_draw d join commenter c on c.n = d.who join comment_text t on t.id = d.txt
order by d.id;
drop table comment_draw;
select setval(pg_get_serial_sequence('comment', 'id'), (select max(id) from comment));

analyze comment;
-- comment_count as CommentRepository.recount has it: approved comments under approved parents only.
create unlogged table comment_stats as
with recursive visible (id, article_id, created_at) as (
    select id, article_id, created_at from comment where parent_id is null and status = 'approved'
    union all
    select c.id, c.article_id, c.created_at from comment c join visible v on c.parent_id = v.id where c.status = 'approved'
)
select article_id, count(*)::int as n, max(created_at) as last_at from visible group by article_id;
alter table comment_stats add primary key (article_id);

\echo '  related links'
-- A tenth of the public articles have 2 to 5 curated links: three in four internal, the rest external.
insert into related_link (article_id, position, target_article_id, url, title, description,
                          image_url, image_alt, image_caption, image_width, image_height)
select d.aid, d.j,
       case when not d.external then coalesce(nullif(tp.id, d.aid), (select id from pub where n = 1 + tp.n % :npub)) end,
       case when d.external then 'https://www.example.org/news/' || d.aid || '-' || d.j end,
       case when d.external then bench_load.capitalized(array_to_string(w.words[d.o : d.o + 3 + d.j], ' ')) end,
       case when d.external then bench_load.capitalized(array_to_string(w.words[d.o + 10 : d.o + 19 + d.j], ' ')) || '.' end,
       case when d.external and d.with_image then 'https://images.example.org/news/' || d.aid || '-' || d.j || '.jpg' end,
       case when d.external and d.with_image then bench_load.capitalized(array_to_string(w.words[d.o + 30 : d.o + 33], ' ')) end,
       null,
       case when d.external and d.with_image then 1200 end,
       case when d.external and d.with_image then 630 end
from (select p.id as aid, j, random() < 0.25 as external, random() < 0.5 as with_image,
             1 + (base + j * (:npub / 7)) % :npub as target_n, 1 + floor(random() * 18 * :nwindow_per_topic)::int as window_id,
             1 + floor(random() * 60)::int as o
      from (select id, floor(random() * :npub)::int as base, 2 + floor(random() * 4)::int as nlinks
            from plan where kind = 'published' and id % 10 = 3) p
      cross join lateral generate_series(1, p.nlinks) j) d
join pub tp on tp.n = d.target_n
join word_window w on w.id = d.window_id
order by d.aid, d.j;
select setval(pg_get_serial_sequence('related_link', 'id'), greatest(1, (select max(id) from related_link)));
analyze comment_stats; analyze editor; analyze first_name; analyze last_name; analyze related_link;

