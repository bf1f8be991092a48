package io.newsdesk.cms.wordpress;

import static io.newsdesk.cms.wordpress.Html.HTTP_URL;
import static io.newsdesk.cms.wordpress.Html.linkParagraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

import io.newsdesk.cms.wordpress.WordPressContent.Attachment;
import io.newsdesk.cms.wordpress.WordPressContent.Stats;

/**
 * Scans the raw post for shortcodes, outside HTML tags, comments, scripts and styles, and writes the post back with
 * the ones we convert replaced by HTML. Like WordPress, {@code [[name]]} is an escaped shortcode that shows as
 * {@code [name]}, and the content of an unconverted enclosing shortcode is still scanned. {@code [caption]} and
 * {@code [gallery ids="..."]} become figures (resolved on the tree by {@link WordPressContent}), {@code [embed]} a link
 * paragraph; other shortcodes stay as text and are counted.
 */
final class ShortcodeExpander {

    private static final Pattern SHORTCODE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    /** Shortcodes of WordPress core we do not convert; counted even without attributes. */
    private static final Set<String> CORE_SHORTCODES = Set.of("audio", "video", "playlist", "gallery", "caption",
            "wp_caption", "embed");

    private final String s;
    private final LongFunction<Attachment> attachments;
    private final Stats stats;
    private final StringBuilder out;

    ShortcodeExpander(String s, LongFunction<Attachment> attachments, Stats stats) {
        this.s = s;
        this.attachments = attachments;
        this.stats = stats;
        this.out = new StringBuilder(s.length() + 64);
    }

    String expand() {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int next = nextSpecial(i);
            out.append(s, i, next);
            i = next;
            if (i >= n) {
                break;
            }
            if (s.charAt(i) == '<') {
                int end = skipMarkup(i);
                out.append(s, i, end);
                i = end;
            } else {
                int end = shortcode(i);
                if (end > i) {
                    i = end;
                } else {
                    out.append('[');
                    i++;
                }
            }
        }
        return out.toString();
    }

    private int nextSpecial(int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '[') {
                return i;
            }
        }
        return s.length();
    }

    /** The end of the markup starting at {@code <}: a comment, a tag (quotes respected), or a script/style element. */
    private int skipMarkup(int i) {
        int n = s.length();
        if (s.startsWith("<!--", i)) {
            int end = s.indexOf("-->", i + 4);
            return end < 0 ? n : end + 3;
        }
        if (i + 1 >= n) {
            return n;
        }
        char c = s.charAt(i + 1);
        boolean closing = c == '/';
        if (!(Character.isLetter(c) || c == '!' || c == '?' || (closing && i + 2 < n && Character.isLetter(s.charAt(i + 2))))) {
            return i + 1; // a lone '<' in text
        }
        int nameStart = closing ? i + 2 : i + 1;
        int j = nameStart;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '-')) {
            j++;
        }
        String name = s.substring(nameStart, j).toLowerCase();
        char quote = 0;
        char previous = ' ';
        for (; j < n; j++) {
            char d = s.charAt(j);
            if (quote != 0) {
                if (d == quote) {
                    quote = 0;
                }
            } else if ((d == '"' || d == '\'') && previous == '=') {
                quote = d; // a quoted attribute value
            } else if (d == '>') {
                break;
            }
            if (!Character.isWhitespace(d)) {
                previous = d;
            }
        }
        int end = Math.min(n, j + 1);
        if (!closing && (name.equals("script") || name.equals("style") || name.equals("pre") || name.equals("code"))) {
            // no shortcodes in scripts and styles, nor in code, where they are examples
            int close = indexOfIgnoreCase("</" + name, end);
            if (close < 0) {
                return n;
            }
            int gt = s.indexOf('>', close);
            return gt < 0 ? n : gt + 1;
        }
        return end;
    }

    private int indexOfIgnoreCase(String needle, int from) {
        int max = s.length() - needle.length();
        for (int i = from; i <= max; i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** A tag {@code [name attrs]} or {@code [name attrs /]} starting at {@code start}. */
    private record Tag(String name, String attrs, boolean selfClosing, int end) {
    }

    private Tag tag(int start) {
        int n = s.length();
        Matcher m = SHORTCODE_NAME.matcher(s).region(start + 1, n);
        if (!m.lookingAt()) {
            return null;
        }
        int nameEnd = m.end();
        if (nameEnd >= n) {
            return null;
        }
        char after = s.charAt(nameEnd);
        if (!(after == ']' || after == '/' || Character.isWhitespace(after))) {
            return null;
        }
        int close = -1;
        for (int j = nameEnd; j < n; j++) {
            char d = s.charAt(j);
            if (d == ']') {
                close = j;
                break;
            }
            if (d == '[') {
                return null;
            }
        }
        if (close < 0) {
            return null;
        }
        boolean selfClosing = s.charAt(close - 1) == '/' && close - 1 >= nameEnd;
        String attrs = s.substring(nameEnd, selfClosing ? close - 1 : close);
        return new Tag(m.group(), attrs, selfClosing, close + 1);
    }

    /** Handles a shortcode at {@code i} and returns where scanning goes on, or {@code i} when there is none. */
    private int shortcode(int i) {
        boolean escaped = s.startsWith("[[", i);
        int start = escaped ? i + 1 : i;
        Tag tag = tag(start);
        if (tag == null) {
            return i;
        }
        String closer = "[/" + tag.name() + "]";
        if (escaped) {
            if (tag.end() < s.length() && s.charAt(tag.end()) == ']') {
                out.append(s, start, tag.end()); // [[name]] shows as [name]
                return tag.end() + 1;
            }
            int close = tag.selfClosing() ? -1 : s.indexOf(closer, tag.end());
            int after = close + closer.length();
            if (close >= 0 && after < s.length() && s.charAt(after) == ']') {
                out.append(s, start, after);
                return after + 1;
            }
            return i; // a lone '[' before a shortcode
        }
        int close = tag.selfClosing() ? -1 : s.indexOf(closer, tag.end());
        switch (tag.name()) {
            case "caption", "wp_caption" -> {
                if (close >= 0) {
                    caption(parseAttributes(tag.attrs()), s.substring(tag.end(), close));
                    return close + closer.length();
                }
            }
            case "gallery" -> {
                if (gallery(parseAttributes(tag.attrs()))) {
                    return tag.end();
                }
            }
            case "embed" -> {
                if (close >= 0) {
                    String url = Parser.unescapeEntities(s.substring(tag.end(), close).strip(), false);
                    if (HTTP_URL.matcher(url).matches()) {
                        stats.embeds++;
                        out.append(linkParagraph(url).outerHtml());
                        return close + closer.length();
                    }
                }
            }
            default -> {
            }
        }
        // Not converted: keep the tag as text; its content (if any) is scanned on, its closing tag is kept as text.
        Map<String, String> attrs = parseAttributes(tag.attrs());
        if (looksLikeShortcode(tag, attrs, close >= 0)) {
            stats.unknown(tag.name());
        }
        out.append(s.substring(start, tag.end()).replace("<", "&lt;").replace(">", "&gt;"));
        return tag.end();
    }

    /** Tells a real shortcode from bracketed prose such as {@code [sic]} or {@code [Photo by Jane]}. */
    private static boolean looksLikeShortcode(Tag tag, Map<String, String> attrs, boolean closed) {
        String name = tag.name();
        if (!Character.isLetter(name.charAt(0))) {
            return false;
        }
        return closed || tag.selfClosing() || !attrs.isEmpty() || CORE_SHORTCODES.contains(name)
                || name.indexOf('-') >= 0 || name.indexOf('_') >= 0;
    }

    /**
     * {@code [caption]<img ...> Caption[/caption]}: a figure marked as a caption shortcode, resolved with the tree
     * (the caption is the attribute, or else the text besides the image).
     */
    private void caption(Map<String, String> attrs, String content) {
        stats.captions++;
        String caption = attrs.get("caption");
        out.append("<figure data-wp-caption=\"").append(caption == null ? "" : Entities.escape(caption)).append("\">")
                .append(content).append("</figure>");
    }

    /** {@code [gallery ids="1,2"]}: a figure for each attachment found; without ids it cannot be resolved. */
    private boolean gallery(Map<String, String> attrs) {
        String ids = attrs.getOrDefault("ids", attrs.get("include"));
        if (ids == null || ids.isBlank()) {
            return false;
        }
        List<Long> parsed = new ArrayList<>();
        for (String part : ids.split(",")) {
            String p = part.strip();
            if (!p.isEmpty() && p.chars().allMatch(Character::isDigit) && p.length() < 19) {
                parsed.add(Long.parseLong(p));
            }
        }
        if (parsed.isEmpty()) {
            return false;
        }
        stats.galleries++;
        for (long id : parsed) {
            Attachment found = attachments.apply(id);
            if (found == null || found.url() == null || found.url().isBlank()) {
                stats.missing.add(id);
            } else {
                out.append(figureHtml(found.url(), found.alt(), found.caption()));
            }
        }
        return true;
    }

    /** A figure of an attachment; its caption is HTML, as WordPress shows it (only its text is kept). */
    private static String figureHtml(String src, String alt, String captionHtml) {
        StringBuilder b = new StringBuilder(160).append("<figure><img src=\"").append(Entities.escape(src)).append("\" alt=\"")
                .append(alt == null ? "" : Entities.escape(Parser.unescapeEntities(alt, true))).append("\">");
        if (captionHtml != null && !captionHtml.isBlank()) {
            b.append("<figcaption>").append(captionHtml).append("</figcaption>");
        }
        return b.append("</figure>").toString();
    }

    /**
     * Shortcode attributes as WordPress reads them: {@code name="v"}, {@code name='v'}, {@code name=v}; names lower-cased;
     * positional values are skipped.
     */
    static Map<String, String> parseAttributes(String text) {
        Map<String, String> attrs = new LinkedHashMap<>();
        String t = text.replace('\u00a0', ' ').replace("\u200b", " ");
        int n = t.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char c = t.charAt(i);
            if (c == '"' || c == '\'') {
                int end = t.indexOf(c, i + 1);
                i = end < 0 ? n : end + 1;
                continue;
            }
            int keyStart = i;
            while (i < n && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '_' || t.charAt(i) == '-')) {
                i++;
            }
            String key = t.substring(keyStart, i);
            int j = i;
            while (j < n && Character.isWhitespace(t.charAt(j))) {
                j++;
            }
            if (!key.isEmpty() && j < n && t.charAt(j) == '=') {
                j++;
                while (j < n && Character.isWhitespace(t.charAt(j))) {
                    j++;
                }
                String value;
                if (j < n && (t.charAt(j) == '"' || t.charAt(j) == '\'')) {
                    int end = t.indexOf(t.charAt(j), j + 1);
                    value = t.substring(j + 1, end < 0 ? n : end);
                    i = end < 0 ? n : end + 1;
                } else {
                    int end = j;
                    while (end < n && !Character.isWhitespace(t.charAt(end))) {
                        end++;
                    }
                    value = t.substring(j, end);
                    i = end;
                }
                attrs.put(key.toLowerCase(), value);
            } else {
                // a positional value: skip the token
                while (i < n && !Character.isWhitespace(t.charAt(i))) {
                    i++;
                }
                if (i == keyStart) {
                    i++;
                }
            }
        }
        return attrs;
    }
}
