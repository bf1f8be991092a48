package io.newsdesk.cms.common.web;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON Merge Patch (RFC 7396). */
public final class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private MergePatch() {
    }

    /** Applies {@code patch} to {@code target}, which it changes in place and returns. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /** Reads a raw request body; malformed JSON or a type error surfaces as {@link Invalid}, mapped like any body error. */
    public static <T> T read(ObjectMapper mapper, String body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new Invalid(e);
        }
    }

    /** Reads the patched document as a write body; a type error surfaces as {@link Invalid}. */
    public static <T> T convert(ObjectMapper mapper, JsonNode merged, Class<T> type) {
        try {
            return mapper.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            throw new Invalid(e);
        }
    }

    /** A merge patch whose result is not a valid body; mapped like the same error in a request body. */
    public static class Invalid extends RuntimeException {
        public Invalid(JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause);
        }

        @Override
        public synchronized JsonProcessingException getCause() {
            return (JsonProcessingException) super.getCause();
        }
    }
}
