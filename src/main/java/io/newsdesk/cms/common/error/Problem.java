package io.newsdesk.cms.common.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
public record Problem(
        @Schema(required = true, example = "https://newsdesk.io/problems/invalid-input") String type,
        @Schema(required = true, example = "Invalid input") String title,
        @Schema(example = "400") int status,
        @Schema(required = true, example = "The request body has 1 invalid field") String detail,
        @Schema(description = "Present for invalid input: each offending field and what is wrong with it") List<FieldError> errors,
        @Schema(description = "On a 412 about an article: the number of its newest revision (its ETag is in the ETag header)",
                example = "7") Integer currentRevision) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, null);
    }
}
