package io.newsdesk.cms.comment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.newsdesk.cms.common.web.HttpUrl;

/** The comment form. */
@Schema(name = "CommentCreate", description = "A reader's comment. Your email address will not be published.")
public record CommentCreate(
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
        @Schema(required = true, maxLength = 100, example = "Sam Rivera") String authorName,
        @NotBlank(message = "is required") @Size(max = 254, message = "must be at most 254 characters")
        @Pattern(regexp = "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$", message = "must be a valid email")
        @Schema(required = true, maxLength = 254, description = "Never published; moderators only", example = "sam@example.com") String authorEmail,
        @Size(max = 500, message = "must be at most 500 characters") @HttpUrl(max = 500)
        @Schema(maxLength = 500, format = "uri", description = "The commenter's site. " + HttpUrl.DESCRIPTION,
                example = "https://samrivera.example.com") String authorUrl,
        @NotBlank(message = "is required") @Size(max = 5000, message = "must be at most 5000 characters")
        @Schema(required = true, maxLength = 5000, description = "Plain text: HTML is shown as typed, blank lines separate paragraphs, "
                + "bare http(s) URLs become links", example = "Great piece. The part about distillation matches what we see at work.") String body,
        @Positive(message = "must be the id of an approved comment on this article")
        @Schema(description = "Reply to this approved comment of the same article", example = "17") Long parentId,
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(description = "Honeypot: a field forms hide from people; leave it empty", maxLength = 500) String homepage,
        @Schema(description = "The commenterKey this browser kept from its latest answer for this email. While the comment "
                + "it was given with is approved, this comment is published at once (201); a missing, unknown, revoked or "
                + "other email's key is no error: the comment waits for moderation (202).",
                example = "AAAAAAAAABI.3q2-7wB8yQ0nDh0Y2pTBlRJz6vNHh0aYgL4k2WJ9cTE") String commenterKey) {
}
