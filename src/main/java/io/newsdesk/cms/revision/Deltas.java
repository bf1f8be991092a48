package io.newsdesk.cms.revision;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

/**
 * The patches revisions are stored as. A text is cut into words and the runs of white space between them
 * (joined again, they give the text back exactly), and a patch lists, from the end, which runs to replace:
 * {@code [[position, count, ["word", " ", ...]], ...]}. A small edit of a long story is a few dozen bytes.
 * Fields are patched by name: the fields whose values differ, with the values to put back.
 */
final class Deltas {

    private static final Pattern RUN = Pattern.compile("\\s+|\\S+");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Deltas() {
    }

    /** Words and white space, in order. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = RUN.matcher(text == null ? "" : text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The patch that turns {@code from} into {@code to}. */
    static ArrayNode text(String from, String to) {
        ArrayNode patch = JSON.arrayNode();
        for (AbstractDelta<String> delta : DiffUtils.diff(words(from), words(to)).getDeltas()) {
            ArrayNode step = patch.addArray();
            step.add(delta.getSource().getPosition());
            step.add(delta.getSource().size());
            ArrayNode lines = step.addArray();
            delta.getTarget().getLines().forEach(lines::add);
        }
        return patch;
    }

    /** Applies a patch made by {@link #text} to the text it was made from. */
    static String apply(JsonNode patch, String from) {
        List<String> words = words(from);
        for (int i = patch.size() - 1; i >= 0; i--) {
            JsonNode step = patch.get(i);
            int position = step.get(0).asInt();
            int count = step.get(1).asInt();
            List<String> replaced = words.subList(position, position + count);
            replaced.clear();
            List<String> put = new ArrayList<>();
            step.get(2).forEach(w -> put.add(w.asText()));
            replaced.addAll(put);
        }
        return String.join("", words);
    }

    /** The fields of {@code to} whose values differ from {@code from}'s (a field {@code to} lacks is null). */
    static ObjectNode fields(ObjectNode from, ObjectNode to) {
        ObjectNode patch = JSON.objectNode();
        for (Iterator<String> names = to.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!to.get(name).equals(from.get(name))) {
                patch.set(name, to.get(name));
            }
        }
        for (Iterator<String> names = from.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!to.has(name)) {
                patch.set(name, JSON.nullNode());
            }
        }
        return patch;
    }

    /** Applies a patch made by {@link #fields} to the fields it was made from. */
    static ObjectNode apply(ObjectNode patch, ObjectNode from) {
        ObjectNode out = from.deepCopy();
        patch.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }
}
