package io.newsdesk.cms.comment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a comment submission. */
@Schema(name = "CommentAccepted")
public record CommentAccepted(
        @Schema(example = "18") long id,
        @Schema(description = "approved (201) or pending moderation (202)") CommentStatus status) {
}
