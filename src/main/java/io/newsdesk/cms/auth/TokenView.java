package io.newsdesk.cms.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A token as listed: never with its secret, except once in the answer that issues it. */
@Schema(name = "Token")
public record TokenView(
        @Schema(example = "3") long id,
        @Schema(example = "Maya's laptop") String name,
        Role role,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The secret: present only in the answer to POST /tokens, and never shown again",
                example = "nd_Vq3J0m2yq0tOxl6bq1dJm7pW6m0a7Xb8k2Ck2n7mL1c") String token,
        @Schema(description = "The first characters of the secret, to tell tokens apart", example = "nd_Vq3J0") String prefix,
        @Schema(example = "2024-02-23T09:30:00Z") Instant createdAt,
        @Schema(nullable = true) Instant expiresAt,
        @Schema(nullable = true) Instant lastUsedAt,
        @Schema(nullable = true) Instant revokedAt) {
}
