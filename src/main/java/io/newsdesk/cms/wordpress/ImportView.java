package io.newsdesk.cms.wordpress;

import java.time.Instant;

import io.newsdesk.cms.common.web.OpenApiExactSchemas;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An import job: where it stands, and its report. */
@Schema(name = "ImportJob")
public record ImportView(
        long id,
        @Schema(description = "queued, running, succeeded or failed", enumeration = { "queued", "running", "succeeded", "failed" }, extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "ImportState")) String state,
        @Schema(description = "A dry run reports everything and writes nothing") boolean dryRun,
        @Schema(nullable = true, example = "newsroom.WordPress.2024-02-23.xml") String fileName,
        long fileSize,
        @Schema(nullable = true, description = "The WordPress site the export came from", example = "https://example.com") String site,
        Progress progress,
        @Schema(nullable = true, description = "Counts so far while it runs; the whole report once it has ended") ImportReport.View report,
        @Schema(nullable = true, description = "Why it failed") String error,
        Instant createdAt,
        @Schema(nullable = true) Instant startedAt,
        @Schema(nullable = true) Instant finishedAt) {

    @Schema(name = "ImportProgress")
    public record Progress(@Schema(description = "Items (posts, pages, attachments...) done") int done,
            @Schema(nullable = true, description = "Items in the file, once it has been counted") Integer total) {
    }
}
