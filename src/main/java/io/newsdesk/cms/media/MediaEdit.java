package io.newsdesk.cms.media;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The editable fields of a library item (PATCH as JSON Merge Patch; null clears a field). */
@Schema(name = "MediaEdit", description = "Text fields and focal point of a library item")
public record MediaEdit(
        @Size(max = 300, message = "must be at most 300 characters") @Schema(nullable = true, maxLength = 300, example = "Rows of GPU servers in a data centre") String alt,
        @Size(max = 1000, message = "must be at most 1000 characters") @Schema(nullable = true, maxLength = 1000, example = "Training clusters now draw as much power as a small town") String caption,
        @Size(max = 300, message = "must be at most 300 characters") @Schema(nullable = true, maxLength = 300, example = "Jane Doe / Newsdesk") String credit,
        @Valid @Schema(nullable = true) FocalPoint focalPoint) {
}
