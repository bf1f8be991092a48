package io.newsdesk.cms.common.text;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsdesk.cms.common.web.HttpUrls;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Cleaner;
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
    /** The class commonmark gives a fenced block's code ("```c++" gives language-c++); any other class is dropped. */
    private static final Pattern LANGUAGE_CLASS = Pattern.compile("^language-[A-Za-z0-9_+#.-]+$");
    /** The elements the safelist lets carry a URL, and the attribute that carries it. */
    private static final Map<String, String> URL_ATTRIBUTES = Map.of("a", "href", "img", "src", "blockquote", "cite", "q", "cite");
    /** A reference that starts with two slashes or backslashes: browsers read what follows as a host. */
    private static final Pattern PROTOCOL_RELATIVE = Pattern.compile("^[/\\\\]{2,}");

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

    /** An image of the media library, as a page shows it. */
    public record LibraryImage(long id, String url, int width, int height, String srcset, String alt, String caption) {
    }

    /** Finds the library image an image source names ({@code media:42}, or one of the item's file URLs). */
    public interface ImageLookup {
        Optional<LibraryImage> find(String src);
    }

    /** The HTML of a body, the library images it shows, its visible text and a teaser from its paragraphs. */
    public record Rendered(String html, Set<Long> images, String text, String excerpt) {
    }

    /** Sanitized HTML for a Markdown body; images alone in a paragraph with a title become figures. */
    public String render(String markdown) {
        return render(markdown, src -> Optional.empty()).html();
    }

    /**
     * Sanitized HTML for a Markdown body. An image that names a library item ({@code ![alt](media:42)} or
     * its URL) comes out at the item's full-size URL with its width, height, srcset, sizes and
     * {@code loading="lazy"}, so a page reserves its space before it loads; alone in a paragraph, it
     * becomes a figure captioned by its title or else the item's caption. Other images alone in a
     * paragraph with a title become figures too.
     */
    public Rendered render(String markdown, ImageLookup lookup) {
        if (markdown == null || markdown.isBlank()) {
            return new Rendered("", Set.of(), "", "");
        }
        Node document = parser.parse(markdown);
        Map<String, LibraryImage> library = new HashMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                lookup.find(image.getDestination()).ifPresent(found -> {
                    image.setDestination(found.url());
                    library.put(found.url(), found);
                });
                visitChildren(image);
            }
        });
        String raw = renderer.render(document);
        // Cleaned as a tree, worked on and written out once (one parse of the HTML, not one per step).
        Document doc = new Cleaner(safelist).clean(Jsoup.parseBodyFragment(raw, BASE_URI));
        doc.outputSettings(outputSettings());
        Set<Long> shown = new LinkedHashSet<>();
        for (Element img : doc.select("img")) {
            LibraryImage found = library.get(img.attr("src"));
            if (found == null) {
                continue;
            }
            shown.add(found.id());
            if (img.attr("alt").isBlank() && found.alt() != null) {
                img.attr("alt", found.alt());
            }
            img.attr("width", Integer.toString(found.width())).attr("height", Integer.toString(found.height()));
            if (!found.srcset().isEmpty()) {
                img.attr("srcset", found.srcset()).attr("sizes", "(max-width: " + found.width() + "px) 100vw, " + found.width() + "px");
            }
            img.attr("loading", "lazy").attr("decoding", "async");
            if (!img.hasAttr("title") && found.caption() != null) {
                img.attr("data-caption", found.caption());
            }
        }
        for (Element img : doc.select("p > img[title], p > img[data-caption]")) {
            Element paragraph = img.parent();
            if (paragraph != null && paragraph.childrenSize() == 1 && paragraph.ownText().isBlank()) {
                String caption = img.hasAttr("title") ? img.attr("title") : img.attr("data-caption");
                Element figure = new Element("figure");
                figure.appendChild(img.clone().removeAttr("data-caption"));
                figure.appendElement("figcaption").text(caption);
                paragraph.replaceWith(figure);
            }
        }
        doc.select("img[data-caption]").removeAttr("data-caption");
        onlyLanguageClasses(doc);
        absoluteHosts(doc);
        return new Rendered(doc.body().html(), Set.copyOf(shown), doc.body().text(), excerpt(doc));
    }

    /** A class on code is there for syntax highlighting; others could restyle or disguise the page around the body. */
    private static void onlyLanguageClasses(Document doc) {
        for (Element code : doc.select("code[class]")) {
            if (!LANGUAGE_CLASS.matcher(code.attr("class")).matches()) {
                code.removeAttr("class");
            }
        }
    }

    /**
     * A protocol-relative link ({@code //host/path}, or {@code /\host} which browsers read the same) is made an
     * https URL, or dropped when it is no valid one: left as it is, it looks like a path of the site to a front-end
     * that routes every URL starting with "/" itself, and reads as http on a page served over http.
     */
    private static void absoluteHosts(Document doc) {
        URL_ATTRIBUTES.forEach((tag, attribute) -> {
            for (Element element : doc.select(tag + "[" + attribute + "]")) {
                // As a browser reads it: tabs and line breaks removed, controls and spaces around it stripped.
                String value = element.attr(attribute).replaceAll("[\\t\\n\\r]", "").replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "");
                Matcher slashes = PROTOCOL_RELATIVE.matcher(value);
                if (slashes.find()) {
                    HttpUrls.Checked url = HttpUrls.check("https://" + value.substring(slashes.end()), Integer.MAX_VALUE);
                    if (url.accepted()) {
                        element.attr(attribute, url.url());
                    } else {
                        element.removeAttr(attribute);
                    }
                }
            }
        });
    }

    /** Minutes to read the text at about 200 words a minute; at least 1 for any text. */
    public int readingTimeMinutes(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words == 0 ? 0 : Math.max(1, (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
    }

    /** A teaser from the body's paragraphs, cut at a word boundary near 200 characters. */
    public String excerpt(String html) {
        return html == null || html.isEmpty() ? "" : excerpt(Jsoup.parseBodyFragment(html));
    }

    private static String excerpt(Document html) {
        StringBuilder text = new StringBuilder();
        for (Element p : html.select("p")) {
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
