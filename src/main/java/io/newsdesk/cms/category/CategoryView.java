package io.newsdesk.cms.category;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A category as every client reads it. */
@Schema(name = "Category")
public record CategoryView(
        @Schema(example = "7") long id,
        @Schema(example = "ai") String slug,
        @Schema(example = "AI") String name,
        @Schema(nullable = true, example = "Machine learning, language models and the people building them") String description,
        @Schema(nullable = true, description = "Slug of the parent category, null for a top-level section", example = "technology") String parentSlug,
        @Schema(description = "Breadcrumb from the root category down to this one (inclusive)") List<CategoryRef> path,
        @Schema(description = "Order among siblings", example = "1") int position,
        @Schema(description = "Public articles in this category and all its subcategories", example = "12") long articleCount) {
}
