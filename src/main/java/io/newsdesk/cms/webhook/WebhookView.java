package io.newsdesk.cms.webhook;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A webhook endpoint; {@code secret} only in the answer that created it or rotated its secret. */
@Schema(name = "Webhook")
public record WebhookView(
        @Schema(example = "3") long id,
        @Schema(example = "https://www.example.com/api/revalidate") String url,
        @Schema(nullable = true) String description,
        @Schema(example = "[\"article.*\"]") List<String> events,
        @Schema(nullable = true, example = "technology") String categorySlug,
        boolean enabled,
        @Schema(nullable = true, description = "Why the service disabled it (a 410 answer, or failing for too long)") String disabledReason,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The signing secret (whsec_…), shown only when created or rotated: keep it, it is not shown again")
        String secret,
        Instant createdAt,
        Instant updatedAt) {
}
