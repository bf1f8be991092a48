package io.newsdesk.cms.related;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newsdesk.cms.article.CoverImage;
import io.newsdesk.cms.common.web.OpenApiExactSchemas;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item of a "Related Articles" block. */
@Schema(name = "RelatedLink")
public record RelatedLinkView(
        @Schema(nullable = true, description = "Curated links have an id; suggestions have none") Long id,
        @Schema(enumeration = { "article", "external" }, extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "RelatedKind")) String kind,
        @Schema(enumeration = { "curated", "suggested" }, extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "RelatedSource")) String source,
        @Schema(description = "1-based place in the block", example = "1") int position,
        @Schema(example = "Passkeys are finally replacing passwords") String title,
        @Schema(description = "The external page, or the API URL of the linked article",
                example = "/api/v1/articles/passkeys-are-finally-replacing-passwords") String url,
        @Schema(nullable = true) String excerpt,
        @Schema(nullable = true) CoverImage coverImage,
        @Schema(nullable = true, description = "The linked article (kind article only)") LinkedArticle article,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Authenticated answers only, for internal links: published, scheduled, draft or archived",
                example = "scheduled") String state) {
}
