package io.newsdesk.cms.article;

import java.util.List;

import io.newsdesk.cms.category.CategoryRef;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The article's primary category with its breadcrumb. */
@Schema(name = "ArticleCategory")
public record ArticleCategory(
        @Schema(example = "ai") String slug,
        @Schema(example = "AI") String name,
        @Schema(description = "Breadcrumb from the root category down to this one",
                example = "[{\"slug\":\"technology\",\"name\":\"Technology, News & Trends\"},{\"slug\":\"ai\",\"name\":\"AI\"}]")
        List<CategoryRef> path) {
}
