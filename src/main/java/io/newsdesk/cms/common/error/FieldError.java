package io.newsdesk.cms.common.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid input field, named the way the request body names it (dotted for nested fields). */
@Schema(description = "One invalid field of the request")
public record FieldError(
        @Schema(example = "title") String field,
        @Schema(example = "must not be blank") String message) {
}
