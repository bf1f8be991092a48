package io.newsdesk.cms.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Author", description = "The byline; name is null when the article has none")
public record Author(@Schema(nullable = true, example = "Maya Lindqvist") String name) {
}
