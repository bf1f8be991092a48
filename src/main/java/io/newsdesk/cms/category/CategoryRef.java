package io.newsdesk.cms.category;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A category named by slug and display name, as used in breadcrumbs and article summaries. */
@Schema(description = "A category's slug and name")
public record CategoryRef(
        @Schema(example = "ai") String slug,
        @Schema(example = "AI") String name) {
}
