package io.newsdesk.cms.comment;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Moderation requests. */
public final class CommentModeration {

    private CommentModeration() {
    }

    @Schema(name = "CommentStatusChange")
    public record Change(@NotNull(message = "is required") @Schema(required = true) CommentStatus status) {
    }

    @Schema(name = "CommentBulkChange", description = "Moves up to 100 comments to one status, or deletes them for good with delete: true")
    public record Bulk(
            @NotEmpty(message = "must list at least one id") @Size(max = 100, message = "must list at most 100 ids")
            @Schema(required = true, example = "[17, 18, 21]") List<@NotNull(message = "must not be null") Long> ids,
            @Schema(description = "The new status; required unless delete is true") CommentStatus status,
            @Schema(description = "Delete the comments (and their replies) for good") Boolean delete) {
    }

    @Schema(name = "CommentBulkResult")
    public record BulkResult(
            @Schema(description = "Ids changed or deleted") List<Long> done,
            @Schema(description = "Ids that name no comment") List<Long> missing) {
    }
}
