package io.newsdesk.cms.webhook;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a front-end refreshes after an event: the API paths whose answers changed, and their cache tags. */
@Schema(name = "Revalidate", description = "The API paths whose answers changed and their cache tags (the `Surrogate-Key`/`Cache-Tag` values),"
        + " so a front-end or CDN can revalidate exactly those. The tag `*` means every cached answer.")
public record Revalidate(List<String> paths, List<String> tags) {
}
