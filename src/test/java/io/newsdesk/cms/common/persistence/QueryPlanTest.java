package io.newsdesk.cms.common.persistence;

import static io.newsdesk.cms.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.newsdesk.cms.article.Article;
import io.newsdesk.cms.related.RelatedRepository;

/**
 * The planner serves every hot read from an index on its own, with realistic statistics: a few
 * thousand articles over a category tree, tens of thousands of threaded comments, ANALYZEd, and then
 * {@code EXPLAIN (FORMAT JSON)} of the very SQL the repositories send (copied from them, with bound
 * parameters, so each plan is the custom plan the service gets). Sequential scans stay allowed
 * ({@code enable_seqscan} is left on): the point is that the planner prefers the index.
 *
 * <p>Isolation: every row is loaded on one connection inside one transaction that is rolled back at
 * the end, and ANALYZE and EXPLAIN run inside that same transaction. ANALYZE samples the
 * transaction's own uncommitted rows, so the statistics describe them; no other connection ever sees
 * a row (so lists and counts in other tests are untouched), and the rollback also restores the
 * statistics. Slugs carry this run's unique prefix, so no unique key is shared with another test.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTest {

    private static final int ARTICLES = 5_000;
    private static final int TOP_LEVEL_COMMENTS = 14_000;
    /** Comments on the one popular article: its thread is the one worth paging. */
    private static final int HOT_THREAD = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** As ArticleRepository.SUMMARY_COLUMNS. */
    private static final String SUMMARY_COLUMNS = """
            a.id, a.slug, a.title, coalesce(nullif(a.excerpt, ''), a.auto_excerpt), a.cover_url, a.cover_alt, a.cover_caption,
            a.cover_width, a.cover_height, c.slug, c.name, a.tags, a.author_name, a.published_at, a.updated_at,
            a.reading_time_minutes, a.comment_count""";
    /** ArticleQuery.Visibility.PUBLISHED, what anonymous readers list. */
    private static final String PUBLISHED = Article.publicSql("a");
    /** As ArticleRepository.where for a category filter. */
    private static final String IN_CATEGORY = " and a.category_id in (" + """

                        with recursive sub(id, depth) as (
                            select id, 0 from category where slug = :category
                            union all
                            select c.id, sub.depth + 1 from category c join sub on c.parent_id = sub.id where sub.depth < 1000
                        ) select id from sub)""";
    /** As ArticleRepository.listAfter's sort key. */
    private static final String CURSOR_KEY = "coalesce(a.published_at, cast('infinity' as timestamptz))";
    /** As CommentRepository.PUBLIC_COLUMNS. */
    private static final String COMMENT_COLUMNS = "c.id, c.parent_id, c.author_name, c.author_url, c.body_html, c.created_at, c.staff";

    @Inject
    AgroalDataSource dataSource;

    private Connection connection;
    private String prefix;
    private long hotArticleId;
    private long typicalArticleId;
    private String hotArticleSlug;

    @BeforeAll
    void loadRealisticVolumesInATransactionNobodyElseSees() throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        prefix = unique("plan");
        long started = System.nanoTime();
        try (Statement sql = connection.createStatement()) {
            // A tree of 8 sections with 4 subsections each.
            sql.execute("insert into category (slug, name, parent_id, position, created_at, updated_at) "
                    + "select '" + prefix + "-root-' || g, 'Section ' || g, null, g, now(), now() from generate_series(1, 8) g");
            sql.execute("insert into category (slug, name, parent_id, position, created_at, updated_at) "
                    + "select '" + prefix + "-sub-' || r.id || '-' || g, 'Subsection ' || r.id || '.' || g, r.id, g, now(), now() "
                    + "from category r cross join generate_series(1, 4) g where r.slug like '" + prefix + "-root-%'");
            // Articles a couple of hours apart over about two years: 92% published, some drafts (a few undated) and archived;
            // titles and bodies drawn from a vocabulary whose word frequencies fall off like real text (40 common words
            // and 360 rarer ones), two tags each; the search vector is built exactly as ArticleRepository.index builds it.
            sql.execute("""
                    with words(w) as (
                        select array['election','budget','climate','football','vaccine','housing','inflation','museum','railway','harbour',
                            'festival','parliament','startup','drought','orchestra','satellite','hospital','tariff','wildfire','library',
                            'pension','tennis','bridge','vineyard','glacier','robotics','fishing','theatre','airport','mining','school',
                            'river','market','council','energy','traffic','science','fashion','cinema','farming']
                            || array(select 'topic' || n from generate_series(41, 400) n)
                    ), cats as (
                        select array_agg(id order by id) ids from category where slug like '%1$s-%%'
                    ), gen as materialized (
                        select g, cats.ids[1 + g %% 40] cat,
                            w[1 + (2147483647 & hashint4(g * 7 + 1)) %% 40] || ' ' || w[1 + (2147483647 & hashint4(g * 7 + 2)) %% 400] || ' '
                                || w[1 + (2147483647 & hashint4(g * 7 + 3)) %% 400] || ' ' || g title,
                            (select string_agg(w[floor(exp(((2147483647 & hashint4(g * 101 + i)) %% 100000) / 100000.0 * ln(400)))::int], ' ')
                               from generate_series(1, 60) i) || case when g %% 500 = 7 then ' zeppelin' else '' end body,
                            array[w[1 + (2147483647 & hashint4(g * 13 + 1)) %% 40], w[1 + (2147483647 & hashint4(g * 13 + 2)) %% 40]] tags,
                            case when g %% 20 = 0 then 'draft' when g %% 33 = 0 then 'archived' else 'published' end status,
                            date_trunc('second', now()) - make_interval(mins => 60 + g * 131) pub
                        from generate_series(1, %2$d) g, words, cats
                    )
                    insert into article (slug, title, auto_excerpt, body, body_html, body_text, category_id, tags, tag_keys, author_name,
                        status, published_at, comments_open, reading_time_minutes, comment_count, created_at, updated_at,
                        search_head, search_words)
                    select '%1$s-art-' || g, title, left(body, 150), body, '<p>' || body || '</p>', body, cat, tags, tags,
                        'Reporter ' || g %% 50, status, case when status = 'draft' and g %% 40 = 0 then null else pub end, true, 1, 0,
                        pub, pub,
                        head, strip(head || to_tsvector('english', body))
                    from gen cross join lateral (select setweight(to_tsvector('english', title), 'A')
                        || setweight(to_tsvector('english', left(body, 150)), 'B')
                        || setweight(to_tsvector('english', array_to_string(tags, ' ')), 'B') as head) h""".formatted(prefix, ARTICLES));
            // Top-level comments: one popular article gets hundreds, the rest are spread thinly; 80% approved, then pending,
            // spam and trash, posted in the days after their article.
            sql.execute("""
                    insert into comment (article_id, parent_id, author_name, author_email, author_email_key, body, body_hash, body_html,
                        status, staff, client_address, user_agent, created_at, updated_at)
                    select a.id, null, 'Reader ' || n, 'reader' || n %% 3000 || '@%1$s.example', 'reader' || n %% 3000 || '@%1$s.example',
                        'Remark ' || n, md5('Remark ' || n), '<p>Remark ' || n || '</p>',
                        case when n %% 20 < 16 then 'approved' when n %% 20 < 18 then 'pending' when n %% 20 = 18 then 'spam' else 'trash' end,
                        false, '10.0.' || n %% 250 || '.1', 'PlanTest/1.0', a.published_at + make_interval(secs => n * 7),
                        a.published_at + make_interval(secs => n * 7)
                    from generate_series(1, %2$d) n
                    join article a on a.slug = '%1$s-art-' || case when n <= %3$d then 3 else 1 + (2147483647 & hashint4(n)) %% %4$d end
                    where a.published_at is not null""".formatted(prefix, TOP_LEVEL_COMMENTS, HOT_THREAD, ARTICLES));
            // Replies: two under about 40% of the top-level comments, two further levels deep.
            for (int level = 0; level < 2; level++) {
                sql.execute("""
                        insert into comment (article_id, parent_id, author_name, author_email, author_email_key, body, body_hash, body_html,
                            status, staff, client_address, user_agent, created_at, updated_at)
                        select p.article_id, p.id, 'Replier ' || p.id, 'replier' || p.id %% 3000 || '@%1$s.example',
                            'replier' || p.id %% 3000 || '@%1$s.example', 'Reply ' || p.id || '-' || k, md5('Reply ' || p.id || '-' || k),
                            '<p>Reply</p>', case when (p.id + k) %% 10 < 8 then 'approved' else 'pending' end, false, null, null,
                            p.created_at + make_interval(mins => k), p.created_at + make_interval(mins => k)
                        from comment p cross join generate_series(1, 2) k
                        where p.author_email like '%%@%1$s.example' and (2147483647 & hashint4(p.id::int)) %% 5 < 2
                          and %2$s""".formatted(prefix, level == 0 ? "p.parent_id is null"
                        : "p.author_name like 'Replier %' and p.parent_id in (select id from comment where parent_id is null)"));
            }
            // Editors curated two related links on every tenth article.
            sql.execute("""
                    insert into related_link (article_id, position, target_article_id)
                    select s.id, k, t.id from article s cross join generate_series(1, 2) k
                    join article t on t.slug = '%1$s-art-' || (1 + ((2147483647 & hashint4(s.id::int + k)) %% %2$d))
                    where s.slug like '%1$s-art-%%0' and t.id <> s.id""".formatted(prefix, ARTICLES));
            // What autovacuum does in production: merge the GIN indexes' pending lists (bulk inserts leave them there, and the
            // planner prices a long pending list as a full read), then fresh statistics.
            sql.execute("select gin_clean_pending_list('article_search_words_idx'::regclass), gin_clean_pending_list('article_search_head_idx'::regclass), gin_clean_pending_list('article_tag_keys_idx'::regclass)");
            for (String table : List.of("category", "article", "comment", "related_link")) {
                sql.execute("analyze " + table);
            }
        }
        hotArticleSlug = prefix + "-art-3";
        hotArticleId = single("select id from article where slug = :slug", Map.of("slug", hotArticleSlug));
        typicalArticleId = single("select id from article where slug = :slug", Map.of("slug", prefix + "-art-1234"));
        long comments = single("select count(*) from comment where author_email like :mail", Map.of("mail", "%@" + prefix + ".example"));
        System.out.printf("[query plans] loaded %d articles and %d comments in %d ms%n", ARTICLES, comments,
                (System.nanoTime() - started) / 1_000_000);
        assertTrue(comments >= 20_000, "enough comments for realistic statistics: " + comments);
    }

    @AfterAll
    void rollBackEverything() throws SQLException {
        if (connection != null) {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } finally {
                connection.close();
            }
        }
    }

    // ---- Articles ---------------------------------------------------------------------------------

    @Test
    void shouldServeThePublicFrontPageFromThePublicIndexInOrder() throws SQLException {
        // ArticleRepository.list: no filter, sort -publishedAt, first page.
        JsonNode plan = explain("select " + SUMMARY_COLUMNS + ", null from article a left join category c on c.id = a.category_id where "
                + PUBLISHED + " order by a.published_at desc, a.id desc limit :limit offset :offset",
                Map.of("limit", 20, "offset", 0));

        assertNoSeqScan(plan, "article", "comment");
        assertIndex(plan, "article", "article_public_idx");
        assertNoSort(plan, "the public index already yields the newest first");
    }

    @Test
    void shouldListASectionWithItsSubsectionsThroughAnIndex() throws SQLException {
        // ArticleRepository.list with ?category=<a section with four subsections>.
        JsonNode plan = explain("select " + SUMMARY_COLUMNS + ", null from article a left join category c on c.id = a.category_id where "
                + PUBLISHED + IN_CATEGORY + " order by a.published_at desc, a.id desc limit :limit offset :offset",
                Map.of("category", prefix + "-root-3", "limit", 20, "offset", 0));

        assertNoSeqScan(plan, "article", "comment");
        assertIndex(plan, "article", "article_public_idx", "article_category_idx");
    }

    @Test
    void shouldReadACursorPageDeepInTheFeedFromAnIndexInOrder() throws SQLException {
        // ArticleRepository.listAfter: the public feed by cursor, about 3,000 articles in.
        String afterAt = single("select to_char(published_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from article where slug = :slug",
                Map.of("slug", prefix + "-art-3001"));
        long afterId = single("select id from article where slug = :slug", Map.of("slug", prefix + "-art-3001"));
        JsonNode plan = explain("select " + SUMMARY_COLUMNS + ", null from article a left join category c on c.id = a.category_id where "
                + PUBLISHED + " and (" + CURSOR_KEY + ", a.id) < (cast(:afterAt as timestamptz), :afterId)"
                + " order by " + CURSOR_KEY + " desc, a.id desc limit :limit",
                Map.of("afterAt", afterAt, "afterId", afterId, "limit", 21));

        assertNoSeqScan(plan, "article", "comment");
        assertNoSort(plan, "a keyset page reads the feed in index order from the cursor on, whatever its depth");
    }

    @Test
    void shouldReadTheFirstCursorPageFromAnIndexInOrder() throws SQLException {
        // ArticleRepository.listAfter: the public feed by cursor, "cursor=" (no position yet).
        JsonNode plan = explain("select " + SUMMARY_COLUMNS + ", null from article a left join category c on c.id = a.category_id where "
                + PUBLISHED + " order by " + CURSOR_KEY + " desc, a.id desc limit :limit", Map.of("limit", 21));

        assertNoSeqScan(plan, "article", "comment");
        assertNoSort(plan, "the first cursor page reads the newest articles in index order");
    }

    @Test
    void shouldSearchOnlyTheNewestMatchesThroughAnIndex() throws SQLException {
        // ArticleRepository.search with ?q=: a rare word, a word in about 5% of articles, a common one, and a websearch phrase
        // with an exclusion. Matches come from the words index (rare words) or in date order from the feed index (common
        // ones); either way only the newest matches are read, never every article.
        for (String q : List.of("zeppelin", "topic200", "election", "\"topic120 topic121\" -election", "harbour zeppelin")) {
            String words = "cast(regexp_replace(cast(websearch_to_tsquery('english', :q) as text), '<[0-9-]+>', '&', 'g') as tsquery)";
            String snippet = "ts_headline('english', left(coalesce(nullif(a.body_text, ''), a.body), 1200), websearch_to_tsquery('english', :q), "
                    + "'StartSel=\u0001, StopSel=\u0002, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"')";
            JsonNode plan = explain("with matches as (select a.id, ts_rank_cd(a.search_head, websearch_to_tsquery('english', :q)) as rank, "
                    + "row_number() over (order by a.published_at desc, a.id desc) as recency from article a where " + PUBLISHED
                    + " and a.search_words @@ " + words + " order by a.published_at desc, a.id desc limit :window) "
                    + "select " + SUMMARY_COLUMNS + ", " + snippet + ", (select count(*) from matches) "
                    + "from matches m join article a on a.id = m.id left join category c on c.id = a.category_id "
                    + "order by (m.recency <= :ranked) desc, case when m.recency <= :ranked then m.rank end desc nulls last, m.recency "
                    + "limit :limit offset :offset", Map.of("q", q, "window", 101, "ranked", 100, "limit", 20, "offset", 0));

            assertNoSeqScan(plan, "article", "comment");
            assertIndex(plan, "article", "article_search_words_idx", "article_public_idx", "article_pkey");
        }
    }

    @Test
    void shouldReadAnArticleBySlugThroughItsUniqueKey() throws SQLException {
        // ArticleRepository.findBySlug (Panache find("slug", slug).firstResultOptional()), as Hibernate renders it.
        JsonNode plan = explain("select a1_0.id, a1_0.slug, a1_0.title, a1_0.body, a1_0.version from article a1_0 where a1_0.slug = :slug "
                + "fetch first :max rows only", Map.of("slug", hotArticleSlug, "max", 1));

        assertNoSeqScan(plan, "article", "comment");
        assertIndex(plan, "article", "article_slug_key");
    }

    @Test
    void shouldSuggestRelatedArticlesWithoutReadingEveryArticle() throws SQLException {
        // RelatedRepository.suggestions for one article (GET /articles/{slug}?include=related), 4 items.
        JsonNode plan = explain(RelatedRepository.SUGGESTIONS, Map.of("ids", List.of(typicalArticleId), "count", 4, "pool", 25, "tagPool", 100));

        assertNoSeqScan(plan, "article", "comment");
    }

    // ---- Comments ---------------------------------------------------------------------------------

    @Test
    void shouldPageThePopularThreadThroughTheThreadIndexInOrder() throws SQLException {
        // CommentRepository.topLevelPage and countTopLevel for an article with hundreds of comments.
        JsonNode page = explain("select " + COMMENT_COLUMNS + """
                 from comment c where c.article_id = :article and c.parent_id is null and c.status = 'approved'
                order by c.created_at, c.id limit :limit offset :offset""", Map.of("article", hotArticleId, "limit", 20, "offset", 0));
        JsonNode count = explain("select count(*) from comment where article_id = :article and parent_id is null and status = 'approved'",
                Map.of("article", hotArticleId));

        assertNoSeqScan(page, "article", "comment");
        assertIndex(page, "comment", name -> name.startsWith("comment_thread"), "a comment_thread index (keyed by the article)");
        assertNoSort(page, "a thread page reads the article's comments oldest first from the index");
        assertNoSeqScan(count, "article", "comment");
        assertIndex(count, "comment", name -> name.startsWith("comment_thread"), "a comment_thread index (keyed by the article)");
    }

    @Test
    void shouldPageAThinThreadThroughTheThreadIndex() throws SQLException {
        // CommentRepository.topLevelPage for an article with a handful of comments, as most are.
        JsonNode page = explain("select " + COMMENT_COLUMNS + """
                 from comment c where c.article_id = :article and c.parent_id is null and c.status = 'approved'
                order by c.created_at, c.id limit :limit offset :offset""", Map.of("article", typicalArticleId, "limit", 20, "offset", 0));

        assertNoSeqScan(page, "article", "comment");
        assertIndex(page, "comment", name -> name.startsWith("comment_thread"), "a comment_thread index (keyed by the article)");
    }

    @Test
    void shouldFetchTheRepliesOfAThreadPageThroughTheParentIndex() throws SQLException {
        // CommentRepository.approvedReplies for the first page of the popular thread.
        List<Long> roots = new ArrayList<>();
        try (PreparedStatement first = prepare("select c.id from comment c where c.article_id = :article and c.parent_id is null "
                + "and c.status = 'approved' order by c.created_at, c.id limit 20", Map.of("article", hotArticleId));
                ResultSet rows = first.executeQuery()) {
            while (rows.next()) {
                roots.add(rows.getLong(1));
            }
        }
        assertEquals(20, roots.size());
        JsonNode plan = explain("""
                with recursive r as (
                    select c.* from comment c where c.parent_id in (:roots) and c.status = 'approved'
                    union all
                    select c.* from comment c join r on c.parent_id = r.id where c.status = 'approved'
                ) select""" + " " + COMMENT_COLUMNS.replace("c.", "r.") + " from r order by r.created_at, r.id",
                Map.of("roots", roots));

        assertNoSeqScan(plan, "article", "comment");
        assertIndex(plan, "comment", "comment_parent_idx");
    }

    // ---- Plans ------------------------------------------------------------------------------------

    /** The JSON plan of this SQL with its named parameters bound, as the service would get it. */
    private JsonNode explain(String sql, Map<String, ?> params) throws SQLException {
        try (PreparedStatement statement = prepare("explain (format json) " + sql, params);
                ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next());
            JsonNode plan = JSON.readTree(rows.getString(1)).get(0).get("Plan");
            String oneLine = sql.replaceAll("\\s+", " ").strip();
            System.out.println("[query plans] " + oneLine.substring(0, Math.min(140, oneLine.length())) + "...\n" + outline(plan, 1));
            return plan;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T single(String sql, Map<String, ?> params) throws SQLException {
        try (PreparedStatement statement = prepare(sql, params); ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next());
            @SuppressWarnings("unchecked")
            T value = (T) rows.getObject(1);
            return value;
        }
    }

    /**
     * Binds named parameters as Hibernate does: a collection expands to one placeholder per element. The time of
     * the public rule ({@code :now}) is bound as the service binds it, to the current time, unless a test gives one.
     */
    private PreparedStatement prepare(String sql, Map<String, ?> given) throws SQLException {
        Map<String, Object> params = new java.util.HashMap<>(given);
        params.putIfAbsent(Article.NOW, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
        Matcher names = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)").matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        List<Object> values = new ArrayList<>();
        while (names.find()) {
            assertTrue(params.containsKey(names.group(1)), "a value for :" + names.group(1));
            Object value = params.get(names.group(1));
            String placeholders = "?";
            if (value instanceof Collection<?> many) {
                placeholders = String.join(", ", java.util.Collections.nCopies(many.size(), "?"));
                values.addAll(many);
            } else {
                values.add(value);
            }
            names.appendReplacement(jdbc, placeholders);
        }
        names.appendTail(jdbc);
        PreparedStatement statement = connection.prepareStatement(jdbc.toString());
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    /** Every node of the plan, sub-plans, init plans and CTEs included. */
    private static List<JsonNode> nodes(JsonNode plan) {
        List<JsonNode> out = new ArrayList<>();
        out.add(plan);
        for (JsonNode child : plan.path("Plans")) {
            out.addAll(nodes(child));
        }
        return out;
    }

    private static void assertNoSeqScan(JsonNode plan, String... tables) {
        for (JsonNode node : nodes(plan)) {
            for (String table : tables) {
                assertFalse("Seq Scan".equals(node.path("Node Type").asText()) && table.equals(node.path("Relation Name").asText()),
                        "no sequential scan of " + table + " (it grows with the table), but the plan is:\n" + outline(plan, 1));
            }
        }
    }

    private static void assertIndex(JsonNode plan, String table, String... indexes) {
        List<String> expected = List.of(indexes);
        assertIndex(plan, table, expected::contains, String.join(" or ", indexes));
    }

    /** Every read of the table goes through an index that matches. */
    private static void assertIndex(JsonNode plan, String table, Predicate<String> expected, String description) {
        List<String> used = indexesOn(plan, table);
        assertFalse(used.isEmpty(), table + " is read through " + description + ", but the plan is:\n" + outline(plan, 1));
        assertTrue(used.stream().allMatch(expected), table + " is read through " + description + ", not " + used
                + "; the plan is:\n" + outline(plan, 1));
    }

    /** The indexes the plan reads this table through (bitmap index scans name no relation: they count for the heap scan above). */
    private static List<String> indexesOn(JsonNode plan, String table) {
        List<String> used = new ArrayList<>();
        for (JsonNode node : nodes(plan)) {
            String type = node.path("Node Type").asText();
            if (table.equals(node.path("Relation Name").asText())) {
                if (type.equals("Index Scan") || type.equals("Index Only Scan")) {
                    used.add(node.path("Index Name").asText());
                } else if (type.equals("Bitmap Heap Scan")) {
                    for (JsonNode below : nodes(node)) {
                        if (below.path("Node Type").asText().equals("Bitmap Index Scan")) {
                            used.add(below.path("Index Name").asText());
                        }
                    }
                }
            }
        }
        return used;
    }

    private static void assertNoSort(JsonNode plan, String why) {
        for (JsonNode node : nodes(plan)) {
            assertFalse(node.path("Node Type").asText().contains("Sort"), why + ", but the plan sorts:\n" + outline(plan, 1));
        }
    }

    /** A readable outline of the plan, for failure messages and the build log. */
    private static String outline(JsonNode node, int depth) {
        StringBuilder out = new StringBuilder("  ".repeat(depth)).append("-> ").append(node.path("Node Type").asText());
        if (node.has("Index Name")) {
            out.append(" using ").append(node.get("Index Name").asText());
        }
        if (node.has("Relation Name")) {
            out.append(" on ").append(node.get("Relation Name").asText());
        }
        out.append(" (rows=").append(node.path("Plan Rows").asText()).append(" cost=").append(node.path("Total Cost").asText()).append(')');
        for (String detail : List.of("Index Cond", "Filter", "Sort Key")) {
            if (node.has(detail)) {
                out.append(' ').append(detail).append(": ").append(node.get(detail));
            }
        }
        out.append('\n');
        for (JsonNode child : node.path("Plans")) {
            out.append(outline(child, depth + 1));
        }
        return out.toString();
    }
}
