package io.newsdesk.cms.comment;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An approved comment as readers see it, with its approved replies nested. */
@Schema(name = "Comment")
public record CommentView(
        @Schema(example = "17") long id,
        @Schema(nullable = true, description = "The comment this one replies to", example = "12") Long parentId,
        @Schema(example = "Sam Rivera") String authorName,
        @Schema(nullable = true, example = "https://samrivera.example.com") String authorUrl,
        @Schema(description = "The body escaped, with paragraphs, line breaks and nofollow links",
                example = "<p>Great piece.</p>") String bodyHtml,
        @Schema(example = "2024-02-23T11:02:00Z") Instant createdAt,
        @Schema(description = "Written by the newsroom's staff") boolean staff,
        @Schema(description = "Approved replies, oldest first, nested to any depth") List<CommentView> replies) {
}
