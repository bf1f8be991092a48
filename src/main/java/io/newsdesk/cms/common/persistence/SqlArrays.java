package io.newsdesk.cms.common.persistence;

import java.util.Collection;
import java.util.stream.Collectors;

/** PostgreSQL array literals for native query parameters ({@code cast(:ids as bigint[])}): one bound value for a whole list. */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** {@code {"a","b \"c\""}}: each element quoted and escaped. */
    public static String text(Collection<String> values) {
        return values.stream().map(v -> '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** {@code {1,2,3}}. */
    public static String bigint(Collection<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
