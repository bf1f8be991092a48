package io.newsdesk.cms.wordpress;

import static io.newsdesk.cms.wordpress.Html.isSpaceLike;
import static io.newsdesk.cms.wordpress.Html.isVisuallyBlank;
import static io.newsdesk.cms.wordpress.MarkdownText.delimiterOf;
import static io.newsdesk.cms.wordpress.MarkdownText.entityAhead;
import static io.newsdesk.cms.wordpress.MarkdownText.isAutolink;
import static io.newsdesk.cms.wordpress.MarkdownText.markdownUrl;

import java.util.Set;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import com.vladsch.flexmark.html2md.converter.HtmlMarkdownWriter;
import com.vladsch.flexmark.html2md.converter.HtmlNodeConverterContext;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRenderer;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRendererHandler;

/**
 * The flexmark node renderer that writes images, links, emphasis and inline code instead of flexmark's own.
 *
 * <p>Writes images and emphasis ourselves. Images: {@code ![alt](src "title")} with alt and title escaped (flexmark's
 * own turns an image whose file name is an emoji name, such as {@code cat.png}, into an emoji shortcut). Emphasis:
 * the delimiters hug the text and the whitespace goes outside them (flexmark's own puts a space between
 * {@code **bold**} and a comma after it); where CommonMark would not read the delimiters as emphasis (punctuation
 * inside next to a letter outside), the element is written as inline HTML instead.
 */
final class InlineRenderer implements HtmlNodeRenderer {
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
}
