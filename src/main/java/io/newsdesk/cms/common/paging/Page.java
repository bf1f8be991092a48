package io.newsdesk.cms.common.paging;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The pagination envelope of every list answer. */
public record Page<T>(
        @Schema(description = "The items of this page") List<T> items,
        @Schema(description = "This page's number, 1-based", example = "1") int page,
        @Schema(description = "Page size asked for", example = "20") int size,
        @Schema(description = "Number of items over all pages", example = "42") long totalItems,
        @Schema(description = "Number of pages (0 when there are no items)", example = "3") int totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        int totalPages = (int) ((totalItems + request.size() - 1) / request.size());
        return new Page<>(items, request.page(), request.size(), totalItems, totalPages);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
