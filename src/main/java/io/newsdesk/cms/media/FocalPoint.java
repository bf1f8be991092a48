package io.newsdesk.cms.media;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The point of an image that crops keep in view, as fractions of its width and height from the top left. */
@Schema(description = "The point that must stay in view when the image is cropped: x from the left, y from the top, each 0 to 1")
public record FocalPoint(
        @NotNull(message = "is required") @DecimalMin(value = "0", message = "must be between 0 and 1")
        @DecimalMax(value = "1", message = "must be between 0 and 1") @Schema(required = true, example = "0.5", minimum = "0", maximum = "1") Double x,
        @NotNull(message = "is required") @DecimalMin(value = "0", message = "must be between 0 and 1")
        @DecimalMax(value = "1", message = "must be between 0 and 1") @Schema(required = true, example = "0.35", minimum = "0", maximum = "1") Double y) {
}
