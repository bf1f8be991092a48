package io.newsdesk.cms.category;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.newsdesk.cms.common.text.Slugs;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST and PUT /categories (and the result a merge patch must produce). */
@Schema(name = "CategoryWrite", description = "A category as editors send it")
@JsonIgnoreProperties(value = { "id", "path", "articleCount" }, allowGetters = false)
public record CategoryWrite(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        @Schema(required = true, example = "AI", maxLength = 200) String name,
        @Size(max = Slugs.MAX_LENGTH, message = "must be at most 200 characters")
        @Pattern(regexp = Slugs.PATTERN, message = "must contain only lowercase letters a-z, digits and single hyphens")
        @Schema(description = "Generated from the name when absent", example = "ai", maxLength = 200, pattern = Slugs.PATTERN) String slug,
        @Size(max = 2000, message = "must be at most 2000 characters")
        @Schema(example = "Machine learning, language models and the people building them", maxLength = 2000) String description,
        @Schema(description = "Slug of the parent category; absent for a top-level section", example = "technology") String parentSlug,
        @Min(value = 0, message = "must be between 0 and 100000") @Max(value = 100000, message = "must be between 0 and 100000")
        @Schema(description = "Order among siblings, lowest first (then by name); default 0", example = "1") Integer position) {
}
