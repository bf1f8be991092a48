package io.newsdesk.cms.article;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newsdesk.cms.category.CategoryRef;
import io.newsdesk.cms.related.RelatedList;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An article as lists and teasers show it. */
@Schema(name = "ArticleSummary")
public record ArticleSummary(
        @Schema(example = "42") long id,
        @Schema(example = "the-quiet-race-to-build-smaller-language-models") String slug,
        @Schema(example = "The quiet race to build smaller language models") String title,
        @Schema(description = "The editor's excerpt, or the opening of the body when none was given",
                example = "Frontier labs chase scale; a growing crowd of startups is betting on models that fit on a phone.") String excerpt,
        @Schema(nullable = true) CoverImage coverImage,
        @Schema(nullable = true, description = "The primary category; null when the article has none") CategoryRef category,
        @Schema(example = "[\"AI\", \"Startups\"]") List<String> tags,
        Author author,
        @Schema(nullable = true, example = "2024-02-23T09:30:00Z") Instant publishedAt,
        @Schema(example = "2024-02-23T10:02:11Z") Instant updatedAt,
        @Schema(example = "6") int readingTimeMinutes,
        @Schema(description = "Approved comments", example = "3") int commentCount,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "With q: a short extract of the body, the matching words in <mark> (everything else escaped)",
                example = "…startups are betting on <mark>models</mark> small enough…") String snippet,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "With include=related on the list: this article's related block") RelatedList related) {

    public ArticleSummary withRelated(RelatedList block) {
        return new ArticleSummary(id, slug, title, excerpt, coverImage, category, tags, author, publishedAt, updatedAt, readingTimeMinutes,
                commentCount, snippet, block);
    }
}
