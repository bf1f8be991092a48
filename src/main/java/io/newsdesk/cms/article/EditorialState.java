package io.newsdesk.cms.article;

import java.time.Instant;
import java.util.List;

/**
 * Every field an editor sets on an article, as it stands in the current transaction: what a revision keeps.
 * The cover is as written (a library item's own alt text and caption are not copied into it).
 */
public record EditorialState(long id, String title, String slug, String excerpt, String body, String coverUrl, Long coverMediaId,
        String coverAlt, String coverCaption, Integer coverWidth, Integer coverHeight, Long categoryId, String categorySlug, String categoryName,
        List<String> tags, String authorName, String status, Instant publishedAt, boolean commentsOpen, Long createdById,
        Instant updatedAt, Long updatedById, String updatedByName) {
}
