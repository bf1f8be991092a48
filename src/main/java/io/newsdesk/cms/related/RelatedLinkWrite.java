package io.newsdesk.cms.related;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.newsdesk.cms.article.CoverImage;
import io.newsdesk.cms.common.web.HttpUrl;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One curated entry: either another article, by slug, or an external page. */
@Schema(name = "RelatedLinkWrite", description = "Either `articleSlug` (an internal link) or `url` with `title` (an external link)")
public record RelatedLinkWrite(
        @Size(max = 200, message = "must be at most 200 characters")
        @Schema(description = "Slug of another article", example = "passkeys-are-finally-replacing-passwords") String articleSlug,
        @Size(max = 2000, message = "must be at most 2000 characters") @HttpUrl(max = 2000)
        @Schema(description = "An external page. " + HttpUrl.DESCRIPTION, format = "uri", example = "https://www.example.org/report-2024")
        String url,
        @Size(max = 300, message = "must be at most 300 characters")
        @Schema(description = "Required for an external link", example = "The 2024 state of small models") String title,
        @Size(max = 1000, message = "must be at most 1000 characters")
        @Schema(description = "Teaser text of an external link") String description,
        @Valid @Schema(description = "Optional picture of an external link") CoverImage image) {
}
