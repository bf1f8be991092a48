package io.newsdesk.cms.media;

import java.time.Instant;
import java.util.List;

import io.newsdesk.cms.common.web.OpenApiExactSchemas;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A library item as clients see it. */
@Schema(name = "Media", description = "An image in the media library, with its ready-made renditions")
public record MediaView(
        @Schema(example = "42") long id,
        @Schema(description = "The served original: upright, without metadata, at most CMS_MEDIA_MAX_EDGE (2560) px on its long side. "
                + "Content-addressed and immutable.", example = "/api/v1/media/files/3fa4…/full.jpg") String url,
        @Schema(example = "image/jpeg", enumeration = { "image/jpeg", "image/png", "image/gif", "image/webp" }, extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "ImageType")) String contentType,
        @Schema(description = "Size of the served original in bytes", example = "482113") long bytes,
        @Schema(example = "2560") int width,
        @Schema(example = "1707") int height,
        @Schema(description = "SHA-256 of the uploaded bytes, in hex; uploading the same bytes again gives this item back")
        String sha256,
        @Schema(description = "The uploaded file's name", example = "gpu-cluster.jpg") String filename,
        @Schema(nullable = true, example = "Rows of GPU servers in a data centre") String alt,
        @Schema(nullable = true, example = "Training clusters now draw as much power as a small town.") String caption,
        @Schema(nullable = true, example = "Jane Doe / Newsdesk") String credit,
        @Schema(nullable = true) FocalPoint focalPoint,
        @Schema(description = "Name of the token that uploaded it", example = "newsroom-bot") String uploadedBy,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Articles whose cover or body shows this item") List<MediaUse> usedBy,
        @Schema(description = "Every rendition, narrowest first, in the original format and in WebP; never wider than the original")
        List<Rendition> renditions,
        @Schema(description = "A ready-made srcset of the renditions in the original format, for <img srcset>",
                example = "/api/v1/media/files/3fa4…/320.jpg 320w, /api/v1/media/files/3fa4…/640.jpg 640w") String srcset,
        @Schema(description = "The same renditions per type, for <picture><source type srcset>: WebP first") List<Source> sources) {

    /** One ready-made size of the image. */
    @Schema(name = "MediaRendition")
    public record Rendition(@Schema(example = "640") int width, @Schema(example = "427") int height,
            @Schema(example = "image/webp") String contentType, @Schema(example = "/api/v1/media/files/3fa4…/640.webp") String url) {
    }

    /** A srcset for one content type. */
    @Schema(name = "MediaSource")
    public record Source(@Schema(example = "image/webp") String type,
            @Schema(example = "/api/v1/media/files/3fa4…/320.webp 320w, /api/v1/media/files/3fa4…/640.webp 640w") String srcset) {
    }

    /** An article that shows the item. */
    @Schema(name = "MediaUse")
    public record MediaUse(@Schema(example = "17") long id, @Schema(example = "gpu-shortage") String slug, String title) {
    }
}
