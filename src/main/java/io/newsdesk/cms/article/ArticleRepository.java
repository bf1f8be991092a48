package io.newsdesk.cms.article;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import io.newsdesk.cms.category.CategoryRef;
import io.newsdesk.cms.common.persistence.Times;
import io.newsdesk.cms.common.text.Slugs;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class ArticleRepository implements PanacheRepository<Article> {

    @jakarta.inject.Inject
    Covers covers;

    @jakarta.inject.Inject
    Clock clock;

    private static final String SUMMARY_COLUMNS = """
            a.id, a.slug, a.title, coalesce(nullif(a.excerpt, ''), a.auto_excerpt), a.cover_url, a.cover_alt, a.cover_caption,
            a.cover_width, a.cover_height, c.slug, c.name, a.tags, a.author_name, a.published_at, a.updated_at,
            a.reading_time_minutes, a.comment_count""";

    /** Records which library images the article's body shows, when its body was rendered again. */
    public void showImages(Article article, boolean isNew) {
        if (article.bodyImages == null) {
            return;
        }
        if (!isNew) {
            getEntityManager().createNativeQuery("delete from article_media where article_id = :id")
                    .setParameter("id", article.id).executeUpdate();
        }
        for (Long media : article.bodyImages) {
            getEntityManager().createNativeQuery("insert into article_media (article_id, media_id) values (:id, :media)")
                    .setParameter("id", article.id).setParameter("media", media).executeUpdate();
        }
    }

    public Optional<Article> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /** What an article page shows, with its breadcrumb, read in one statement and without the search columns. */
    record PageRow(long id, String slug, String title, String excerpt, CoverImage cover, List<String> tags, String authorName,
            Instant publishedAt, Instant updatedAt, int readingTimeMinutes, int commentCount, String body, String bodyHtml,
            boolean commentsOpen, ArticleStatus status, Instant createdAt, Long createdById, String createdByName, String updatedByName,
            Instant commentsChangedAt, List<CategoryRef> path, Instant pathChangedAt) {

        boolean isPublicAt(Instant now) {
            return Article.isPublic(status, publishedAt, now);
        }

        static PageRow of(Tuple t, Covers covers) {
            CoverImage cover = covers.read(t);
            List<String> slugs = ArticleRepository.tags(t.get("crumb_slugs"));
            List<String> names = ArticleRepository.tags(t.get("crumb_names"));
            List<CategoryRef> path = new ArrayList<>(slugs.size());
            for (int i = 0; i < slugs.size(); i++) {
                path.add(new CategoryRef(slugs.get(i), names.get(i)));
            }
            return new PageRow(((Number) t.get("id")).longValue(), t.get("slug", String.class), t.get("title", String.class),
                    t.get("excerpt", String.class), cover, ArticleRepository.tags(t.get("tags")), t.get("author_name", String.class),
                    Times.instant(t.get("published_at")), Times.instant(t.get("updated_at")),
                    ((Number) t.get("reading_time_minutes")).intValue(), ((Number) t.get("comment_count")).intValue(),
                    t.get("body", String.class), t.get("body_html", String.class), (Boolean) t.get("comments_open"),
                    ArticleStatus.of(t.get("status", String.class)), Times.instant(t.get("created_at")),
                    t.get("created_by_id") == null ? null : ((Number) t.get("created_by_id")).longValue(), t.get("created_by_name", String.class), t.get("updated_by_name", String.class),
                    Times.instant(t.get("comments_changed_at")), List.copyOf(path), Times.instant(t.get("crumb_changed_at")));
        }
    }

    public Optional<PageRow> pageBySlug(String slug) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = getEntityManager().createNativeQuery("""
                select a.id, a.slug, a.title, coalesce(nullif(a.excerpt, ''), a.auto_excerpt) as excerpt, """ + Covers.columns("a", "cm") + """
                       , a.tags, a.author_name, a.published_at, a.updated_at,
                       a.reading_time_minutes, a.comment_count, a.body, a.body_html, a.comments_open, a.status, a.created_at,
                       a.created_by_id, a.created_by_name, a.updated_by_name, a.comments_changed_at,
                       crumb.slugs as crumb_slugs, crumb.names as crumb_names, crumb.changed_at as crumb_changed_at
                from article a""" + Covers.join("a", "cm") + """
                left join lateral (
                    with recursive up(id, parent_id, slug, name, updated_at, depth) as (
                        select id, parent_id, slug, name, updated_at, 0 from category where id = a.category_id
                        union all
                        select c.id, c.parent_id, c.slug, c.name, c.updated_at, up.depth + 1
                        from category c join up on c.id = up.parent_id where up.depth < 1000
                    )
                    select array_agg(slug order by depth desc) as slugs, array_agg(name order by depth desc) as names,
                           max(updated_at) as changed_at
                    from up
                ) crumb on a.category_id is not null
                where a.slug = :slug""", Tuple.class)
                .setParameter("slug", slug)
                .getResultList();
        return rows.stream().findFirst().map(t -> PageRow.of(t, covers));
    }

    /** One page of summaries: one statement for the items, one for the total. */
    public List<ArticleSummary> list(ArticleQuery query, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        String rank = rank(query, params);
        Query q = getEntityManager().createNativeQuery("select " + SUMMARY_COLUMNS + ", " + snippet(query) + ", " + Covers.columns("a", "cm")
                + " from article a left join category c on c.id = a.category_id" + Covers.join("a", "cm") + " where " + where
                + " order by " + orderBy(query.sort(), rank) + " limit :limit offset :offset");
        params.forEach(q::setParameter);
        q.setParameter("limit", limit);
        q.setParameter("offset", offset);
        return summaries(q);
    }

    /** A keyset page in the default order: the items after the given position (or the first ones), no OFFSET. */
    public List<ArticleSummary> listAfter(ArticleQuery query, Instant afterPublishedAt, Long afterId, int limit) {
        return summaries(keysetPage(query, null, afterPublishedAt, afterId, limit, ""));
    }

    /**
     * The same keyset page with each article's rendered body, for feeds; narrowed to one byline (its
     * case ignored) when {@code author} is given.
     */
    public List<ArticleContent> listContentAfter(ArticleQuery query, String author, Instant afterPublishedAt, Long afterId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = keysetPage(query, author, afterPublishedAt, afterId, limit, ", a.body_html").getResultList();
        List<ArticleContent> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new ArticleContent(summary(r), (String) r[18]));
        }
        return out;
    }

    /** The query of a keyset page: summary columns, the snippet, then {@code more} columns, then the cover's. */
    private Query keysetPage(ArticleQuery query, String author, Instant afterPublishedAt, Long afterId, int limit, String more) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        if (author != null) {
            where += " and lower(a.author_name) = lower(:author)";
            params.put("author", author);
        }
        // Undated drafts come first in the default order (newest first, no date before any date), as in page lists.
        String key = "coalesce(a.published_at, cast('infinity' as timestamptz))";
        if (afterId != null) {
            where += " and (" + key + ", a.id) < (cast(:afterAt as timestamptz), :afterId)";
            params.put("afterAt", afterPublishedAt == null ? "infinity" : afterPublishedAt.toString());
            params.put("afterId", afterId);
        }
        Query q = getEntityManager().createNativeQuery("select " + SUMMARY_COLUMNS + ", " + snippet(query) + more + ", " + Covers.columns("a", "cm")
                + " from article a left join category c on c.id = a.category_id" + Covers.join("a", "cm") + " where " + where
                + " order by " + key + " desc, a.id desc limit :limit");
        params.forEach(q::setParameter);
        q.setParameter("limit", limit);
        return q;
    }

    private List<ArticleSummary> summaries(Query q) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<ArticleSummary> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(summary(r));
        }
        return out;
    }

    /** The earliest publication time still to come, or null. */
    public Instant nextPublication() {
        return Times.instant(getEntityManager().createNativeQuery(
                "select min(published_at) from article where " + Article.scheduledSql("article"))
                .setParameter(Article.NOW, clock.instant()).getSingleResult());
    }

    /** An article that went public on its own, with what decides which lists it is in. */
    public record WentLive(long id, Long categoryId, Set<String> tagKeys) {
    }

    /** Articles whose publication time is in (after, upTo]. */
    public List<WentLive> publishedBetween(Instant after, Instant upTo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select id, category_id, tag_keys from article
                where status = 'published' and published_at > :after and published_at <= :upTo""")
                .setParameter("after", after)
                .setParameter("upTo", upTo)
                .getResultList();
        List<WentLive> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new WentLive(((Number) r[0]).longValue(), r[1] == null ? null : ((Number) r[1]).longValue(), Set.copyOf(tags(r[2]))));
        }
        return out;
    }

    public long count(ArticleQuery query) {
        if (query.visibility() == ArticleQuery.Visibility.PUBLISHED && query.tag() == null && query.text() == null) {
            return countPublic(query.category());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Query q = getEntityManager().createNativeQuery("select count(*) from article a where " + where(query, params));
        params.forEach(q::setParameter);
        return ((Number) q.getSingleResult()).longValue();
    }

    /**
     * Public articles, of a category and its subcategories or of all: the kept count of published
     * articles (V11) less those still scheduled, which are few. Costs the same whatever the number.
     */
    private long countPublic(String categorySlug) {
        Query q;
        if (categorySlug == null) {
            q = getEntityManager().createNativeQuery("""
                    select coalesce((select sum(published) from article_count), 0)
                           - (select count(*) from article where""" + " " + Article.scheduledSql("article") + ")");
        } else {
            q = getEntityManager().createNativeQuery("""
                    with recursive sub(id, depth) as (
                        select id, 0 from category where slug = :category
                        union all
                        select c.id, sub.depth + 1 from category c join sub on c.parent_id = sub.id where sub.depth < 1000
                    )
                    select coalesce((select sum(published) from article_count where category_key in (select id from sub)), 0)
                           - (select count(*) from article where""" + " " + Article.scheduledSql("article") + """

                              and category_id in (select id from sub))""")
                    .setParameter("category", categorySlug);
        }
        q.setParameter(Article.NOW, clock.instant());
        return ((Number) q.getSingleResult()).longValue();
    }

    /** The slugs equal to {@code base} (a valid slug) or of the form base-N: one look into the slug index, in pattern order. */
    public List<String> slugsLike(String base) {
        String numbered = base + "-%";
        return ((List<?>) getEntityManager().createNativeQuery("select slug from article where slug = :base or slug like :numbered")
                .setParameter("base", base).setParameter("numbered", numbered).getResultList())
                .stream().map(String.class::cast).toList();
    }

    /** Filters as SQL with bound parameters only; the fixed fragments never contain client input. */
    private String where(ArticleQuery query, Map<String, Object> params) {
        Instant now = clock.instant();
        StringBuilder where = new StringBuilder(query.visibility().sql);
        Article.bindNow(query.visibility().sql, params, now);
        if (query.visibility() != ArticleQuery.Visibility.PUBLISHED) {
            where.append(" and ").append(query.sight().sql("a"));
            query.sight().bind(params, now);
        }
        if (query.category() != null) {
            where.append(" and a.category_id in (").append("""

                        with recursive sub(id, depth) as (
                            select id, 0 from category where slug = :category
                            union all
                            select c.id, sub.depth + 1 from category c join sub on c.parent_id = sub.id where sub.depth < 1000
                        ) select id from sub)""");
            params.put("category", query.category());
        }
        if (query.tag() != null) {
            where.append(" and a.tag_keys @> array[cast(:tag as text)]");
            params.put("tag", query.tag().toLowerCase(Locale.ROOT));
        }
        if (query.text() != null) {
            // Every word present anywhere, excluded words absent: phrases count as their words here (see search).
            where.append(" and a.search_words @@ ").append(WORDS);
            params.put("q", query.text());
        }
        return where.toString();
    }

    /** The search as words only: a quoted phrase's words must all be there, in any order. */
    private static final String WORDS =
            "cast(regexp_replace(cast(websearch_to_tsquery('english', :q) as text), '<[0-9-]+>', '&', 'g') as tsquery)";

    private static String rank(ArticleQuery query, Map<String, Object> params) {
        return query.text() == null ? "0" : "ts_rank_cd(a.search_head, websearch_to_tsquery('english', :q))";
    }

    /**
     * A short extract of the body's opening around the matches, the matches between U+0001 and U+0002
     * (escaped and marked later). Only the first few thousand characters are read: the cost of a
     * snippet stays fixed however long the story.
     */
    private static String snippet(ArticleQuery query) {
        return query.text() == null ? "null"
                : "ts_headline('english', left(coalesce(nullif(a.body_text, ''), a.body), " + SNIPPET_SOURCE + "), "
                        + "websearch_to_tsquery('english', :q), "
                        + "'StartSel=\u0001, StopSel=\u0002, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"')";
    }

    private static final int SNIPPET_SOURCE = 1200;

    /** A page of search results and how many matches the search went through (all of them, or {@code window}). */
    public record Found(List<ArticleSummary> items, long seen) {
    }

    /**
     * A page of search results drawn from the newest {@code window} matches: by relevance, the newest
     * {@code ranked} matches come first ordered by rank (title over excerpt and tags, exact phrases over
     * scattered words), then older matches newest first; by date, matches newest (or oldest) first. Only
     * the newest matches are read, whatever the number of matches.
     */
    public Found search(ArticleQuery query, long offset, int limit, int window, int ranked) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        boolean oldest = query.sort() == ArticleQuery.Sort.OLDEST;
        String walk = oldest ? "a.published_at asc, a.id asc" : "a.published_at desc, a.id desc";
        String order = switch (query.sort()) {
            case RELEVANCE -> "(m.recency <= :ranked) desc, case when m.recency <= :ranked then m.rank end desc nulls last, m.recency";
            default -> "m.recency";
        };
        Query q = getEntityManager().createNativeQuery("with matches as (select a.id, " + rank(query, params) + " as rank, "
                + "row_number() over (order by " + walk + ") as recency from article a where " + where
                + " order by " + walk + " limit :window) "
                + "select " + SUMMARY_COLUMNS + ", " + snippet(query) + ", (select count(*) from matches), " + Covers.columns("a", "cm")
                + " from matches m join article a on a.id = m.id left join category c on c.id = a.category_id" + Covers.join("a", "cm") + " "
                + "order by " + order + " limit :limit offset :offset");
        params.forEach(q::setParameter);
        q.setParameter("window", window);
        if (query.sort() == ArticleQuery.Sort.RELEVANCE) {
            q.setParameter("ranked", ranked);
        }
        q.setParameter("limit", limit);
        q.setParameter("offset", offset);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        long seen = rows.isEmpty() ? countUpTo(query, window) : ((Number) rows.get(0)[18]).longValue();
        return new Found(rows.stream().map(this::summary).toList(), seen);
    }

    /** How many articles match, counting no further than {@code cap}. */
    private long countUpTo(ArticleQuery query, int cap) {
        Map<String, Object> params = new LinkedHashMap<>();
        Query q = getEntityManager().createNativeQuery("select count(*) from (select 1 from article a where " + where(query, params)
                + " limit :cap) x");
        params.forEach(q::setParameter);
        q.setParameter("cap", cap);
        return ((Number) q.getSingleResult()).longValue();
    }

    /** Keeps an article's search vectors current (see V10__split_search_vectors.sql); called after every write. */
    public void index(long id, String title, String excerpt, List<String> tags, String bodyText) {
        getEntityManager().createNativeQuery("""
                update article set (search_head, search_words) = (
                    select head, strip(head || to_tsvector('english', :body)) from (
                        select setweight(to_tsvector('english', :title), 'A')
                               || setweight(to_tsvector('english', :excerpt), 'B')
                               || setweight(to_tsvector('english', :tags), 'B') as head) h)
                where id = :id""")
                .setParameter("title", Slugs.fold(title))
                .setParameter("excerpt", Slugs.fold(excerpt))
                .setParameter("tags", Slugs.fold(String.join(" ", tags)))
                .setParameter("body", Slugs.fold(bodyText))
                .setParameter("id", id)
                .executeUpdate();
    }

    private static String orderBy(ArticleQuery.Sort sort, String rank) {
        return switch (sort) {
            case NEWEST -> "a.published_at desc, a.id desc";
            case OLDEST -> "a.published_at asc, a.id asc";
            case TITLE -> "lower(a.title) asc, a.id asc";
            case TITLE_DESC -> "lower(a.title) desc, a.id desc";
            case RELEVANCE -> rank + " desc, a.published_at desc, a.id desc";
        };
    }

    private ArticleSummary summary(Object[] r) {
        CoverImage cover = covers.read(r, r.length - Covers.COLUMNS);
        CategoryRef category = r[9] == null ? null : new CategoryRef((String) r[9], (String) r[10]);
        return new ArticleSummary(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], cover, category,
                tags(r[11]), new Author((String) r[12]), Times.instant(r[13]), Times.instant(r[14]),
                ((Number) r[15]).intValue(), ((Number) r[16]).intValue(), Snippets.mark((String) r[17]), null);
    }

    static List<String> tags(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] array) {
            return Arrays.asList(array);
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        try {
            return Arrays.asList((String[]) ((java.sql.Array) value).getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }


    private static Integer toInteger(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    /* Listings for crawlers (sitemaps): public articles only, each statement bounded by its limit or aggregated in SQL. */

    private static final String LISTED = "a.id, a.slug, c.slug, a.title, a.published_at, greatest(a.updated_at, a.published_at), "
            + Covers.columns("a", "cm") + " from article a left join category c on c.id = a.category_id" + Covers.join("a", "cm");

    /** Public articles in id order cut into parts of {@code size}: one scan, one row per part. */
    public List<ListedArticle.Part> listedParts(int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select (f.rn - 1) / :size + 1, count(*), max(f.changed)
                from (select row_number() over (order by a.id) as rn, greatest(a.updated_at, a.published_at) as changed
                      from article a where """ + " " + ArticleQuery.Visibility.PUBLISHED.sql + """
                ) f group by 1 order by 1""")
                .setParameter("size", size)
                .setParameter(Article.NOW, clock.instant())
                .getResultList();
        return rows.stream().map(r -> new ListedArticle.Part(((Number) r[0]).intValue(), ((Number) r[1]).longValue(), Times.instant(r[2])))
                .toList();
    }

    /** The public articles after the first {@code offset} in id order, at most {@code size}, as one aggregate row. */
    public ListedArticle.Run listedRun(long offset, int size) {
        Object[] r = (Object[]) getEntityManager().createNativeQuery("""
                select count(*), min(s.id), max(s.id), max(s.changed), coalesce(sum(hashtextextended(s.shown, 0)), 0)
                from (select a.id, greatest(a.updated_at, a.published_at) as changed,
                             concat_ws('|', a.id, a.slug, c.slug, a.updated_at, a.published_at, a.cover_url, cm.sha256, cm.content_type) as shown
                      from article a left join category c on c.id = a.category_id left join media cm on cm.id = a.cover_media_id
                      where """ + " " + ArticleQuery.Visibility.PUBLISHED.sql + """
                      order by a.id offset :offset limit :size) s""")
                .setParameter("offset", offset)
                .setParameter("size", size)
                .setParameter(Article.NOW, clock.instant())
                .getSingleResult();
        long count = ((Number) r[0]).longValue();
        return new ListedArticle.Run(count, count == 0 ? 0 : ((Number) r[1]).longValue(), count == 0 ? 0 : ((Number) r[2]).longValue(),
                Times.instant(r[3]), String.valueOf(r[4]));
    }

    /** Public articles with ids in (afterId, lastId], in id order, at most {@code limit}: one keyset batch. */
    public List<ListedArticle> listedAfter(long afterId, long lastId, int limit) {
        return listed(getEntityManager().createNativeQuery("select " + LISTED + " where " + ArticleQuery.Visibility.PUBLISHED.sql
                + " and a.id > :after and a.id <= :last order by a.id limit :limit")
                .setParameter("after", afterId)
                .setParameter("last", lastId)
                .setParameter("limit", limit)
                .setParameter(Article.NOW, clock.instant()));
    }

    /** Public articles published in [from, to], newest first, at most {@code limit}. */
    public List<ListedArticle> listedBetween(Instant from, Instant to, int limit) {
        return listed(getEntityManager().createNativeQuery("select " + LISTED + " where " + ArticleQuery.Visibility.PUBLISHED.sql
                + " and a.published_at >= :from and a.published_at <= :to order by a.published_at desc, a.id desc limit :limit")
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("limit", limit)
                .setParameter(Article.NOW, clock.instant()));
    }

    /** The newest change of a public article per category (key 0: articles without one). */
    public Map<Long, Instant> listedChangesByCategory() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("select coalesce(a.category_id, 0), max(greatest(a.updated_at, a.published_at)) "
                + "from article a where " + ArticleQuery.Visibility.PUBLISHED.sql + " group by 1")
                .setParameter(Article.NOW, clock.instant())
                .getResultList();
        Map<Long, Instant> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(((Number) r[0]).longValue(), Times.instant(r[1])));
        return out;
    }

    private List<ListedArticle> listed(Query q) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<ListedArticle> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            CoverImage cover = covers.read(r, 6);
            out.add(new ListedArticle(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], Times.instant(r[4]),
                    Times.instant(r[5]), cover == null ? null : cover.url()));
        }
        return out;
    }
}
