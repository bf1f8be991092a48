package io.newsdesk.cms.wordpress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a WordPress export (WXR) holds, as the streaming reader hands it over: the site, its terms, then item after item. */
public final class Wxr {

    private Wxr() {
    }

    /** The channel: the site's title, its address and the blog's (base URLs the permalinks start with), and the WXR version. */
    public record Site(String title, String link, String baseSiteUrl, String baseBlogUrl, String wxrVersion) {
    }

    /** {@code wp:author}: a WordPress user who wrote items; {@code dc:creator} of an item names their login. */
    public record Author(long id, String login, String email, String displayName) {
    }

    /** {@code wp:category}: parentSlug is null for a top-level category. */
    public record Category(long termId, String slug, String parentSlug, String name, String description) {
    }

    /** {@code wp:tag}. */
    public record Tag(long termId, String slug, String name, String description) {
    }

    /** An item's {@code <category domain="category|post_tag|..." nicename="slug">Name</category>}. */
    public record Term(String domain, String slug, String name) {
    }

    /**
     * {@code wp:comment}. {@code approved} is WordPress's value ({@code 1}, {@code 0}, {@code spam}, {@code trash},
     * {@code post-trashed}); {@code type} is empty or {@code comment} for a comment, else {@code pingback},
     * {@code trackback}, ...; {@code parent} is 0 for a top-level comment; {@code dateGmt} is null for 0000-00-00.
     */
    public record Comment(long id, String author, String authorEmail, String authorUrl, String authorIp, Instant dateGmt,
            String content, String approved, String type, long parent, long userId) {
    }

    /**
     * {@code <item>}: a post, page, attachment, menu item or other post type. {@code postDateGmt} is null when the
     * export says 0000-00-00 00:00:00 (a draft never saved with a date); {@code postDate} is the site's local time
     * as written ({@code yyyy-MM-dd HH:mm:ss}), or null. {@code meta} keeps the first value of each postmeta key.
     * {@code commentsOpen} is false only when {@code wp:comment_status} says {@code closed}.
     */
    public record Item(long postId, String postType, String status, String title, String link, String guid, String creator,
            String content, String excerpt, Instant postDateGmt, String postDate, String postName, long postParent, String password,
            boolean sticky, boolean commentsOpen, String attachmentUrl, List<Term> terms, Map<String, String> meta, List<Comment> comments) {
    }

    /** Receives what the reader finds, in file order. */
    public interface Handler {
        default void site(Site site) {
        }

        default void author(Author author) {
        }

        default void category(Category category) {
        }

        default void tag(Tag tag) {
        }

        default void item(Item item) {
        }
    }
}
