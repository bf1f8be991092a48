package io.newsdesk.cms.comment;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A comment as moderators see it: including what readers never see. */
@Schema(name = "ModeratedComment")
public record ModeratedComment(
        long id,
        @Schema(example = "the-quiet-race-to-build-smaller-language-models") String articleSlug,
        @Schema(nullable = true, description = "The comment it replies to; null for a top-level comment") Long parentId,
        String authorName,
        @Schema(description = "Moderators only") String authorEmail,
        @Schema(nullable = true) String authorUrl,
        String body,
        String bodyHtml,
        CommentStatus status,
        boolean staff,
        @Schema(nullable = true, description = "Why it was filed as spam automatically", example = "honeypot") String spamReason,
        @Schema(nullable = true, description = "Moderators only; erased after the retention period", example = "203.0.113.7") String clientAddress,
        @Schema(nullable = true, description = "Moderators only; erased after the retention period") String userAgent,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true, description = "When it was moved to the trash; it is removed for good CMS_TRASH_RETENTION (30 days) later. "
                + "Null outside the trash", example = "2026-11-30T09:12:00Z") Instant trashedAt) {
}
