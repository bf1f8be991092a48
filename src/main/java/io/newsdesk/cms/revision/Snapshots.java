package io.newsdesk.cms.revision;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsdesk.cms.article.EditorialState;
import io.newsdesk.cms.related.RelatedService;

/**
 * What a revision keeps of an article, in the current format ({@value #FORMAT}): every editorial field but
 * the body (kept apart), with the category and related articles named by id (and, to show, their slugs and names
 * or titles at the time). Older formats are brought to this one by {@link #upgrade} before anything reads them:
 * format 1 named the category and related articles by id and slug only.
 */
final class Snapshots {

    static final int FORMAT = 2;
    /** The fields in the order a diff lists them; {@code body} is kept apart from the others. */
    static final List<String> FIELDS = List.of("title", "slug", "excerpt", "body", "coverImage", "category", "tags", "authorName",
            "status", "publishedAt", "commentsOpen", "related");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Snapshots() {
    }

    static ObjectNode of(EditorialState s, List<RelatedService.CuratedLink> links) {
        ObjectNode out = JSON.objectNode();
        out.put("title", s.title());
        out.put("slug", s.slug());
        out.put("excerpt", s.excerpt());
        if (s.coverUrl() == null && s.coverMediaId() == null) {
            out.putNull("coverImage");
        } else {
            ObjectNode cover = out.putObject("coverImage");
            cover.put("url", s.coverUrl());
            cover.put("mediaId", s.coverMediaId());
            cover.put("alt", s.coverAlt());
            cover.put("caption", s.coverCaption());
            cover.put("width", s.coverWidth());
            cover.put("height", s.coverHeight());
        }
        if (s.categoryId() == null) {
            out.putNull("category");
        } else {
            out.putObject("category").put("id", s.categoryId()).put("slug", s.categorySlug()).put("name", s.categoryName());
        }
        ArrayNode tags = out.putArray("tags");
        s.tags().forEach(tags::add);
        out.put("authorName", s.authorName());
        out.put("status", s.status());
        out.put("publishedAt", s.publishedAt() == null ? null : s.publishedAt().toString());
        out.put("commentsOpen", s.commentsOpen());
        ArrayNode related = out.putArray("related");
        for (RelatedService.CuratedLink link : links) {
            ObjectNode entry = related.addObject();
            if (link.articleId() != null) {
                entry.put("articleId", link.articleId()).put("articleSlug", link.articleSlug()).put("articleTitle", link.title());
            } else {
                entry.put("url", link.url()).put("title", link.title()).put("description", link.description());
                if (link.image() == null) {
                    entry.putNull("image");
                } else {
                    entry.putObject("image").put("url", link.image().url()).put("alt", link.image().alt())
                            .put("caption", link.image().caption()).put("width", link.image().width())
                            .put("height", link.image().height());
                }
            }
        }
        return out;
    }

    /** Brings fields stored in an older format to the current one. */
    static ObjectNode upgrade(int format, ObjectNode fields) {
        if (format == FORMAT) {
            return fields;
        }
        if (format != 1) {
            throw new IllegalStateException("No reader for revision format " + format);
        }
        // 1 to 2: the category's name and related articles' titles, unknown for what was written then.
        ObjectNode out = fields.deepCopy();
        if (out.get("category") instanceof ObjectNode category && !category.has("name")) {
            category.putNull("name");
        }
        JsonNode related = out.get("related");
        if (related != null) {
            related.forEach(link -> {
                if (link instanceof ObjectNode entry && entry.has("articleId") && !entry.has("articleTitle")) {
                    entry.putNull("articleTitle");
                }
            });
        }
        return out;
    }

    /**
     * The names of what differs between two states, in {@link #FIELDS} order. A category or related article's slug,
     * name or title is only shown: a rename of theirs is not a change of this article.
     */
    static List<String> changed(ObjectNode from, String fromBody, ObjectNode to, String toBody) {
        ObjectNode a = comparable(from);
        ObjectNode b = comparable(to);
        return FIELDS.stream().filter(f -> f.equals("body") ? !fromBody.equals(toBody) : !a.path(f).equals(b.path(f))).toList();
    }

    private static ObjectNode comparable(ObjectNode fields) {
        ObjectNode out = fields.deepCopy();
        if (out.get("category") instanceof ObjectNode category) {
            category.remove("slug");
            category.remove("name");
        }
        JsonNode related = out.get("related");
        if (related != null) {
            related.forEach(link -> {
                if (link instanceof ObjectNode entry && entry.has("articleId")) {
                    entry.remove("articleSlug");
                    entry.remove("articleTitle");
                }
            });
        }
        return out;
    }
}
