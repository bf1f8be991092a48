package io.newsdesk.cms.webhook;

import java.time.Instant;
import java.util.List;

import io.newsdesk.cms.common.web.OpenApiExactSchemas;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event's delivery to one endpoint, with every attempt. */
@Schema(name = "WebhookDelivery")
public record DeliveryView(
        @Schema(example = "120") long id,
        @Schema(description = "The event's webhook-id, the same on every attempt and replay", example = "msg_5b1c…") String eventId,
        @Schema(example = "article.published") String type,
        @Schema(enumeration = { "pending", "delivered", "failed" }, extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "DeliveryState")) String state,
        @Schema(nullable = true, description = "When the next attempt is due, while pending; null once delivered or failed") Instant nextAttemptAt,
        Instant createdAt,
        @Schema(nullable = true) Instant finishedAt,
        List<Attempt> attempts) {

    /** One attempt as the receiver answered it. */
    @Schema(name = "WebhookAttempt")
    public record Attempt(Instant at, @Schema(nullable = true, example = "200") Integer statusCode, @Schema(example = "42") int durationMs,
            @Schema(nullable = true) String error,
            @Schema(nullable = true, description = "The first 2 KB of the answer's body") String response) {
    }
}
