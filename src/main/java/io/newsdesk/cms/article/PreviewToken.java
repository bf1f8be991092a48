package io.newsdesk.cms.article;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A draft preview token: GET /articles/{slug}?preview=&lt;token&gt; shows the article until expiresAt. */
@Schema(name = "PreviewToken")
public record PreviewToken(
        @Schema(description = "Signed token, bound to this article: the signing key's id, the article and expiry, the signature",
                example = "q2Xk9fT0.AAAAAAAAACoAAAAAZdhsYA.3q2-7w...") String token,
        @Schema(example = "2024-02-23T10:30:00Z") Instant expiresAt,
        @Schema(description = "The article's slug when the token was issued", example = "launch-preview") String slug) {
}
