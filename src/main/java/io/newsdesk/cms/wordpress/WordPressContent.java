package io.newsdesk.cms.wordpress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

import com.vladsch.flexmark.html2md.converter.ExtensionConversion;
import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.html2md.converter.HtmlMarkdownWriter;
import com.vladsch.flexmark.html2md.converter.HtmlNodeConverterContext;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRenderer;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRendererHandler;
import com.vladsch.flexmark.util.data.MutableDataSet;

/**
 * Turns the HTML of a WordPress post ({@code post_content}) into the Markdown body of an article.
 *
 * <p>WordPress's own rendering is the reference. Block content (with {@code <!-- wp:... -->} delimiters) is taken as
 * HTML; classic content first gets what {@code wpautop} does (paragraphs from blank lines, line breaks from single
 * newlines, never inside {@code <pre>}), done on the parsed tree rather than on the text. Shortcodes are expanded by a
 * small scanner before the HTML is parsed: captions and galleries become figures ({@code ![alt](src "caption")} alone
 * in a paragraph), embeds become a link on a line of its own, other shortcodes stay as text and are counted. The
 * remaining HTML is cleaned up (scripts, styles, forms and iframes never survive as HTML), its text escaped for
 * Markdown, and flexmark's HTML-to-Markdown converter writes CommonMark with GFM tables. Shortcodes in {@code <pre>}
 * and {@code <code>} are examples and stay as they are.
 *
 * <p>Stateless and thread-safe.
 */
public final class WordPressContent {

    /** An image WordPress knows by attachment id: where it is, its alt text and caption. */
    public record Attachment(String url, String alt, String caption) {
    }

    /**
     * The Markdown of one post, and what the conversion met that the import report counts.
     *
     * @param markdown           the body, trimmed; empty, never null, for an empty post
     * @param unknownShortcodes  shortcodes kept as text, by name ({@code [gallery]} without ids among them)
     * @param captions           {@code [caption]} / {@code [wp_caption]} shortcodes made figures
     * @param galleries          {@code [gallery ids="..."]} shortcodes resolved through the attachments
     * @param embeds             embeds made links: {@code [embed]}, bare URL lines, embed blocks, iframes
     * @param missingAttachments gallery ids the attachments did not know, in order
     */
    public record Converted(String markdown, Map<String, Integer> unknownShortcodes, int captions, int galleries, int embeds,
            List<Long> missingAttachments) {
        public Converted {
            markdown = markdown == null ? "" : markdown;
            unknownShortcodes = unknownShortcodes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unknownShortcodes));
            missingAttachments = missingAttachments == null ? List.of() : List.copyOf(missingAttachments);
        }
    }

    /** Elements WordPress's wpautop treats as blocks (never wrapped in a paragraph), and a few more of HTML5. */
    private static final Set<String> BLOCK_TAGS = Set.of("address", "article", "aside", "blockquote", "caption", "col",
            "colgroup", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
            "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "map", "area", "menu", "nav", "ol", "p",
            "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "center", "math",
            "video", "audio", "iframe");
    /** Blocks whose loose text wpautop turns into paragraphs. */
    private static final Set<String> FLOW_TAGS = Set.of("body", "div", "blockquote", "section", "article", "aside",
            "header", "footer", "main", "nav", "details", "fieldset", "center");
    /** Blocks that only hold other blocks (their loose text is whitespace). */
    private static final Set<String> STRUCTURE_TAGS = Set.of("ul", "ol", "menu", "dl", "table", "thead", "tbody", "tfoot",
            "tr", "colgroup", "hgroup");
    /** Elements whose text is taken as it is: no line breaks added, no Markdown escaping. */
    private static final Set<String> VERBATIM_TAGS = Set.of("pre", "code", "kbd", "samp", "tt", "xmp", "listing",
            "textarea", "script", "style", "svg", "math");
    /** Containers without a Markdown form: their loose text becomes paragraphs and they are unwrapped. */
    private static final Set<String> FLATTENED = Set.of("div", "section", "article", "aside", "header", "footer", "main",
            "nav", "details", "fieldset", "center", "hgroup", "address", "figure");
    /** Elements dropped with their content: active content, forms, and what has no text to offer. */
    private static final String DROPPED = "script, style, noscript, template, form, input, button, select, textarea, "
            + "option, object, embed, applet, param, link, meta, base, svg, canvas, frameset, frame, head, title, dialog, map";

    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    /** What CommonMark takes for an autolink: a scheme and no spaces or angle brackets. */
    private static final Pattern ABSOLUTE_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\\s<>]*");
    private static final Pattern SHORTCODE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    /** Shortcodes of WordPress core we do not convert; counted even without attributes. */
    private static final Set<String> CORE_SHORTCODES = Set.of("audio", "video", "playlist", "gallery", "caption",
            "wp_caption", "embed");

    private static final FlexmarkHtmlConverter CONVERTER = FlexmarkHtmlConverter.builder(converterOptions())
            .htmlNodeRendererFactory(options -> new InlineRenderer())
            .build();

    private WordPressContent() {
    }

    /**
     * The Markdown body for a post's HTML; {@code attachments} finds the images a {@code [gallery ids="..."]} names
     * (it may return {@code null} for an id it does not know).
     */
    public static Converted toMarkdown(String html, LongFunction<Attachment> attachments) {
        return toMarkdown(html, attachments, UnaryOperator.identity());
    }

    /**
     * The same, with {@code images} giving the source each image is shown from, given the one in the HTML: a media
     * library reference ({@code media:42}) for a file the import brought in, or the source itself.
     */
    public static Converted toMarkdown(String html, LongFunction<Attachment> attachments, UnaryOperator<String> images) {
        Stats stats = new Stats();
        if (html == null || html.isBlank()) {
            return stats.result("");
        }
        String source = html.replace("\r\n", "\n").replace('\r', '\n').replace("\u0000", "");
        boolean blocks = source.contains("<!-- wp:");
        String expanded = new ShortcodeExpander(source, attachments == null ? id -> null : attachments, stats).expand();

        Document doc = Jsoup.parseBodyFragment(expanded);
        doc.outputSettings().prettyPrint(false);
        Element body = doc.body();
        body.select(DROPPED).remove();
        if (blocks) {
            blockComments(body, stats);
        }
        removeComments(body);
        if (!blocks) {
            autop(body, true, stats);
        }
        Index index = new Index(body);
        images(index, images);
        embedFigures(index, stats);
        mediaElements(index, stats);
        figures(index);
        inlineElements(index);
        tables(index);
        flatten(body);
        links(index);
        removeEmpty(body);
        escapeText(body, false, false);

        String markdown = CONVERTER.convert(body);
        return stats.result(markdown.strip());
    }

    /**
     * Options for plain CommonMark (+ GFM tables and strikethrough) that our renderer reads: ATX headings (no setext, no
     * {@code {#id}} attributes), {@code -} bullets, {@code ***} breaks, at most one blank line; no typographic
     * replacements (the text keeps its own quotes and dashes); unknown tags and comments dropped, never written as HTML;
     * no {@code ++ins++}, {@code ^sup^}, {@code ~sub~} or {@code *[abbr]} syntaxes (ins is text, sup/sub stay as plain
     * {@code <sup>}/{@code <sub>}, which the renderer keeps); an empty paragraph is not a {@code <br />}. flexmark's own
     * escaping is off: it misses {@code _}, {@code #}, list markers and more, so the text is escaped on the tree before
     * conversion. Links, images, emphasis and inline code are written by {@link InlineRenderer}.
     */
    private static MutableDataSet converterOptions() {
        MutableDataSet options = new MutableDataSet();
        options.set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false);
        options.set(FlexmarkHtmlConverter.OUTPUT_ATTRIBUTES_ID, false);
        options.set(FlexmarkHtmlConverter.OUTPUT_UNKNOWN_TAGS, false);
        options.set(FlexmarkHtmlConverter.RENDER_COMMENTS, false);
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false);
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false);
        options.set(FlexmarkHtmlConverter.SKIP_CHAR_ESCAPE, true);
        options.set(FlexmarkHtmlConverter.UNORDERED_LIST_DELIMITER, '-');
        options.set(FlexmarkHtmlConverter.ORDERED_LIST_DELIMITER, '.');
        options.set(FlexmarkHtmlConverter.THEMATIC_BREAK, "***");
        options.set(FlexmarkHtmlConverter.BR_AS_EXTRA_BLANK_LINES, false);
        options.set(FlexmarkHtmlConverter.MAX_BLANK_LINES, 1);
        options.set(FlexmarkHtmlConverter.MAX_TRAILING_BLANK_LINES, 0);
        options.set(FlexmarkHtmlConverter.EXT_TABLES, ExtensionConversion.MARKDOWN);
        options.set(FlexmarkHtmlConverter.EXT_INLINE_DEL, ExtensionConversion.MARKDOWN);
        options.set(FlexmarkHtmlConverter.EXT_INLINE_INS, ExtensionConversion.TEXT);
        options.set(FlexmarkHtmlConverter.EXT_INLINE_SUB, ExtensionConversion.HTML);
        options.set(FlexmarkHtmlConverter.EXT_INLINE_SUP, ExtensionConversion.HTML);
        options.set(FlexmarkHtmlConverter.EXT_MATH, ExtensionConversion.TEXT);
        return options;
    }

    // ------------------------------------------------------------------------------------------------ counts

    private static final class Stats {
        final Map<String, Integer> unknown = new LinkedHashMap<>();
        final List<Long> missing = new ArrayList<>();
        int captions;
        int galleries;
        int embeds;

        void unknown(String name) {
            unknown.merge(name, 1, Integer::sum);
        }

        Converted result(String markdown) {
            return new Converted(markdown, unknown, captions, galleries, embeds, missing);
        }
    }

    // ------------------------------------------------------------------------------------------------ shortcodes

    /**
     * Scans the raw post for shortcodes, outside HTML tags, comments, scripts and styles, and writes the post back with
     * the ones we convert replaced by HTML. Like WordPress, {@code [[name]]} is an escaped shortcode that shows as
     * {@code [name]}, and the content of an unconverted enclosing shortcode is still scanned.
     */
    private static final class ShortcodeExpander {
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
    }

    /** The visible text of an HTML snippet. */
    private static String htmlText(String html) {
        return Jsoup.parseBodyFragment(html).body().text();
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

    // ------------------------------------------------------------------------------------------------ block comments

    /**
     * Block delimiters are dropped with the other comments; an embed block keeps its URL: on its figure, or as a link of
     * its own when the block has no figure.
     */
    private static void blockComments(Element body, Stats stats) {
        List<Comment> comments = new ArrayList<>();
        collectComments(body, comments);
        for (Comment comment : comments) {
            String data = comment.getData().strip();
            if (!(data.startsWith("wp:embed") || data.startsWith("wp:core-embed/"))) {
                continue;
            }
            String url = jsonString(data, "url");
            if (url == null || !HTTP_URL.matcher(url).matches()) {
                continue;
            }
            Node next = comment.nextSibling();
            while (next instanceof TextNode t && t.isBlank()) {
                next = next.nextSibling();
            }
            if (next instanceof Element figure && figure.className().contains("wp-block-embed")) {
                figure.attr("data-embed-url", url);
            } else {
                stats.embeds++;
                comment.after(linkParagraph(url));
            }
        }
    }

    private static void collectComments(Node node, List<Comment> into) {
        for (Node child : node.childNodes()) {
            if (child instanceof Comment c) {
                into.add(c);
            } else if (child instanceof Element) {
                collectComments(child, into);
            }
        }
    }

    private static void removeComments(Element body) {
        List<Comment> comments = new ArrayList<>();
        collectComments(body, comments);
        comments.forEach(Node::remove);
    }

    /** The value of a top-level string member of a block's JSON attributes, e.g. {@code "url":"https:\/\/..."}. */
    static String jsonString(String json, String key) {
        String needle = "\"" + key + "\"";
        int k = json.indexOf(needle);
        while (k >= 0) {
            int i = k + needle.length();
            while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
                i++;
            }
            if (i < json.length() && json.charAt(i) == ':') {
                i++;
                while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
                    i++;
                }
                if (i < json.length() && json.charAt(i) == '"') {
                    StringBuilder value = new StringBuilder();
                    for (int j = i + 1; j < json.length(); j++) {
                        char c = json.charAt(j);
                        if (c == '"') {
                            return value.toString();
                        }
                        if (c == '\\' && j + 1 < json.length()) {
                            char e = json.charAt(++j);
                            switch (e) {
                                case 'n' -> value.append('\n');
                                case 't' -> value.append('\t');
                                case 'r' -> value.append('\r');
                                case 'b', 'f' -> {
                                }
                                case 'u' -> {
                                    if (j + 4 < json.length()) {
                                        try {
                                            value.append((char) Integer.parseInt(json.substring(j + 1, j + 5), 16));
                                        } catch (NumberFormatException ex) {
                                            return null;
                                        }
                                        j += 4;
                                    }
                                }
                                default -> value.append(e);
                            }
                        } else {
                            value.append(c);
                        }
                    }
                    return null;
                }
            }
            k = json.indexOf(needle, k + 1);
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ wpautop

    /**
     * What wpautop does, on the tree: in a flow container (the body, div, blockquote...) loose text and inline elements
     * are split at blank lines into paragraphs; everywhere outside pre (and other verbatim elements) a single newline in
     * text becomes a line break, except right after one; block elements are never wrapped. A paragraph line that is
     * only an http(s) URL is WordPress's auto-embed: it becomes a link paragraph.
     */
    private static void autop(Element container, boolean wrap, Stats stats) {
        List<Node> kids = new ArrayList<>(container.childNodes());
        if (kids.isEmpty()) {
            return;
        }
        List<Node> out = new ArrayList<>(kids.size());
        List<Node> run = new ArrayList<>();
        for (Node kid : kids) {
            if (kid instanceof Element e && BLOCK_TAGS.contains(e.normalName())) {
                flushRun(run, wrap, out, stats);
                run.clear();
                if (e.nameIs("p")) {
                    autop(e, true, stats); // a paragraph with blank lines in it becomes several
                    for (Node made : e.childNodes()) {
                        if (made instanceof Element p && p.attributesSize() == 0) {
                            p.attributes().addAll(e.attributes()); // its class, e.g. wp-caption-text
                        }
                    }
                    out.addAll(e.childNodes());
                } else {
                    descend(e, stats);
                    out.add(e);
                }
            } else {
                run.add(kid);
            }
        }
        flushRun(run, wrap, out, stats);
        container.empty();
        container.appendChildren(out);
    }

    private static void descend(Element e, Stats stats) {
        String name = e.normalName();
        if (VERBATIM_TAGS.contains(name)) {
            return;
        }
        if (FLOW_TAGS.contains(name)) {
            autop(e, true, stats);
        } else if (STRUCTURE_TAGS.contains(name)) {
            for (Element child : childElements(e)) {
                descend(child, stats);
            }
        } else {
            autop(e, false, stats);
        }
    }

    private static void flushRun(List<Node> run, boolean wrap, List<Node> out, Stats stats) {
        if (run.isEmpty()) {
            return;
        }
        List<List<Node>> paragraphs = splitParagraphs(run);
        if (!wrap && paragraphs.size() == 1) {
            out.addAll(newlinesToBreaks(trim(paragraphs.get(0))));
            return;
        }
        for (List<Node> paragraph : paragraphs) {
            List<Node> nodes = trim(paragraph);
            if (nodes.isEmpty()) {
                continue;
            }
            nodes = newlinesToBreaks(nodes);
            if (wrap) {
                out.addAll(splitEmbedLines(nodes, stats));
            } else {
                out.add(paragraph(nodes));
            }
        }
    }

    private static Element paragraph(List<Node> nodes) {
        Element p = new Element("p");
        p.appendChildren(nodes);
        return p;
    }

    /** Splits a run of inline nodes at blank lines in its own text. */
    private static List<List<Node>> splitParagraphs(List<Node> run) {
        List<List<Node>> paragraphs = new ArrayList<>();
        List<Node> current = new ArrayList<>();
        for (Node node : run) {
            if (node instanceof TextNode text) {
                String s = text.getWholeText();
                if (s.indexOf('\n') < 0) {
                    current.add(text);
                    continue;
                }
                int last = 0;
                for (long m = blankLine(s, 0); m >= 0; m = blankLine(s, last)) {
                    int start = (int) (m >>> 32);
                    if (start > last) {
                        current.add(new TextNode(s.substring(last, start)));
                    }
                    paragraphs.add(current);
                    current = new ArrayList<>();
                    last = (int) m;
                }
                if (last == 0) {
                    current.add(text);
                } else if (last < s.length()) {
                    current.add(new TextNode(s.substring(last)));
                }
            } else {
                current.add(node);
            }
        }
        paragraphs.add(current);
        return paragraphs;
    }

    /**
     * The next blank line in {@code s} from {@code from} (a newline, blanks, a newline, and all the whitespace after),
     * as {@code start << 32 | end}, or -1.
     */
    private static long blankLine(String s, int from) {
        int n = s.length();
        for (int i = s.indexOf('\n', from); i >= 0; i = s.indexOf('\n', i + 1)) {
            int j = i + 1;
            while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t' || s.charAt(j) == '\r' || s.charAt(j) == '\f' || s.charAt(j) == 0x0B)) {
                j++;
            }
            if (j < n && s.charAt(j) == '\n') {
                while (j < n && isHtmlWhitespace(s.charAt(j))) {
                    j++;
                }
                return (long) i << 32 | j;
            }
        }
        return -1;
    }

    /** The next newline in {@code s} from {@code from} with the blanks around it, as {@code start << 32 | end}, or -1. */
    private static long newline(String s, int from) {
        int i = s.indexOf('\n', from);
        if (i < 0) {
            return -1;
        }
        int start = i;
        while (start > from && (s.charAt(start - 1) == ' ' || s.charAt(start - 1) == '\t' || s.charAt(start - 1) == '\r' || s.charAt(start - 1) == '\f')) {
            start--;
        }
        int end = i + 1;
        while (end < s.length() && isHtmlWhitespace(s.charAt(end))) {
            end++;
        }
        return (long) start << 32 | end;
    }

    /** Each newline, with the blanks around it, becomes one space. */
    private static String newlinesToSpaces(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int last = 0;
        for (long m = newline(s, 0); m >= 0; m = newline(s, last)) {
            b.append(s, last, (int) (m >>> 32)).append(' ');
            last = (int) m;
        }
        return b.append(s, last, s.length()).toString();
    }

    /** Drops leading and trailing whitespace and line breaks; empty when there is nothing else. */
    private static List<Node> trim(List<Node> nodes) {
        int from = 0;
        int to = nodes.size();
        while (from < to && isSkippable(nodes.get(from))) {
            from++;
        }
        while (to > from && isSkippable(nodes.get(to - 1))) {
            to--;
        }
        List<Node> result = new ArrayList<>(nodes.subList(from, to));
        if (!result.isEmpty() && result.get(0) instanceof TextNode first) {
            result.set(0, new TextNode(stripLeading(first.getWholeText())));
        }
        if (!result.isEmpty() && result.get(result.size() - 1) instanceof TextNode last) {
            result.set(result.size() - 1, new TextNode(stripTrailing(last.getWholeText())));
        }
        return result;
    }

    private static boolean isSkippable(Node node) {
        return (node instanceof TextNode t && isBlankText(t.getWholeText())) || (node instanceof Element e && e.nameIs("br"));
    }

    private static boolean isBlankText(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isHtmlWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String stripSpaceLike(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (isSpaceLike(s.charAt(start)) || Character.isWhitespace(s.charAt(start)))) {
            start++;
        }
        while (end > start && (isSpaceLike(s.charAt(end - 1)) || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Whitespace, and the no-break space the converter may turn into a space. */
    private static boolean isSpaceLike(char c) {
        return isHtmlWhitespace(c) || c == '\u00a0';
    }

    private static boolean isHtmlWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isHtmlWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && isHtmlWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }

    /** A newline in text becomes {@code <br>}, except right after a {@code <br>}; inline elements are done too. */
    private static List<Node> newlinesToBreaks(List<Node> nodes) {
        List<Node> result = new ArrayList<>(nodes.size());
        boolean afterBreak = false;
        for (Node node : nodes) {
            if (node instanceof TextNode text) {
                String s = text.getWholeText();
                if (s.indexOf('\n') < 0) {
                    result.add(text);
                    afterBreak = afterBreak && isBlankText(s);
                    continue;
                }
                int last = 0;
                boolean changed = false;
                for (long m = newline(s, 0); m >= 0; m = newline(s, last)) {
                    changed = true;
                    int start = (int) (m >>> 32);
                    if (start > last) {
                        result.add(new TextNode(s.substring(last, start)));
                        afterBreak = false;
                    }
                    if (!afterBreak) {
                        result.add(new Element("br"));
                        afterBreak = true;
                    }
                    last = (int) m;
                }
                if (!changed) {
                    result.add(text);
                    afterBreak = afterBreak && isBlankText(s);
                } else if (last < s.length()) {
                    result.add(new TextNode(s.substring(last)));
                    afterBreak = false;
                }
            } else if (node instanceof Element e) {
                if (e.nameIs("br")) {
                    afterBreak = true;
                } else {
                    afterBreak = false;
                    if (!VERBATIM_TAGS.contains(e.normalName()) && hasNewline(e)) {
                        List<Node> inner = newlinesToBreaks(new ArrayList<>(e.childNodes()));
                        e.empty();
                        e.appendChildren(inner);
                    }
                }
                result.add(e);
            } else {
                result.add(node);
            }
        }
        return result;
    }

    private static boolean hasNewline(Element element) {
        for (Node node : element.childNodes()) {
            if ((node instanceof TextNode t && t.getWholeText().indexOf('\n') >= 0) || (node instanceof Element e && hasNewline(e))) {
                return true;
            }
        }
        return false;
    }

    /** The paragraphs of a paragraph's nodes: a line holding nothing but an http(s) URL becomes a link paragraph. */
    private static List<Element> splitEmbedLines(List<Node> nodes, Stats stats) {
        List<List<Node>> lines = new ArrayList<>();
        List<Node> line = new ArrayList<>();
        for (Node node : nodes) {
            if (node instanceof Element e && e.nameIs("br")) {
                lines.add(line);
                line = new ArrayList<>();
            } else {
                line.add(node);
            }
        }
        lines.add(line);
        if (lines.stream().noneMatch(l -> embedUrl(l) != null)) {
            return List.of(paragraph(nodes));
        }
        List<Element> paragraphs = new ArrayList<>();
        List<Node> current = new ArrayList<>();
        for (List<Node> l : lines) {
            String url = embedUrl(l);
            if (url != null) {
                if (!trim(current).isEmpty()) {
                    paragraphs.add(paragraph(trim(current)));
                }
                current = new ArrayList<>();
                stats.embeds++;
                paragraphs.add(linkParagraph(url));
            } else {
                if (!current.isEmpty()) {
                    current.add(new Element("br"));
                }
                current.addAll(l);
            }
        }
        if (!trim(current).isEmpty()) {
            paragraphs.add(paragraph(trim(current)));
        }
        return paragraphs;
    }

    private static String embedUrl(List<Node> line) {
        String url = null;
        for (Node node : line) {
            if (node instanceof TextNode t) {
                if (isBlankText(t.getWholeText())) {
                    continue;
                }
                if (url != null) {
                    return null;
                }
                url = t.getWholeText().strip();
            } else {
                return null;
            }
        }
        return url != null && HTTP_URL.matcher(url).matches() ? url : null;
    }

    /** A paragraph holding only a link to {@code url}, written by the converter as {@code <url>}. */
    private static Element linkParagraph(String url) {
        Element p = new Element("p");
        p.appendElement("a").attr("href", url).text(url);
        return p;
    }

    // ------------------------------------------------------------------------------------------------ clean-up

    /** The elements of the parsed post, in document order and by tag name, gathered in one walk. */
    private static final class Index {
        private final List<Element> all = new ArrayList<>(256);
        private final Map<String, List<Element>> byTag = new java.util.HashMap<>();

        Index(Element root) {
            collect(root);
        }

        private void collect(Element element) {
            for (Node node : element.childNodes()) {
                if (node instanceof Element child) {
                    all.add(child);
                    byTag.computeIfAbsent(child.normalName(), k -> new ArrayList<>()).add(child);
                    collect(child);
                }
            }
        }

        /** Elements, as first parsed, with one of these names that are still in the tree, in document order. */
        List<Element> get(String... names) {
            List<Element> found = new ArrayList<>();
            if (names.length == 1) {
                for (Element e : byTag.getOrDefault(names[0], List.of())) {
                    if (e.parent() != null) {
                        found.add(e);
                    }
                }
                return found;
            }
            Set<String> wanted = Set.of(names);
            for (Element e : all) {
                if (wanted.contains(e.normalName()) && e.parent() != null) {
                    found.add(e);
                }
            }
            return found;
        }
    }

    /** The element children of an element (a copy: safe to change the tree while going through it). */
    private static List<Element> childElements(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node node : element.childNodes()) {
            if (node instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    /** Emoji images become their character; lazy-loaded images get their real source; titles are not captions. */
    private static void images(Index index, UnaryOperator<String> sources) {
        for (Element img : index.get("img")) {
            if (img.hasClass("wp-smiley") || img.hasClass("emoji")) {
                img.replaceWith(new TextNode(img.attr("alt")));
                continue;
            }
            String src = img.attr("src").strip();
            if (src.isEmpty() || src.startsWith("data:")) {
                for (String lazy : new String[] {"data-src", "data-lazy-src", "data-orig-file"}) {
                    if (!img.attr(lazy).isBlank()) {
                        src = img.attr(lazy).strip();
                        break;
                    }
                }
            }
            if (src.isEmpty() || src.startsWith("data:")) {
                img.remove();
                continue;
            }
            img.attr("src", sources.apply(src));
            img.removeAttr("title");
        }
    }

    /** Embed block figures become a link to what they embed (their caption follows as a paragraph). */
    private static void embedFigures(Index index, Stats stats) {
        for (Element figure : index.get("figure")) {
            if (!figure.className().contains("wp-block-embed")) {
                continue;
            }
            String url = null;
            Element wrapper = figure.selectFirst(".wp-block-embed__wrapper");
            if (wrapper != null) {
                Matcher m = HTTP_URL.matcher(wrapper.text());
                url = m.find() ? m.group() : null;
            }
            if (url == null && !figure.attr("data-embed-url").isEmpty()) {
                url = figure.attr("data-embed-url");
            }
            if (url == null) {
                Element a = figure.selectFirst("a[href^=http], iframe[src^=http]");
                url = a == null ? null : a.hasAttr("href") ? a.attr("href") : a.attr("src");
            }
            List<Element> replacement = new ArrayList<>();
            if (url != null) {
                stats.embeds++;
                replacement.add(linkParagraph(url));
            }
            Element caption = figure.selectFirst("figcaption");
            if (caption != null && !caption.text().isBlank()) {
                replacement.add(caption.tagName("p"));
            }
            replaceWithBlocks(figure, replacement);
        }
    }

    /** An iframe with an http(s) source is an embed: it becomes a link on its own line; video and audio likewise. */
    private static void mediaElements(Index index, Stats stats) {
        for (Element media : index.get("iframe", "video", "audio")) {
            if (media.parent() == null) {
                continue;
            }
            String src = media.attr("src").strip();
            if (src.isEmpty()) {
                Element source = media.selectFirst("source[src]");
                src = source == null ? "" : source.attr("src").strip();
            }
            if (src.startsWith("//")) {
                src = "https:" + src;
            }
            if (!HTTP_URL.matcher(src).matches()) {
                media.remove();
                continue;
            }
            if (media.nameIs("iframe")) {
                stats.embeds++;
            }
            replaceWithBlocks(media, List.of(linkParagraph(src)));
        }
    }

    /**
     * Puts blocks where {@code target} is: replacing its paragraph if it is all the paragraph holds, in its place in a
     * block container, or else inline as links between line breaks.
     */
    private static void replaceWithBlocks(Element target, List<Element> blocks) {
        Element parent = target.parent();
        if (parent != null && parent.nameIs("p") && onlyMeaningfulChild(parent, target)) {
            target = parent;
            parent = target.parent();
        }
        if (parent == null) {
            target.remove();
            return;
        }
        String name = parent.normalName();
        boolean blockContext = FLOW_TAGS.contains(name) || name.equals("li") || name.equals("dd") || name.equals("td")
                || name.equals("th") || name.equals("figure");
        if (blockContext) {
            for (Element block : blocks) {
                target.before(block);
            }
        } else {
            for (Element block : blocks) {
                target.before(new Element("br"));
                for (Node inline : new ArrayList<>(block.childNodes())) {
                    target.before(inline);
                }
                target.before(new Element("br"));
            }
        }
        target.remove();
    }

    private static boolean onlyMeaningfulChild(Element parent, Element child) {
        for (Node node : parent.childNodes()) {
            if (node == child || (node instanceof TextNode t && isBlankText(t.getWholeText()))
                    || (node instanceof Element e && e.nameIs("br"))) {
                continue;
            }
            return false;
        }
        return true;
    }

    /**
     * Figures (the {@code [caption]} shortcode's, and the rendered {@code div.wp-caption}) with one image become that
     * image alone in a paragraph, its caption as the title: the renderer makes a figure of it again. Galleries become
     * one such paragraph per image. Other figures (tables, quotes, media) keep their content, a figcaption as a
     * paragraph.
     */
    private static void figures(Index index) {
        List<Element> figures = index.get("figure", "div");
        figures.removeIf(e -> e.nameIs("div") && !e.hasClass("wp-caption"));
        Collections.reverse(figures); // innermost first
        for (Element figure : figures) {
            if (figure.parent() == null) {
                continue;
            }
            if (figure.hasClass("wp-block-gallery") || figure.hasClass("blocks-gallery-grid")) {
                gallery(figure);
                continue;
            }
            boolean shortcode = figure.hasAttr("data-wp-caption");
            Element caption = shortcode ? null : figure.selectFirst("figcaption, .wp-caption-text");
            List<Element> images = figure.select("img");
            if (images.size() == 1 && (shortcode || !hasTextOutside(figure, caption))
                    && figure.select("table, blockquote, ul, ol, pre").isEmpty()) {
                Element img = images.get(0);
                String text;
                if (shortcode) {
                    String attr = figure.attr("data-wp-caption");
                    text = attr.isBlank() ? figure.text() : attr.indexOf('<') >= 0 || attr.indexOf('&') >= 0 ? htmlText(attr) : attr;
                } else {
                    text = caption == null ? "" : caption.text();
                }
                text = text.strip();
                if (!text.isEmpty()) {
                    img.attr("title", text);
                }
                replaceWithBlocks(figure, List.of(paragraph(List.of(img))));
                continue;
            }
            if (caption != null) {
                caption.tagName("p");
            }
            if (shortcode && !figure.attr("data-wp-caption").isBlank()) {
                figure.appendElement("p").text(htmlText(figure.attr("data-wp-caption")));
            }
            figure.tagName("div");
        }
    }

    private static void gallery(Element figure) {
        List<Element> blocks = new ArrayList<>();
        for (Element img : figure.select("img")) {
            Element p = img.parent();
            blocks.add(p != null && p.nameIs("p") && p.childrenSize() == 1 ? p : paragraph(List.of(img)));
        }
        for (Element own : childElements(figure)) {
            if (own.nameIs("figcaption") && !own.text().isBlank()) {
                blocks.add(own.tagName("p"));
            }
        }
        replaceWithBlocks(figure, blocks);
    }

    /** Whether an element has text of its own, besides that of its caption. */
    private static boolean hasTextOutside(Element element, Element caption) {
        for (Node node : element.childNodes()) {
            if (node instanceof TextNode t && !isVisuallyBlank(t.getWholeText())) {
                return true;
            }
            if (node instanceof Element e && e != caption && hasTextOutside(e, caption)) {
                return true;
            }
        }
        return false;
    }

    /** Inline elements without a CommonMark form that flexmark would write in a foreign syntax, and other fix-ups. */
    private static void inlineElements(Index index) {
        for (Element cite : index.get("cite", "footer")) {
            if (cite.parent() != null && cite.parent().nameIs("blockquote")) {
                cite.tagName("p");
            }
        }
        for (Element e : index.get("abbr", "acronym", "mark", "font", "big", "small", "cite", "q", "dfn", "bdi", "bdo", "time", "data")) {
            if (!e.nameIs("p")) {
                e.unwrap();
            }
        }
        for (Element e : index.get("s")) {
            e.tagName("del");
        }
        for (Element e : index.get("kbd", "samp", "tt", "var")) {
            e.tagName("code");
        }
        for (Element e : index.get("sup", "sub")) {
            for (Element inner : e.getAllElements()) {
                for (org.jsoup.nodes.Attribute attr : new ArrayList<>(inner.attributes().asList())) {
                    boolean keep = inner.nameIs("a") && attr.getKey().equals("href") && isSafeUrl(attr.getValue());
                    if (!keep) {
                        inner.removeAttr(attr.getKey());
                    }
                }
            }
        }
        for (Element heading : index.get("h1", "h2", "h3", "h4", "h5", "h6")) {
            for (Element br : heading.getElementsByTag("br")) {
                br.replaceWith(new TextNode(" ")); // a Markdown heading is one line
            }
        }
        for (Element e : index.get("summary", "legend")) {
            e.tagName("p");
        }
        for (Element dl : index.get("dl")) {
            for (Element item : childElements(dl)) {
                if (item.nameIs("dt")) {
                    Element strong = new Element("strong");
                    strong.appendChildren(new ArrayList<>(item.childNodes()));
                    item.appendChild(strong);
                    item.tagName("p");
                } else if (item.nameIs("dd")) {
                    item.tagName("div");
                }
            }
            dl.tagName("div");
        }
        // A list item with blocks in it keeps its text in paragraphs, and has no headings: the converter needs that.
        for (Element li : index.get("li")) {
            boolean blocks = false;
            for (Element child : childElements(li)) {
                String name = child.normalName();
                if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
                    Element strong = new Element("strong");
                    strong.appendChildren(new ArrayList<>(child.childNodes()));
                    child.appendChild(strong);
                    child.tagName("p");
                    name = "p";
                }
                if (BLOCK_TAGS.contains(name) && !name.equals("ul") && !name.equals("ol")) {
                    blocks = true;
                }
            }
            if (blocks) {
                wrapRuns(li);
            }
        }
    }

    private static boolean isSafeUrl(String url) {
        String u = url.strip().toLowerCase();
        return !(u.startsWith("javascript:") || u.startsWith("vbscript:") || u.startsWith("data:"));
    }

    /** GFM tables need a header row: the first row is it; a caption becomes a paragraph before the table. */
    private static void tables(Index index) {
        for (Element table : index.get("table")) {
            for (Element child : childElements(table)) {
                if (child.nameIs("caption")) {
                    table.before(child.tagName("p"));
                }
            }
            List<Element> rows = new ArrayList<>();
            for (Element child : childElements(table)) {
                if (child.nameIs("tr")) {
                    rows.add(child);
                } else if (child.nameIs("thead") || child.nameIs("tbody") || child.nameIs("tfoot")) {
                    for (Element row : childElements(child)) {
                        if (row.nameIs("tr")) {
                            rows.add(row);
                        }
                    }
                }
            }
            if (rows.isEmpty()) {
                table.remove();
                continue;
            }
            for (int i = 0; i < rows.size(); i++) {
                for (Element cell : childElements(rows.get(i))) {
                    if (i == 0 && cell.nameIs("td")) {
                        cell.tagName("th");
                    } else if (i > 0 && cell.nameIs("th")) {
                        cell.tagName("td");
                    }
                }
            }
        }
    }

    /** Containers without a Markdown form are unwrapped, their loose text first put in paragraphs. */
    private static void flatten(Element body) {
        List<Element> containers = new ArrayList<>();
        List<Element> quotes = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (FLATTENED.contains(e.normalName())) {
                containers.add(e);
            } else if (e.nameIs("blockquote")) {
                quotes.add(e);
            }
        }
        Collections.reverse(containers); // innermost first
        for (Element container : containers) {
            wrapRuns(container);
            container.unwrap();
        }
        for (Element quote : quotes) {
            wrapRuns(quote);
        }
        wrapRuns(body);
    }

    /** Puts each run of loose text and inline elements that is not blank in a paragraph. */
    private static void wrapRuns(Element container) {
        boolean hasBlock = false;
        for (Element child : childElements(container)) {
            if (BLOCK_TAGS.contains(child.normalName())) {
                hasBlock = true;
                break;
            }
        }
        List<Node> run = new ArrayList<>();
        for (Node node : new ArrayList<>(container.childNodes())) {
            if (node instanceof Element e && BLOCK_TAGS.contains(e.normalName())) {
                wrapRun(run);
                run.clear();
            } else {
                run.add(node);
            }
        }
        if (hasBlock || container.nameIs("body") || FLOW_TAGS.contains(container.normalName())
                || container.nameIs("address") || container.nameIs("hgroup")) {
            wrapRun(run);
        }
    }

    private static void wrapRun(List<Node> run) {
        boolean meaningful = false;
        for (Node node : run) {
            if (!(node instanceof TextNode t && isBlankText(t.getWholeText())) && !(node instanceof Element e && e.nameIs("br"))) {
                meaningful = true;
                break;
            }
        }
        if (!meaningful) {
            return;
        }
        Element p = new Element("p");
        run.get(0).before(p);
        p.appendChildren(new ArrayList<>(run));
    }

    /** Links: scripting URLs are dropped (the text stays); URLs are made safe for Markdown's link syntax. */
    private static void links(Index index) {
        for (Element a : index.get("a")) {
            String href = a.attr("href").strip();
            if (href.isEmpty() || !isSafeUrl(href)) {
                a.unwrap();
                continue;
            }
            a.attr("href", markdownUrl(href));
            a.removeAttr("title");
        }
    }

    /** Paragraphs and headings with nothing to show (WordPress's {@code <p>&nbsp;</p>} spacers). */
    private static void removeEmpty(Element body) {
        List<Element> empty = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            String name = e.normalName();
            boolean candidate = name.equals("p") || (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6');
            if (candidate && !showsSomething(e)) {
                empty.add(e);
            }
        }
        empty.forEach(Node::remove);
    }

    private static boolean showsSomething(Element element) {
        for (Node node : element.childNodes()) {
            if (node instanceof TextNode t && !isVisuallyBlank(t.getWholeText())) {
                return true;
            }
            if (node instanceof Element e && (e.nameIs("img") || showsSomething(e))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVisuallyBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b' || c == '\ufeff')) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ Markdown text

    /** Escapes the text of the tree so that it reads as text in Markdown (flexmark's own escaping is turned off). */
    private static void escapeText(Element element, boolean inTable, boolean inHtml) {
        Node headingEnd = null;
        if (isHeading(element)) {
            for (int i = element.childNodeSize() - 1; i >= 0 && headingEnd == null; i--) {
                Node last = element.childNode(i);
                if (!(last instanceof TextNode t && isBlankText(t.getWholeText()))) {
                    headingEnd = last;
                }
            }
        }
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                String s = text.getWholeText();
                // HTML reads a newline in text as a space; Markdown could read the next line as a list or heading
                String flat = s.indexOf('\n') >= 0 ? newlinesToSpaces(s) : s;
                String escaped = escapeMarkdown(flat, atLineStart(text), text == headingEnd, inTable, inHtml);
                if (escaped.endsWith("!") && !escaped.endsWith("\\!") && startsWithLink(text.nextSibling())) {
                    escaped = escaped.substring(0, escaped.length() - 1) + "\\!"; // or it reads as an image, ![...](...)
                }
                if (!escaped.equals(s)) {
                    text.text(escaped);
                }
            } else if (child instanceof Element e) {
                String name = e.normalName();
                if (VERBATIM_TAGS.contains(name)) {
                    continue;
                }
                if (name.equals("a") && isAutolink(e)) {
                    continue; // written as <url>, where nothing is escaped
                }
                escapeText(e, inTable || name.equals("td") || name.equals("th"), inHtml || name.equals("sup") || name.equals("sub"));
            }
        }
    }

    /** Whether the Markdown of a node starts with a link's {@code [}. */
    private static boolean startsWithLink(Node node) {
        while (node instanceof Element e) {
            if (e.nameIs("a")) {
                return !isAutolink(e);
            }
            if (delimiterOf(e) != 0 || BLOCK_TAGS.contains(e.normalName()) || e.childNodeSize() == 0) {
                return false;
            }
            node = e.childNode(0);
        }
        return false;
    }

    private static char delimiterOf(Element e) {
        return switch (e.normalName()) {
            case "strong", "b", "em", "i" -> '*';
            case "del", "strike" -> '~';
            case "code" -> '`';
            default -> 0;
        };
    }

    private static boolean isHeading(Element element) {
        String name = element.normalName();
        return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6';
    }

    /** Whether a link is written as a CommonMark autolink: its text is its href, an absolute URI. */
    private static boolean isAutolink(Element a) {
        if (a.childNodeSize() != 1 || !(a.childNode(0) instanceof TextNode text)) {
            return false;
        }
        String href = a.attr("href");
        return !href.isEmpty() && text.getWholeText().strip().equals(href) && ABSOLUTE_URI.matcher(href).matches();
    }

    /** Whether text starts a Markdown line: nothing but blanks before it in its block, or a line break. */
    private static boolean atLineStart(Node text) {
        Node node = text;
        while (true) {
            for (Node prev = node.previousSibling(); prev != null; prev = prev.previousSibling()) {
                if (prev instanceof TextNode t) {
                    if (!isBlankText(t.getWholeText())) {
                        return false;
                    }
                } else if (prev instanceof Element e) {
                    if (e.nameIs("br") || BLOCK_TAGS.contains(e.normalName())) {
                        return true;
                    }
                    if (showsSomething(e)) {
                        return false;
                    }
                }
            }
            Node parent = node.parent();
            if (!(parent instanceof Element p) || p.nameIs("body") || BLOCK_TAGS.contains(p.normalName())) {
                return true;
            }
            node = parent;
        }
    }

    /**
     * Backslash-escapes what Markdown would read as syntax: emphasis, code, links, strikethrough and HTML/entities
     * anywhere; headings, quotes, list items and thematic breaks at the start of a line; pipes in table cells.
     */
    static String escapeMarkdown(String s, boolean lineStart, boolean headingEnd, boolean inTable, boolean inHtml) {
        int n = s.length();
        int first = 0;
        while (first < n && isSpaceLike(s.charAt(first))) {
            first++;
        }
        int lineSyntaxAt = -1;
        if (lineStart && first < n) {
            char c = s.charAt(first);
            char next = first + 1 < n ? s.charAt(first + 1) : ' ';
            switch (c) {
                case '>', '=' -> lineSyntaxAt = first;
                case '-' -> lineSyntaxAt = isSpaceLike(next) || next == '-' ? first : -1;
                case '+' -> lineSyntaxAt = isSpaceLike(next) ? first : -1;
                case '#' -> {
                    int j = first;
                    while (j < n && s.charAt(j) == '#') {
                        j++;
                    }
                    lineSyntaxAt = j - first <= 6 && (j == n || isSpaceLike(s.charAt(j))) ? first : -1;
                }
                default -> {
                    if (c >= '0' && c <= '9') {
                        int j = first;
                        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                            j++;
                        }
                        if (j - first <= 9 && j < n && (s.charAt(j) == '.' || s.charAt(j) == ')')
                                && (j + 1 == n || isSpaceLike(s.charAt(j + 1)))) {
                            lineSyntaxAt = j;
                        }
                    }
                }
            }
        }
        // '#'s ending a heading, after a space, would be read as its closing sequence and dropped
        int closingAt = -1;
        if (headingEnd) {
            int end = n;
            while (end > 0 && isSpaceLike(s.charAt(end - 1))) {
                end--;
            }
            int start = end;
            while (start > 0 && s.charAt(start - 1) == '#') {
                start--;
            }
            if (start < end && (start == 0 || isSpaceLike(s.charAt(start - 1)))) {
                closingAt = start;
            }
        }
        StringBuilder b = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean escape = switch (c) {
                case '\\', '`', '*', '[', ']', '~' -> true;
                case '_' -> i == 0 || i == n - 1 || !Character.isLetterOrDigit(s.charAt(i - 1)) || !Character.isLetterOrDigit(s.charAt(i + 1));
                case '<' -> !inHtml && i + 1 < n && (Character.isLetter(s.charAt(i + 1)) || "/!?".indexOf(s.charAt(i + 1)) >= 0);
                case '&' -> !inHtml && entityAhead(s, i + 1);
                case '|' -> inTable;
                default -> i == lineSyntaxAt || i == closingAt;
            };
            if (escape && b == null) {
                b = new StringBuilder(n + 8).append(s, 0, i);
            }
            if (b != null) {
                if (escape) {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean entityAhead(String s, int i) {
        int j = i;
        if (j < s.length() && s.charAt(j) == '#') {
            j++;
        }
        int start = j;
        while (j < s.length() && j - start < 32 && Character.isLetterOrDigit(s.charAt(j))) {
            j++;
        }
        return j > start && j < s.length() && s.charAt(j) == ';';
    }

    /** Runs of whitespace as one space, none at the ends. */
    private static String collapseWhitespace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = !b.isEmpty();
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A URL for a Markdown link destination: no spaces or angle brackets, parentheses only when balanced. */
    static String markdownUrl(String url) {
        int depth = 0;
        boolean balanced = true;
        for (int i = 0; i < url.length() && balanced; i++) {
            char c = url.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                balanced = --depth >= 0;
            }
        }
        balanced &= depth == 0;
        StringBuilder b = new StringBuilder(url.length() + 8);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case ' ' -> b.append("%20");
                case '<' -> b.append("%3C");
                case '>' -> b.append("%3E");
                case '\\' -> b.append("%5C");
                case '"' -> b.append("%22");
                case '\n', '\r', '\t' -> {
                }
                case '(' -> b.append(balanced ? "(" : "%28");
                case ')' -> b.append(balanced ? ")" : "%29");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Writes images and emphasis ourselves. Images: {@code ![alt](src "title")} with alt and title escaped (flexmark's
     * own turns an image whose file name is an emoji name, such as {@code cat.png}, into an emoji shortcut). Emphasis:
     * the delimiters hug the text and the whitespace goes outside them (flexmark's own puts a space between
     * {@code **bold**} and a comma after it); where CommonMark would not read the delimiters as emphasis (punctuation
     * inside next to a letter outside), the element is written as inline HTML instead.
     */
    private static final class InlineRenderer implements HtmlNodeRenderer {
        @Override
        public Set<HtmlNodeRendererHandler<?>> getHtmlNodeRendererHandlers() {
            return Set.of(
                    new HtmlNodeRendererHandler<>("img", Element.class, InlineRenderer::image),
                    new HtmlNodeRendererHandler<>("a", Element.class, InlineRenderer::link),
                    new HtmlNodeRendererHandler<>("code", Element.class, InlineRenderer::code),
                    new HtmlNodeRendererHandler<>("strong", Element.class, (e, c, o) -> emphasis(e, c, o, "**", "strong")),
                    new HtmlNodeRendererHandler<>("b", Element.class, (e, c, o) -> emphasis(e, c, o, "**", "strong")),
                    new HtmlNodeRendererHandler<>("em", Element.class, (e, c, o) -> emphasis(e, c, o, "*", "em")),
                    new HtmlNodeRendererHandler<>("i", Element.class, (e, c, o) -> emphasis(e, c, o, "*", "em")),
                    new HtmlNodeRendererHandler<>("del", Element.class, (e, c, o) -> emphasis(e, c, o, "~~", "del")),
                    new HtmlNodeRendererHandler<>("strike", Element.class, (e, c, o) -> emphasis(e, c, o, "~~", "del")));
        }

        private static void emphasis(Element element, HtmlNodeConverterContext context, HtmlMarkdownWriter out, String delimiter,
                String tag) {
            String whole = element.wholeText();
            String core = stripSpaceLike(markdownOf(element, context));
            if (core.isEmpty()) {
                if (!whole.isEmpty()) {
                    out.append(' ');
                }
                return;
            }
            StringBuilder b = new StringBuilder(core.length() + 16);
            if (!whole.isEmpty() && isSpaceLike(whole.charAt(0))) {
                b.append(' ');
            }
            boolean opens = !(isPunctuation(core.charAt(0)) && Character.isLetterOrDigit(charBefore(element)));
            boolean closes = !(isPunctuation(core.charAt(core.length() - 1)) && Character.isLetterOrDigit(charAfter(element)));
            // delimiters right next to another element's would run together (**a****b**)
            boolean alone = !sameDelimiter(element, element.previousSibling()) && !sameDelimiter(element, element.nextSibling());
            if (opens && closes && alone && core.indexOf('\n') < 0) {
                b.append(delimiter).append(core).append(delimiter);
            } else {
                b.append('<').append(tag).append('>').append(core).append("</").append(tag).append('>');
            }
            if (!whole.isEmpty() && isSpaceLike(whole.charAt(whole.length() - 1))) {
                b.append(' ');
            }
            out.append(b);
        }

        /** The Markdown of an element's content: its (already escaped) text when that is all it has. */
        private static String markdownOf(Element element, HtmlNodeConverterContext context) {
            if (element.childNodeSize() == 1 && element.childNode(0) instanceof TextNode text) {
                return collapseWhitespace(text.getWholeText());
            }
            return context.processTextNodes(element);
        }

        /** Whether a neighbour is written with the same delimiter character (their delimiters would run together). */
        private static boolean sameDelimiter(Element element, Node neighbour) {
            return neighbour instanceof Element e && delimiterOf(e) != 0 && delimiterOf(e) == delimiterOf(element);
        }


        /**
         * Inline code: a run of backticks longer than any in the code, with a space inside when the code starts or ends
         * with a backtick; pipes escaped in a table. Code in a pre is the converter's own.
         */
        private static void code(Element code, HtmlNodeConverterContext context, HtmlMarkdownWriter out) {
            if (code.parent() != null && code.parent().nameIs("pre")) {
                context.renderDefault(code);
                return;
            }
            String text = code.wholeText().replace('\n', ' ');
            if (isVisuallyBlank(text)) {
                if (!text.isEmpty()) {
                    out.append(' ');
                }
                return;
            }
            boolean inTable = inTable(code);
            if (sameDelimiter(code, code.previousSibling())) {
                // right after another code span the backticks would run together: inline HTML, its text escaped
                StringBuilder html = new StringBuilder(text.length() + 16).append("<code>");
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    switch (c) {
                        case '&' -> html.append("&amp;");
                        case '<' -> html.append("&lt;");
                        case '>' -> html.append("&gt;");
                        default -> {
                            if ("\\`*_[]~".indexOf(c) >= 0 || (inTable && c == '|')) {
                                html.append('\\');
                            }
                            html.append(c);
                        }
                    }
                }
                out.append(html.append("</code>"));
                return;
            }
            if (inTable) {
                text = text.replace("|", "\\|");
            }
            int longest = 0;
            int run = 0;
            for (int i = 0; i < text.length(); i++) {
                run = text.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            String fence = "`".repeat(longest + 1);
            boolean pad = text.charAt(0) == '`' || text.charAt(text.length() - 1) == '`'
                    || (text.charAt(0) == ' ' && text.charAt(text.length() - 1) == ' ');
            out.append(fence + (pad ? " " : "") + text + (pad ? " " : "") + fence);
        }

        private static boolean isPunctuation(char c) {
            return switch (Character.getType(c)) {
                case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                        Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                        Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                        Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
                default -> false;
            };
        }

        /** The character just before an element in its text flow; a space when there is none. */
        private static char charBefore(Element element) {
            Node prev = element.previousSibling();
            String text = prev instanceof TextNode t ? t.getWholeText() : prev instanceof Element e ? e.text() : "";
            return text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        }

        private static char charAfter(Element element) {
            Node next = element.nextSibling();
            String text = next instanceof TextNode t ? t.getWholeText() : next instanceof Element e ? e.text() : "";
            return text.isEmpty() ? ' ' : text.charAt(0);
        }

        /** {@code <https://...>} when the text is the (absolute) URL, else {@code [text](url)}. */
        private static void link(Element a, HtmlNodeConverterContext context, HtmlMarkdownWriter out) {
            String href = a.attr("href");
            if (href.isEmpty()) {
                out.append(context.processTextNodes(a));
                return;
            }
            if (isAutolink(a)) {
                out.append('<').append(href).append('>');
                return;
            }
            String whole = a.wholeText();
            String text = stripSpaceLike(markdownOf(a, context));
            if (text.isEmpty()) {
                if (!whole.isEmpty()) {
                    out.append(' ');
                }
                return; // a link with nothing to click
            }
            StringBuilder b = new StringBuilder(text.length() + href.length() + 8);
            if (!whole.isEmpty() && isSpaceLike(whole.charAt(0))) {
                b.append(' ');
            }
            b.append('[').append(text).append("](").append(inTable(a) ? href.replace("|", "%7C") : href).append(')');
            if (!whole.isEmpty() && isSpaceLike(whole.charAt(whole.length() - 1))) {
                b.append(' ');
            }
            out.append(b);
        }

        private static boolean inTable(Element element) {
            for (Element up = element.parent(); up != null; up = up.parent()) {
                if (up.nameIs("td") || up.nameIs("th")) {
                    return true;
                }
            }
            return false;
        }

        private static void image(Element img, HtmlNodeConverterContext context, HtmlMarkdownWriter out) {
            String src = img.attr("src").strip();
            if (src.isEmpty()) {
                return;
            }
            boolean inTable = inTable(img);
            String alt = collapseWhitespace(img.attr("alt"));
            StringBuilder b = new StringBuilder(src.length() + alt.length() + 16).append("![");
            for (int i = 0; i < alt.length(); i++) {
                char c = alt.charAt(i);
                if ("\\[]*_`".indexOf(c) >= 0 || (inTable && c == '|')) {
                    b.append('\\');
                }
                b.append(c);
            }
            String url = markdownUrl(src);
            b.append("](").append(inTable ? url.replace("|", "%7C") : url);
            String title = collapseWhitespace(img.attr("title"));
            if (!title.isEmpty()) {
                b.append(" \"");
                for (int i = 0; i < title.length(); i++) {
                    char c = title.charAt(i);
                    if (c == '"' || c == '\\' || (c == '&' && entityAhead(title, i + 1)) || (inTable && c == '|')) {
                        b.append('\\');
                    }
                    b.append(c);
                }
                b.append('"');
            }
            out.append(b.append(')'));
        }
    }
}
