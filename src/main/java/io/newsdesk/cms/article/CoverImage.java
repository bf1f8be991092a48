package io.newsdesk.cms.article;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An image with the text a page shows around it; the same shape in reads and writes. */
@Schema(name = "Image", description = "An image: http(s) URL, alt text for screen readers, visible caption, intrinsic size in pixels")
public record CoverImage(
        @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
        @Pattern(regexp = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/$.?#][^\\s]*$", message = "must be an absolute http(s) URL")
        @Schema(required = true, example = "https://images.example.com/2024/02/gpu-cluster.jpg", maxLength = 2000) String url,
        @Size(max = 300, message = "must be at most 300 characters")
        @Schema(example = "Rows of GPU servers in a data centre", maxLength = 300) String alt,
        @Size(max = 1000, message = "must be at most 1000 characters")
        @Schema(example = "Training clusters now draw as much power as a small town. Photo: Jane Doe", maxLength = 1000) String caption,
        @Min(value = 1, message = "must be between 1 and 20000") @Max(value = 20000, message = "must be between 1 and 20000")
        @Schema(example = "1600") Integer width,
        @Min(value = 1, message = "must be between 1 and 20000") @Max(value = 20000, message = "must be between 1 and 20000")
        @Schema(example = "900") Integer height) {
}
