package io.newsdesk.cms.common.text;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Turns an editor's Markdown into HTML that is safe to put in a page: commonmark renders it, then
 * jsoup's allow-list sanitizer drops every element, attribute and URL scheme not listed here.
 */
@ApplicationScoped
public class MarkdownRenderer {

    private static final int WORDS_PER_MINUTE = 200;
    private static final int EXCERPT_LENGTH = 200;
    private static final String BASE_URI = "https://base.invalid/";

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final Safelist safelist;

    public MarkdownRenderer() {
        List<Extension> extensions = List.of(TablesExtension.create(), StrikethroughExtension.create());
        this.parser = Parser.builder().extensions(extensions).build();
        this.renderer = HtmlRenderer.builder().extensions(extensions).build();
        this.safelist = Safelist.relaxed()
                .addTags("figure", "figcaption", "del", "s", "hr", "mark")
                .addAttributes("th", "align")
                .addAttributes("td", "align")
                .addAttributes("code", "class")
                .removeProtocols("a", "href", "ftp")
                .preserveRelativeLinks(true);
    }

    /** Sanitized HTML for a Markdown body; images alone in a paragraph with a title become figures. */
    public String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String raw = renderer.render(parser.parse(markdown));
        String clean = Jsoup.clean(raw, BASE_URI, safelist, outputSettings());
        Document doc = Jsoup.parseBodyFragment(clean);
        doc.outputSettings(outputSettings());
        for (Element img : doc.select("p > img[title]")) {
            Element paragraph = img.parent();
            if (paragraph != null && paragraph.childrenSize() == 1 && paragraph.ownText().isBlank()) {
                Element figure = new Element("figure");
                figure.appendChild(img.clone());
                figure.appendElement("figcaption").text(img.attr("title"));
                paragraph.replaceWith(figure);
            }
        }
        return doc.body().html();
    }

    /** The visible text of rendered HTML, whitespace collapsed. */
    public String text(String html) {
        return html == null || html.isEmpty() ? "" : Jsoup.parseBodyFragment(html).text();
    }

    /** Minutes to read the text at about 200 words a minute; at least 1 for any text. */
    public int readingTimeMinutes(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return 0;
        }
        int words = trimmed.split("\\s+").length;
        return Math.max(1, (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
    }

    /** A teaser from the body's paragraphs, cut at a word boundary near 200 characters. */
    public String excerpt(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Element p : Jsoup.parseBodyFragment(html).select("p")) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(p.text());
            if (text.length() > EXCERPT_LENGTH) {
                break;
            }
        }
        String s = text.toString().trim();
        if (s.length() <= EXCERPT_LENGTH) {
            return s;
        }
        int cut = s.lastIndexOf(' ', EXCERPT_LENGTH);
        int end = cut > EXCERPT_LENGTH / 2 ? cut : EXCERPT_LENGTH;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never split a character outside the Basic Multilingual Plane (emoji) in half
        }
        return s.substring(0, end).stripTrailing() + "…";
    }

    private static Document.OutputSettings outputSettings() {
        return new Document.OutputSettings().prettyPrint(false);
    }
}
