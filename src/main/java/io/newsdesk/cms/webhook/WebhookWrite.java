package io.newsdesk.cms.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.newsdesk.cms.common.web.HttpUrl;

/** A webhook endpoint as an admin writes it. */
@Schema(name = "WebhookWrite", description = "Where to send which events")
public record WebhookWrite(
        @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters") @HttpUrl(max = 2000)
        @Schema(required = true, format = "uri", description = HttpUrl.DESCRIPTION
                + " It must not resolve to an internal address unless CMS_WEBHOOKS_ALLOWED_HOSTS names its host.",
                example = "https://www.example.com/api/revalidate", maxLength = 2000) String url,
        @Size(max = 300, message = "must be at most 300 characters") @Schema(example = "Next.js revalidation", maxLength = 300) String description,
        @NotEmpty(message = "must name at least one event") @Size(max = 50, message = "must have at most 50 entries")
        @Schema(required = true, description = "Event types, `article.*`-style wildcards, or `*` for all",
                example = "[\"article.*\", \"category.updated\"]")
        List<@NotBlank(message = "must not be blank") @Pattern(regexp = "^(\\*|[a-z]+\\.(\\*|[a-z_]+))$",
                message = "must be an event type such as article.published, a wildcard such as article.*, or *") String> events,
        @Size(max = 200, message = "must be at most 200 characters")
        @Schema(description = "Only events about articles in this category or its subcategories", example = "technology")
        String categorySlug,
        @Schema(description = "Whether events are sent (default true); enabling clears the reason it was disabled", defaultValue = "true")
        Boolean enabled) {
}
