package io.newsdesk.cms.page;

import java.util.LinkedHashSet;
import java.util.Set;

import io.newsdesk.cms.common.error.InvalidInput;

/** The include query parameter: a comma-separated list of blocks to embed in an article answer. */
final class Includes {

    static final Set<String> KNOWN = Set.of("related", "comments");

    private Includes() {
    }

    static Set<String> parse(String raw) {
        Set<String> out = new LinkedHashSet<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String part : raw.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!KNOWN.contains(name)) {
                throw InvalidInput.field("include", "must list only: " + String.join(", ", KNOWN));
            }
            out.add(name);
        }
        return out;
    }
}
