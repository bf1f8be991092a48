package io.newsdesk.cms.common.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.newsdesk.cms.common.text.Slugs;

/**
 * The names of what a public answer shows. An answer carries the keys of everything it shows (in its
 * {@code Surrogate-Key} and {@code Cache-Tag} headers, for a CDN as much as for the service's own
 * memory), and a write announces the keys of what it changed: exactly the answers carrying one of them
 * are dropped. Keys are tokens without spaces or commas.
 */
public final class Keys {

    /** Which public articles exist and in what order: every list not narrowed to one category or tag, and every search. */
    public static final String ARTICLES = "articles";
    /** The order of lists sorted by title. */
    public static final String ARTICLES_BY_TITLE = "articles-by-title";
    /** The category tree: names, places and public article counts. */
    public static final String CATEGORIES = "categories";
    /** Search answers; see {@code ResponseCache} for how long they are kept. */
    public static final String SEARCH = "search";
    /** Announced alone, this key means that anything may have changed. */
    public static final String EVERYTHING = "*";

    private Keys() {
    }

    /** The article's own fields, wherever they show: its page, its summary in lists, its teaser in related blocks. */
    public static String article(long id) {
        return "article-" + id;
    }

    /** A media item's files, by the hash that addresses them: they go when the item is deleted. */
    public static String mediaFiles(String sha256) {
        return "media-" + sha256.substring(0, 16);
    }

    /** The article's approved comment thread and its comment count. */
    public static String comments(long articleId) {
        return "comments-" + articleId;
    }

    /** The article's related block: its curated links and which suggestions fit it. */
    public static String related(long articleId) {
        return "related-" + articleId;
    }

    /**
     * Which public articles are filed under the category (or its subcategories), and in what order. By
     * slug, as lists are asked for: a list of a category that does not exist yet carries it too.
     */
    public static String articlesInCategory(String categorySlug) {
        return "articles-category-" + categorySlug;
    }

    /**
     * Which public articles carry the tag, and in what order. The tag as a slug ("Machine Learning" is
     * {@code articles-tag-machine-learning}); a tag with nothing a slug can keep gets a digest instead.
     * Two tags with the same key only make a purge wider than it needs to be.
     */
    public static String articlesTagged(String tag) {
        String slug = Slugs.slugify(tag, "");
        if (slug.isEmpty() || slug.length() > 100) {
            slug = "h" + digest(tag.toLowerCase(Locale.ROOT));
        }
        return "articles-tag-" + slug;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
