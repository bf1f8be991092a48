package io.newsdesk.cms.common.paging;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The envelope of every list answer. Paged by number it has page, size and the totals; paged by
 * cursor (articles' `cursor` parameter) it has only the items and, when there are more, nextCursor.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(
        @Schema(required = true, description = "The items of this page") List<T> items,
        @Schema(description = "This page's number, 1-based (not in cursor pages)", example = "1") Integer page,
        @Schema(description = "Page size asked for (not in cursor pages)", example = "20") Integer size,
        @Schema(description = "Number of items over all pages (not in cursor pages)", example = "42") Long totalItems,
        @Schema(description = "Number of pages, 0 when there are no items (not in cursor pages)", example = "3") Integer totalPages,
        @Schema(description = "Search results only (`q`): false when totalItems (and X-Total-Count, totalPages) is a lower bound. "
                + "A search reads only as many matches as the page asked for needs (at least the newest 101); when there are "
                + "more, totalItems counts the ones read, the true number is higher, and the next page's link is there.",
                example = "false") Boolean totalItemsExact,
        @Schema(description = "Cursor pages only: pass it as `cursor` for the next page; absent on the last page",
                example = "AAAAAGXYbGAAAAAAAAAAKg.fG9x...") String nextCursor) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        int totalPages = (int) ((totalItems + request.size() - 1) / request.size());
        return new Page<>(items, request.page(), request.size(), totalItems, totalPages, null, null);
    }

    /** A page of search results; {@code exact} is false when {@code totalItems} is only a lower bound. */
    public static <T> Page<T> search(List<T> items, PageRequest request, long totalItems, boolean exact) {
        int totalPages = (int) ((totalItems + request.size() - 1) / request.size());
        return new Page<>(items, request.page(), request.size(), totalItems, totalPages, exact, null);
    }

    public static <T> Page<T> cursor(List<T> items, String nextCursor) {
        return new Page<>(items, null, null, null, null, null, nextCursor);
    }

    @JsonIgnore
    public boolean isCursorPage() {
        return page == null;
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages, totalItemsExact, nextCursor);
    }
}
