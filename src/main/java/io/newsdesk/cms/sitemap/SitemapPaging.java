package io.newsdesk.cms.sitemap;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How public articles are split into sitemap files: in id order, {@code perFile} to a file, file 1 holding
 * the oldest. Ids only grow, so a new article changes the last file alone; a withdrawn one moves the later
 * boundaries by one. The grouping in ArticleRepository.listedParts is {@link #fileOf} in SQL.
 */
record SitemapPaging(int perFile) {

    /** The sitemap protocol's limit of URLs in one file. */
    static final int PROTOCOL_MAX = 50_000;

    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,9}");

    SitemapPaging {
        if (perFile < 1 || perFile > PROTOCOL_MAX) {
            throw new IllegalArgumentException("cms.sitemap.urls-per-file must be 1 to " + PROTOCOL_MAX + ", not " + perFile);
        }
    }

    /** How many files list this many URLs (none for none). */
    int files(long urls) {
        return (int) ((urls + perFile - 1) / perFile);
    }

    /** The file that lists the article at this 1-based position in id order. */
    int fileOf(long position) {
        return (int) ((position - 1) / perFile) + 1;
    }

    /** How many articles come before those of this file. */
    long offset(int file) {
        return (long) (file - 1) * perFile;
    }

    /** The file number in a name such as {@code 12} (from {@code articles-12.xml}); empty for anything else. */
    static OptionalInt parse(String number) {
        if (number == null || !NUMBER.matcher(number).matches()) {
            return OptionalInt.empty();
        }
        long n = Long.parseLong(number);
        return n > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) n);
    }
}
