package io.newsdesk.cms.comment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a comment submission. */
@Schema(name = "CommentAccepted")
public record CommentAccepted(
        @Schema(example = "18") long id,
        @Schema(description = "approved (201) or pending moderation (202)") CommentStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "A reader's key for skipping moderation next time: keep it with the email it was given for "
                + "(replacing any older one) and send it back as commenterKey with that email's later comments. It works once "
                + "a moderator approved the comment it came with, so a first comment's key waits with it; typing an email "
                + "never yields a working key. Absent for staff comments.",
                example = "AAAAAAAAABI.3q2-7wB8yQ0nDh0Y2pTBlRJz6vNHh0aYgL4k2WJ9cTE") String commenterKey) {
}
