package io.newsdesk.cms.article;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newsdesk.cms.common.web.HttpUrl;
import io.newsdesk.cms.media.FocalPoint;
import io.newsdesk.cms.media.MediaFiles;
import io.newsdesk.cms.media.MediaView;

/**
 * An image with the text a page shows around it; the same shape in reads and writes. It is either an
 * external image ({@code url}) or an item of the media library ({@code mediaId}): then its size, credit,
 * focal point and srcset come from the item, and so do alt text and caption unless the article gives its own.
 */
@Schema(name = "Image", description = "An image: either an external http(s) `url`, or a media library item named by `mediaId`. "
        + "For a library item, reads add the item's size, `credit`, `focalPoint`, a ready-made `srcset` and per-type `sources`, and "
        + "take `alt` and `caption` from the item unless the article gives its own; those read-only fields are ignored in writes.")
public record CoverImage(
        @Size(max = 2000, message = "must be at most 2000 characters")
        // An external image's absolute URL; a library cover read and sent back carries its file path, which is ignored.
        @HttpUrl(max = 2000, orPathUnder = CoverImage.LIBRARY_FILES)
        @Schema(description = "An external image's URL (give this or mediaId). " + HttpUrl.DESCRIPTION + " For a library item, reads "
                + "answer its full-size file's path under /api/v1/media/files/, which a write may send back beside mediaId.",
                format = "uri-reference", example = "https://images.example.com/2024/02/gpu-cluster.jpg", maxLength = 2000) String url,
        @Size(max = 300, message = "must be at most 300 characters")
        @Schema(nullable = true, example = "Rows of GPU servers in a data centre", maxLength = 300) String alt,
        @Size(max = 1000, message = "must be at most 1000 characters")
        @Schema(nullable = true, example = "Training clusters now draw as much power as a small town. Photo: Jane Doe", maxLength = 1000) String caption,
        @Min(value = 1, message = "must be between 1 and 20000") @Max(value = 20000, message = "must be between 1 and 20000")
        @Schema(nullable = true, example = "1600") Integer width,
        @Min(value = 1, message = "must be between 1 and 20000") @Max(value = 20000, message = "must be between 1 and 20000")
        @Schema(nullable = true, example = "900") Integer height,
        @Positive(message = "must be a media item id")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "A media library item to show (give this or url)", example = "42") Long mediaId,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Read-only: the library item's credit line", readOnly = true, example = "Jane Doe / Newsdesk") String credit,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Valid
        @Schema(description = "Read-only: the library item's focal point", readOnly = true) FocalPoint focalPoint,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Read-only: the library item's renditions in its own format, for <img srcset>", readOnly = true,
                example = "/api/v1/media/files/3fa4…/320.jpg 320w, /api/v1/media/files/3fa4…/640.jpg 640w") String srcset,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Read-only: srcset per type for <picture>, WebP first", readOnly = true) List<MediaView.Source> sources) {

    /** Where a library item's files are: a cover read from the library answers its url under this path. */
    public static final String LIBRARY_FILES = MediaFiles.PATH + "/";

    /** Whether the url is a library file's path, as a read answers it, rather than an external image's URL. */
    public boolean urlIsLibraryFile() {
        return url != null && url.startsWith(LIBRARY_FILES);
    }

    /** An external image, as before the media library. */
    public CoverImage(String url, String alt, String caption, Integer width, Integer height) {
        this(url, alt, caption, width, height, null, null, null, null, null);
    }

    /** The write form of a library cover: the item and the article's own alt text and caption, if any. */
    public static CoverImage ofMedia(long mediaId, String alt, String caption) {
        return new CoverImage(null, alt, caption, null, null, mediaId, null, null, null, null);
    }
}
