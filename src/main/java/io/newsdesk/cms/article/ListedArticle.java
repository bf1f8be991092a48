package io.newsdesk.cms.article;

import java.time.Instant;

/**
 * A public article as listings for crawlers (sitemaps) name it: where it lives, its title, when it was
 * published and when it last changed for a reader (its last edit, or its publication when that came later).
 * {@code coverUrl} is the full-size cover, root-relative for a library item unless media have a base URL.
 */
public record ListedArticle(long id, String slug, String categorySlug, String title, Instant publishedAt, Instant lastModified,
        String coverUrl) {

    /**
     * Public articles in id order, cut into consecutive parts of a fixed size (part 1 holds the first ones): a part's
     * number, how many articles it has and the newest change among them.
     */
    public record Part(int number, long count, Instant lastModified) {
    }

    /**
     * One such part, read before it is listed: its first and last id, the newest change in it, and a digest of
     * everything a listing shows of its articles (ids, slugs, category slugs, dates, covers), which changes whenever
     * the listing would.
     */
    public record Run(long count, long firstId, long lastId, Instant lastModified, String fingerprint) {
    }
}
