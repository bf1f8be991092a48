package io.newsdesk.cms.feed;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.newsdesk.cms.article.ArticleContent;
import io.newsdesk.cms.article.ArticleQuery;
import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.ArticleSummary;
import io.newsdesk.cms.article.CoverImage;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.category.CategoryView;
import io.newsdesk.cms.common.cache.Keys;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.web.PublicUrls;

/**
 * Feeds of public articles: a cursor page of the article list (newest first, the same filters and the
 * same visibility rule as anonymous list reads) turned into entries that link to the front-end.
 */
@ApplicationScoped
public class FeedService {

    /** Bylines are at most this long (ArticleWrite.authorName). */
    static final int MAX_AUTHOR = 200;

    @Inject
    ArticleService articles;

    @Inject
    CategoryService categories;

    @Inject
    PublicUrls publicUrls;

    @Inject
    CmsConfig config;

    /** A feed's filters and page, validated from raw query parameters. */
    public record FeedQuery(ArticleQuery filters, String author, String cursor, int size) {

        public static FeedQuery parse(String category, String tag, String author, String size, String cursor) {
            int pageSize = PageRequest.parse(null, size).size();
            ArticleQuery filters = ArticleQuery.parse(category, tag, null, null);
            String byline = author == null || author.isBlank() ? null : author.strip();
            if (byline != null && byline.length() > MAX_AUTHOR) {
                throw InvalidInput.field("author", "must be at most " + MAX_AUTHOR + " characters");
            }
            if (byline != null && byline.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw InvalidInput.field("author", "must not contain control characters");
            }
            return new FeedQuery(filters, byline, cursor, pageSize);
        }
    }

    /**
     * Where the feed is read: the API's base as the request reached it (media files are served there)
     * and this page's URL; {@code page} gives the URL of the page at a cursor (null: the first page).
     */
    public record Place(URI apiBase, String self, UnaryOperator<String> page) {
    }

    /** A feed page and the keys of what it shows (see Keys). */
    public record Read(Feed feed, Set<String> keys) {
    }

    /**
     * One page of the feed. A category filter names an existing category (else NotFound; an old slug is
     * Moved), whose subcategories' articles are included; a tag or author that nothing carries gives an
     * empty feed, as lists do.
     */
    @Transactional
    public Read read(FeedQuery query, Place place) {
        ArticleQuery filters = query.filters();
        CategoryView category = filters.category() == null ? null : categories.get(filters.category()).view();
        Page<ArticleContent> page = articles.listContentByCursor(filters, query.author(), query.cursor(), query.size());

        FeedText.Origins origins = FeedText.Origins.of(place.apiBase(), publicUrls.home());
        List<Feed.Item> items = new ArrayList<>(page.items().size());
        List<ArticleSummary> summaries = new ArrayList<>(page.items().size());
        Instant updated = null;
        for (ArticleContent content : page.items()) {
            ArticleSummary a = content.summary();
            summaries.add(a);
            Feed.Item item = item(a, content.bodyHtml(), origins);
            items.add(item);
            updated = updated == null || item.updated().isAfter(updated) ? item.updated() : updated;
        }

        String site = config.publicSite().siteName();
        List<String> narrowed = new ArrayList<>();
        if (category != null) {
            narrowed.add(category.name());
        }
        if (filters.tag() != null) {
            narrowed.add("tagged " + filters.tag());
        }
        if (query.author() != null) {
            narrowed.add("by " + query.author());
        }
        String title = narrowed.isEmpty() ? site : site + ": " + String.join(", ", narrowed);
        String description = "The newest articles of " + site + (narrowed.isEmpty() ? "" : ": " + String.join(", ", narrowed));
        String home = category != null ? publicUrls.category(category.slug()) : publicUrls.home();
        boolean first = query.cursor() == null || query.cursor().isBlank();
        Feed feed = new Feed(id(query), title, description, home, place.self(), place.page().apply(null),
                page.nextCursor() == null ? null : place.page().apply(page.nextCursor()), first, config.publicSite().language(), site,
                updated, items);

        // The list's keys: which articles it holds, and each one it shows. A feed shows no comment count.
        Set<String> keys = new LinkedHashSet<>(articles.keysOf(filters, summaries));
        summaries.forEach(a -> keys.remove(Keys.comments(a.id())));
        return new Read(feed, keys);
    }

    private Feed.Item item(ArticleSummary a, String bodyHtml, FeedText.Origins origins) {
        String categorySlug = a.category() == null ? null : a.category().slug();
        // A story published after its last edit (scheduled) was last changed, for a reader, when it appeared.
        Instant updated = a.updatedAt() == null || a.updatedAt().isBefore(a.publishedAt()) ? a.publishedAt() : a.updatedAt();
        return new Feed.Item(articleId(a.id()), publicUrls.article(a.id(), a.slug(), categorySlug), a.title(), a.excerpt(),
                origins.absoluteUrls(bodyHtml), a.publishedAt(), updated, a.author() == null ? null : a.author().name(), a.category(),
                categorySlug == null ? null : publicUrls.category(categorySlug), a.tags() == null ? List.of() : a.tags(),
                image(a.coverImage(), origins));
    }

    private static Feed.Image image(CoverImage cover, FeedText.Origins origins) {
        if (cover == null || cover.url() == null) {
            return null;
        }
        String url = origins.absolute(cover.url());
        return new Feed.Image(url, FeedText.imageType(url), cover.width(), cover.height(), cover.alt());
    }

    /** An entry's permanent id: the article's id, which no rename changes. */
    static String articleId(long id) {
        return "urn:newsdesk:article:" + id;
    }

    /** The feed's permanent id: its filters, the same on every page and whatever host it is read from. */
    private static String id(FeedQuery query) {
        StringBuilder id = new StringBuilder("urn:newsdesk:feed:articles");
        if (query.filters().category() != null) {
            id.append(":category:").append(query.filters().category());
        }
        if (query.filters().tag() != null) {
            id.append(":tag:").append(urn(query.filters().tag()));
        }
        if (query.author() != null) {
            id.append(":author:").append(urn(query.author()));
        }
        return id.toString();
    }

    private static String urn(String text) {
        return URLEncoder.encode(text.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
