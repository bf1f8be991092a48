package io.newsdesk.cms.wordpress;

import static io.newsdesk.cms.wordpress.Autop.autop;
import static io.newsdesk.cms.wordpress.Autop.blockComments;
import static io.newsdesk.cms.wordpress.Autop.removeComments;
import static io.newsdesk.cms.wordpress.Html.BLOCK_TAGS;
import static io.newsdesk.cms.wordpress.Html.FLOW_TAGS;
import static io.newsdesk.cms.wordpress.Html.HTTP_URL;
import static io.newsdesk.cms.wordpress.Html.childElements;
import static io.newsdesk.cms.wordpress.Html.isBlankText;
import static io.newsdesk.cms.wordpress.Html.isVisuallyBlank;
import static io.newsdesk.cms.wordpress.Html.linkParagraph;
import static io.newsdesk.cms.wordpress.Html.paragraph;
import static io.newsdesk.cms.wordpress.Html.showsSomething;
import static io.newsdesk.cms.wordpress.MarkdownText.escapeText;
import static io.newsdesk.cms.wordpress.MarkdownText.markdownUrl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import com.vladsch.flexmark.html2md.converter.ExtensionConversion;
import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
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
 * <p>This class runs the steps and holds the clean-up passes on the tree (images, embeds, figures, inline elements,
 * tables, containers, links); the shortcodes are {@link ShortcodeExpander}'s, wpautop and block comments
 * {@link Autop}'s, the escaping of text {@link MarkdownText}'s, and links, images, emphasis and code are written by
 * {@link InlineRenderer}.
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

    /** Containers without a Markdown form: their loose text becomes paragraphs and they are unwrapped. */
    private static final Set<String> FLATTENED = Set.of("div", "section", "article", "aside", "header", "footer", "main",
            "nav", "details", "fieldset", "center", "hgroup", "address", "figure");
    /** Elements dropped with their content: active content, forms, and what has no text to offer. */
    private static final String DROPPED = "script, style, noscript, template, form, input, button, select, textarea, "
            + "option, object, embed, applet, param, link, meta, base, svg, canvas, frameset, frame, head, title, dialog, map";

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

    /** What one conversion met, counted for {@link Converted}. */
    static final class Stats {
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

    /** The visible text of an HTML snippet. */
    private static String htmlText(String html) {
        return Jsoup.parseBodyFragment(html).body().text();
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
}
