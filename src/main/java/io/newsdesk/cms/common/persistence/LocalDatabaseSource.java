package io.newsdesk.cms.common.persistence;

import java.util.Locale;

/**
 * Where the dev and test profiles take their database from when no datasource URL is configured
 * ({@code cms.local-database.source}); {@code AUTO} takes the first of the others that is there, in this order.
 */
public enum LocalDatabaseSource {
    AUTO, LOCAL, DOCKER, EMBEDDED;

    static LocalDatabaseSource parse(String value) {
        if (value == null) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cms.local-database.source must be auto, local, docker or embedded: " + value);
        }
    }
}
