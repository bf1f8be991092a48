package io.newsdesk.cms.related;

import java.time.Instant;

import io.newsdesk.cms.article.CoverImage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The teaser of an internal link's target, as it stands now. */
@Schema(name = "LinkedArticle")
public record LinkedArticle(
        @Schema(example = "passkeys-are-finally-replacing-passwords") String slug,
        @Schema(example = "Passkeys are finally replacing passwords") String title,
        String excerpt,
        @Schema(nullable = true) CoverImage coverImage,
        @Schema(nullable = true) Instant publishedAt) {
}
