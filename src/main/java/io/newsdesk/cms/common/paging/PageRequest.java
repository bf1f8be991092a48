package io.newsdesk.cms.common.paging;

import io.newsdesk.cms.common.error.InvalidInput;

/** A validated 1-based page number and page size, parsed from raw query parameters. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 1_000_000;

    public static PageRequest parse(String page, String size) {
        return parse(page, size, DEFAULT_SIZE);
    }

    public static PageRequest parse(String page, String size, int defaultSize) {
        int p = parseInt("page", page, 1, 1, MAX_PAGE, "must be a whole number from 1 to " + MAX_PAGE);
        int s = parseInt("size", size, defaultSize, 1, MAX_SIZE, "must be a whole number from 1 to " + MAX_SIZE);
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    private static int parseInt(String name, String raw, int fallback, int min, int max, String message) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw InvalidInput.field(name, message);
            }
            return value;
        } catch (NumberFormatException e) {
            throw InvalidInput.field(name, message);
        }
    }
}
