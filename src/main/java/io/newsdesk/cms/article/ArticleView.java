package io.newsdesk.cms.article;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newsdesk.cms.comment.CommentView;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.related.RelatedList;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The full article: everything an article page renders. */
@Schema(name = "Article")
public record ArticleView(
        @Schema(example = "42") long id,
        @Schema(example = "the-quiet-race-to-build-smaller-language-models") String slug,
        @Schema(example = "The quiet race to build smaller language models") String title,
        @Schema(example = "Frontier labs chase scale; a growing crowd of startups is betting on models that fit on a phone.") String excerpt,
        @Schema(nullable = true) CoverImage coverImage,
        @Schema(nullable = true) ArticleCategory category,
        @Schema(example = "[\"AI\", \"Startups\"]") List<String> tags,
        Author author,
        @Schema(nullable = true, example = "2024-02-23T09:30:00Z") Instant publishedAt,
        @Schema(example = "2024-02-23T10:02:11Z") Instant updatedAt,
        @Schema(example = "6") int readingTimeMinutes,
        @Schema(description = "Approved comments", example = "3") int commentCount,
        @Schema(description = "Markdown source", example = "## Small is the new big\n\nWhile the headlines...") String body,
        @Schema(description = "The body rendered to HTML and sanitized: no scripts, event handlers or active URLs",
                example = "<h2>Small is the new big</h2><p>While the headlines...</p>") String bodyHtml,
        @Schema(example = "true") boolean commentsOpen,
        ArticleStatus status,
        @Schema(example = "2024-02-20T16:45:00Z") Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The token that created the article; only in answers to authenticated callers") Author createdBy,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The token that last changed the article; only in answers to authenticated callers")
        Author updatedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "With include=comments: the first page of the comment thread, as GET /articles/{slug}/comments answers it")
        Page<CommentView> comments,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "With include=related: the related block, as GET /articles/{slug}/related answers it")
        RelatedList related) {

    public ArticleView withComments(Page<CommentView> thread) {
        return new ArticleView(id, slug, title, excerpt, coverImage, category, tags, author, publishedAt, updatedAt, readingTimeMinutes,
                commentCount, body, bodyHtml, commentsOpen, status, createdAt, createdBy, updatedBy, thread, related);
    }

    public ArticleView withoutAudit() {
        return new ArticleView(id, slug, title, excerpt, coverImage, category, tags, author, publishedAt, updatedAt, readingTimeMinutes,
                commentCount, body, bodyHtml, commentsOpen, status, createdAt, null, null, comments, related);
    }

    public ArticleView withRelated(RelatedList block) {
        return new ArticleView(id, slug, title, excerpt, coverImage, category, tags, author, publishedAt, updatedAt, readingTimeMinutes,
                commentCount, body, bodyHtml, commentsOpen, status, createdAt, createdBy, updatedBy, comments, block);
    }
}
