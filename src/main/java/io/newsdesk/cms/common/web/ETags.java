package io.newsdesk.cms.common.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.error.PreconditionFailed;

/** Entity tags derived from a resource's kind, id and row version. */
public final class ETags {

    private ETags() {
    }

    public static String of(String kind, long id, long version) {
        return "\"" + kind + "-" + id + "-" + version + "\"";
    }

    /** A tag that changes whenever the JSON of the value does. */
    public static String digest(String kind, Object value, ObjectMapper mapper) {
        try {
            return digest(kind, mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tag that changes whenever these bytes do. */
    public static String digest(String kind, byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + kind + "-" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Honours If-Match: absent or "*" passes; otherwise one of the listed tags must be the current
     * one (weak comparison is not allowed for If-Match, so W/ tags never match). The current tag is
     * computed only when a client sent one: it can cost a read and a serialization.
     */
    public static void checkIfMatch(String ifMatch, Supplier<String> currentTag) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = currentTag.get();
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new PreconditionFailed(current);
    }
}
