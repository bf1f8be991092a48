package io.newsdesk.cms.article;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.newsdesk.cms.common.text.Slugs;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST and PUT /articles. Read-only fields of the Article answer (id, bodyHtml, dates...)
 * are accepted and ignored, so a client may send back what it read.
 */
@Schema(name = "ArticleWrite", description = "An article as editors send it; only title is required")
@JsonIgnoreProperties({ "id", "bodyHtml", "category", "author", "createdAt", "updatedAt", "readingTimeMinutes", "commentCount", "createdBy", "updatedBy" })
public record ArticleWrite(
        @NotBlank(message = "is required") @Size(max = 300, message = "must be at most 300 characters")
        @Schema(required = true, maxLength = 300, example = "The quiet race to build smaller language models") String title,
        @Size(max = Slugs.MAX_LENGTH, message = "must be at most 200 characters")
        @Pattern(regexp = Slugs.PATTERN, message = "must contain only lowercase letters a-z, digits and single hyphens")
        @Schema(description = "Generated from the title when absent (accents folded, -2, -3... on a clash)",
                maxLength = 200, pattern = Slugs.PATTERN, example = "smaller-language-models") String slug,
        @Size(max = 1000, message = "must be at most 1000 characters")
        @Schema(description = "Teaser text; derived from the body when absent", maxLength = 1000) String excerpt,
        @Size(max = 200000, message = "must be at most 200000 characters")
        @Schema(description = "Markdown (CommonMark with GitHub tables and strikethrough). An image alone in its paragraph with a title, "
                + "![alt](url \"caption\"), is rendered as a figure with that caption.", maxLength = 200000,
                example = "## Small is the new big\n\nWhile the headlines...") String body,
        @Valid @Schema(nullable = true) CoverImage coverImage,
        @Schema(description = "Slug of the primary category", example = "ai") String categorySlug,
        @Size(max = 20, message = "must have at most 20 tags")
        @Schema(description = "Free-form tags, at most 20 of at most 50 characters; duplicates (ignoring case) are dropped",
                example = "[\"AI\", \"Startups\"]")
        List<@NotBlank(message = "must not be blank") @Size(max = 50, message = "must be at most 50 characters") String> tags,
        @Size(max = 200, message = "must be at most 200 characters")
        @Schema(example = "Maya Lindqvist", maxLength = 200) String authorName,
        @Schema(description = "Default draft. A published article with a future publishedAt is scheduled.") ArticleStatus status,
        @Schema(description = "When the article is (or will be) public; set to now when publishing without one",
                example = "2024-02-23T09:30:00Z") OffsetDateTime publishedAt,
        @Schema(description = "Whether readers may comment; default true") Boolean commentsOpen) {
}
