package io.newsdesk.cms.wordpress;

import static io.newsdesk.cms.wordpress.Autop.newlinesToSpaces;
import static io.newsdesk.cms.wordpress.Html.BLOCK_TAGS;
import static io.newsdesk.cms.wordpress.Html.VERBATIM_TAGS;
import static io.newsdesk.cms.wordpress.Html.isBlankText;
import static io.newsdesk.cms.wordpress.Html.isSpaceLike;
import static io.newsdesk.cms.wordpress.Html.showsSomething;

import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Text made to read as text in Markdown: the text nodes of the tree are backslash-escaped before conversion (flexmark's
 * own escaping is off, it misses too much). Also what {@link InlineRenderer} shares with the escaping: which elements
 * are written with a delimiter, which links are autolinks, entity look-ahead, and link destinations made safe.
 */
final class MarkdownText {

    /** What CommonMark takes for an autolink: a scheme and no spaces or angle brackets. */
    private static final Pattern ABSOLUTE_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\\s<>]*");

    private MarkdownText() {
    }

    /** Escapes the text of the tree so that it reads as text in Markdown (flexmark's own escaping is turned off). */
    static void escapeText(Element element, boolean inTable, boolean inHtml) {
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

    static char delimiterOf(Element e) {
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
    static boolean isAutolink(Element a) {
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

    static boolean entityAhead(String s, int i) {
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
}
