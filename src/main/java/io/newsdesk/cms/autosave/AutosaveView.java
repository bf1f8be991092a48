package io.newsdesk.cms.autosave;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** A working copy as its editor reads it back. */
@Schema(name = "Autosave", description = "An editor's unsaved working copy of an article")
public record AutosaveView(
        @Schema(example = "cafe-deja-vu") String articleSlug,
        Instant savedAt,
        @Schema(nullable = true, description = "The article's ETag when the copy was started (the If-Match of its first save, or the "
                + "ETag then); promoting the copy is refused if the article changed since", example = "\"article-42-7\"") String basedOn,
        @Schema(description = "Whether the article has changed since the copy was saved") boolean articleChangedSince,
        @Schema(type = SchemaType.OBJECT, implementation = Object.class, description = "The fields as the editor left them: an article write, possibly partial "
                + "(promoting merges it onto the article)") JsonNode content) {
}
