package io.newsdesk.cms.redirect;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an old address leads now. */
@Schema(name = "Redirect")
public record RedirectView(
        @Schema(description = "The old address as it was matched (path only, lower case, no trailing slash)",
                example = "/2024/02/23/the-quiet-race-to-build-smaller-language-models") String path,
        Target article,
        @Schema(description = "The article in this API (also the Location header)",
                example = "https://api.example.com/api/v1/articles/the-quiet-race-to-build-smaller-language-models") String apiUrl,
        @Schema(description = "The article's page on the front-end (CMS_PUBLIC_ARTICLE_URL)",
                example = "https://www.example.com/ai/the-quiet-race-to-build-smaller-language-models") String url) {

    @Schema(name = "RedirectTarget")
    public record Target(long id, @Schema(example = "the-quiet-race-to-build-smaller-language-models") String slug) {
    }
}
