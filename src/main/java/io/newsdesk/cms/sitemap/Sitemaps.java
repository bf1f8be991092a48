package io.newsdesk.cms.sitemap;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.ListedArticle;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.web.ETags;
import io.newsdesk.cms.common.web.PublicUrls;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The site's sitemaps: an index of the article files, the category pages and the Google News file. Each
 * answer's ETag is worked out first from a small read (an aggregate for an article file, the few entries
 * of the others), so a crawler that holds the current version costs no listing; an article file is then
 * read in keyset batches of {@value #BATCH} while it is written, and never held whole.
 */
@ApplicationScoped
public class Sitemaps {

    /** Where the sitemaps are served, below the API's base path. */
    static final String PATH = "sitemaps";
    static final String INDEX = "sitemap.xml";
    static final String CATEGORIES = "categories.xml";
    static final String NEWS = "news.xml";

    /** Google News lists articles of the last two days, at most a thousand. */
    static final Duration NEWS_WINDOW = Duration.ofHours(48);
    static final int NEWS_MAX = 1000;

    /** Articles read per statement while a file is written. */
    static final int BATCH = 1000;

    private final ArticleService articles;
    private final CategoryService categories;
    private final PublicUrls urls;
    private final CmsConfig config;
    private final SitemapPaging paging;

    @Inject
    public Sitemaps(ArticleService articles, CategoryService categories, PublicUrls urls, CmsConfig config,
            @ConfigProperty(name = "cms.sitemap.urls-per-file", defaultValue = "50000") int urlsPerFile) {
        this.articles = articles;
        this.categories = categories;
        this.urls = urls;
        this.config = config;
        this.paging = new SitemapPaging(urlsPerFile);
    }

    /** Where this API is reached ({@code http://host/api/v1/}): sitemaps name each other, and library images, by absolute URLs. */
    record Site(URI apiBase) {

        String sitemap(String name) {
            return apiBase.resolve(PATH + "/" + name).toString();
        }

        /** An absolute http(s) URL for a cover: root-relative library files are resolved against this origin; anything else is left out. */
        String image(String url) {
            if (url == null) {
                return null;
            }
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("https://") || lower.startsWith("http://")) {
                return url;
            }
            return url.startsWith("/") && !url.startsWith("//") ? apiBase.resolve(url).toString() : null;
        }
    }

    /** An entry of the index or of the categories file. */
    record Entry(String loc, Instant lastModified) {
    }

    /** The index: every article file, then the category pages and the news file, each with its newest change. */
    Streamed index(Site site, Instant now) {
        List<Entry> entries = new ArrayList<>();
        for (ListedArticle.Part part : articles.listedParts(paging.perFile())) {
            entries.add(new Entry(site.sitemap("articles-" + part.number() + ".xml"), part.lastModified()));
        }
        entries.add(new Entry(site.sitemap(CATEGORIES), newest(categoryPages().stream().map(Entry::lastModified).toList())));
        entries.add(new Entry(site.sitemap(NEWS), newest(newsItems(now).stream().map(ListedArticle::lastModified).toList())));
        StringBuilder shown = new StringBuilder("index\n");
        entries.forEach(e -> shown.append(e.loc()).append(' ').append(e.lastModified()).append('\n'));
        return new Streamed(tag(shown), out -> {
            try (SitemapWriter xml = SitemapWriter.index(out)) {
                for (Entry e : entries) {
                    xml.sitemap(e.loc(), e.lastModified());
                }
            }
        });
    }

    /**
     * Article file {@code file}: its public articles' front-end URLs, last changes and covers. The file's extent
     * and a digest of what it lists are read first; its rows are then read {@value #BATCH} at a time by id.
     */
    Streamed articles(int file, Site site) {
        ListedArticle.Run run = articles.listedRun(paging.offset(file), paging.perFile());
        if (run.count() == 0) {
            throw new NotFound("There is no article sitemap " + file + "; the index lists those there are");
        }
        String etag = tag(new StringBuilder("articles\n").append(file).append(' ').append(paging.perFile()).append(' ')
                .append(run.count()).append(' ').append(run.firstId()).append(' ').append(run.lastId()).append(' ')
                .append(run.lastModified()).append(' ').append(run.fingerprint()).append('\n').append(site.apiBase()));
        return new Streamed(etag, out -> {
            try (SitemapWriter xml = SitemapWriter.urlset(out, true, false)) {
                long after = run.firstId() - 1;
                // Never more than a file may hold, even if articles in its id range went public meanwhile.
                int room = paging.perFile();
                while (room > 0) {
                    List<ListedArticle> batch = articles.listedAfter(after, run.lastId(), Math.min(BATCH, room));
                    for (ListedArticle a : batch) {
                        xml.url(articleUrl(a), a.lastModified(), site.image(a.coverUrl()));
                    }
                    if (batch.size() < Math.min(BATCH, room)) {
                        break;
                    }
                    room -= batch.size();
                    after = batch.get(batch.size() - 1).id();
                    xml.flush();
                }
            }
        });
    }

    /** The site's home page and every category page, with the last time each changed for a reader. */
    Streamed categories() {
        List<Entry> pages = categoryPages();
        StringBuilder shown = new StringBuilder("categories\n");
        pages.forEach(e -> shown.append(e.loc()).append(' ').append(e.lastModified()).append('\n'));
        return new Streamed(tag(shown), out -> {
            try (SitemapWriter xml = SitemapWriter.urlset(out, false, false)) {
                for (Entry e : pages) {
                    xml.url(e.loc(), e.lastModified(), null);
                }
            }
        });
    }

    /** The Google News file: public articles published in the 48 hours up to {@code now}, newest first. */
    Streamed news(Instant now) {
        List<ListedArticle> items = newsItems(now);
        String name = config.publicSite().siteName();
        String language = newsLanguage(config.publicSite().language());
        StringBuilder shown = new StringBuilder("news\n").append(name).append('\n').append(language).append('\n');
        items.forEach(a -> shown.append(articleUrl(a)).append(' ').append(a.lastModified()).append(' ').append(a.publishedAt())
                .append(' ').append(a.title()).append('\n'));
        return new Streamed(tag(shown), out -> {
            try (SitemapWriter xml = SitemapWriter.urlset(out, false, true)) {
                for (ListedArticle a : items) {
                    xml.news(articleUrl(a), a.lastModified(), name, language, a.publishedAt(), a.title());
                }
            }
        });
    }

    /** What the news file lists at {@code now}: published from exactly 48 hours before up to then, newest first, at most 1,000. */
    List<ListedArticle> newsItems(Instant now) {
        return articles.listedBetween(now.minus(NEWS_WINDOW), now, NEWS_MAX);
    }

    private List<Entry> categoryPages() {
        Map<Long, Instant> changes = articles.listedChangesByCategory();
        List<Entry> pages = new ArrayList<>();
        pages.add(new Entry(urls.home(), newest(changes.values())));
        for (CategoryService.Dated page : categories.pageDates(changes)) {
            pages.add(new Entry(urls.category(page.slug()), page.lastModified()));
        }
        return pages;
    }

    private String articleUrl(ListedArticle a) {
        return urls.article(a.id(), a.slug(), a.categorySlug());
    }

    /** A tag of what an answer shows, and of the settings that shape its URLs, so a new configuration is a new version. */
    private String tag(CharSequence shown) {
        String settings = urls.article(1, "s", "c") + ' ' + urls.category("c") + ' ' + config.media().baseUrl().orElse("");
        return ETags.digest("sitemap", (settings + '\n' + shown).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant newest(java.util.Collection<Instant> times) {
        return times.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * The language as Google News takes it: an ISO 639 code of two or three letters, or zh-cn / zh-tw. A configured
     * tag such as "pt-BR" gives its language ("pt"); one that has none is "und" (undetermined).
     */
    static String newsLanguage(String configured) {
        String tag = configured == null ? "" : configured.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (tag.equals("zh-cn") || tag.equals("zh-tw")) {
            return tag;
        }
        String language = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
        return language.matches("[a-z]{2,3}") ? language : "und";
    }
}
