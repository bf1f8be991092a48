package io.newsdesk.cms.common.web;

import io.newsdesk.cms.common.error.InvalidInput;

/** Yes-or-no query parameters ({@code ?permanent=true}): absent is false, anything but true or false is a 400 naming it. */
public final class QueryFlags {

    private QueryFlags() {
    }

    public static boolean of(String name, String value) {
        return value != null && switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw InvalidInput.field(name, "must be true or false");
        };
    }
}
