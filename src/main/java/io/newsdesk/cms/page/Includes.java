package io.newsdesk.cms.page;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.newsdesk.cms.common.error.InvalidInput;

/**
 * The include query parameter: the blocks to embed in an article answer, comma-separated
 * ({@code include=related,comments}) or repeated ({@code include=related&include=comments}).
 */
final class Includes {

    /** A block an article answer can embed. */
    @Schema(name = "ArticleInclude", enumeration = { "related", "comments" })
    enum Block {
        RELATED, COMMENTS
    }

    static final Set<String> KNOWN = Arrays.stream(Block.values()).map(b -> b.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    private Includes() {
    }

    static Set<String> parse(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values == null) {
            return out;
        }
        for (String raw : values) {
            for (String part : raw.split(",")) {
                String name = part.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!KNOWN.contains(name)) {
                    throw InvalidInput.field("include", "must list only: related, comments");
                }
                out.add(name);
            }
        }
        return out;
    }
}
