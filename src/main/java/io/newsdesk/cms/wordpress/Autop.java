package io.newsdesk.cms.wordpress;

import static io.newsdesk.cms.wordpress.Html.BLOCK_TAGS;
import static io.newsdesk.cms.wordpress.Html.FLOW_TAGS;
import static io.newsdesk.cms.wordpress.Html.HTTP_URL;
import static io.newsdesk.cms.wordpress.Html.VERBATIM_TAGS;
import static io.newsdesk.cms.wordpress.Html.childElements;
import static io.newsdesk.cms.wordpress.Html.isBlankText;
import static io.newsdesk.cms.wordpress.Html.isHtmlWhitespace;
import static io.newsdesk.cms.wordpress.Html.linkParagraph;
import static io.newsdesk.cms.wordpress.Html.paragraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import io.newsdesk.cms.wordpress.WordPressContent.Stats;

/**
 * WordPress's {@code wpautop} for classic posts, done on the parsed tree: paragraphs from blank lines, line breaks from
 * single newlines (never in {@code <pre>} and other verbatim elements), a line that is only a URL made an embed link.
 * And the block delimiter comments of block posts: dropped, an embed block's URL kept.
 */
final class Autop {

    /** Blocks that only hold other blocks (their loose text is whitespace). */
    private static final Set<String> STRUCTURE_TAGS = Set.of("ul", "ol", "menu", "dl", "table", "thead", "tbody", "tfoot",
            "tr", "colgroup", "hgroup");

    private Autop() {
    }

    // ------------------------------------------------------------------------------------------------ block comments

    /**
     * Block delimiters are dropped with the other comments; an embed block keeps its URL: on its figure, or as a link of
     * its own when the block has no figure.
     */
    static void blockComments(Element body, Stats stats) {
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

    static void removeComments(Element body) {
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
    static void autop(Element container, boolean wrap, Stats stats) {
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
    static String newlinesToSpaces(String s) {
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
}
