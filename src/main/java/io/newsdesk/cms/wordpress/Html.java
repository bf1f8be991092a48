package io.newsdesk.cms.wordpress;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * What the passes over a post share about HTML: the elements wpautop and the Markdown escaping treat as blocks, flow
 * containers and verbatim text, the http(s) URL an embed is, whitespace as HTML reads it, and small helpers on the
 * jsoup tree (paragraphs, link paragraphs, element children, whether an element shows anything).
 */
final class Html {

    /** Elements WordPress's wpautop treats as blocks (never wrapped in a paragraph), and a few more of HTML5. */
    static final Set<String> BLOCK_TAGS = Set.of("address", "article", "aside", "blockquote", "caption", "col",
            "colgroup", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
            "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "map", "area", "menu", "nav", "ol", "p",
            "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "center", "math",
            "video", "audio", "iframe");
    /** Blocks whose loose text wpautop turns into paragraphs. */
    static final Set<String> FLOW_TAGS = Set.of("body", "div", "blockquote", "section", "article", "aside",
            "header", "footer", "main", "nav", "details", "fieldset", "center");
    /** Elements whose text is taken as it is: no line breaks added, no Markdown escaping. */
    static final Set<String> VERBATIM_TAGS = Set.of("pre", "code", "kbd", "samp", "tt", "xmp", "listing",
            "textarea", "script", "style", "svg", "math");

    static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);

    private Html() {
    }

    /** The element children of an element (a copy: safe to change the tree while going through it). */
    static List<Element> childElements(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node node : element.childNodes()) {
            if (node instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    static Element paragraph(List<Node> nodes) {
        Element p = new Element("p");
        p.appendChildren(nodes);
        return p;
    }

    /** A paragraph holding only a link to {@code url}, written by the converter as {@code <url>}. */
    static Element linkParagraph(String url) {
        Element p = new Element("p");
        p.appendElement("a").attr("href", url).text(url);
        return p;
    }

    static boolean showsSomething(Element element) {
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

    static boolean isVisuallyBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b' || c == '\ufeff')) {
                return false;
            }
        }
        return true;
    }

    static boolean isBlankText(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isHtmlWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whitespace, and the no-break space the converter may turn into a space. */
    static boolean isSpaceLike(char c) {
        return isHtmlWhitespace(c) || c == '\u00a0';
    }

    static boolean isHtmlWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
