package io.newsdesk.cms.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract: bodyHtml never contains script, event handlers, javascript: URLs or other active
 * content, whatever the Markdown held; ordinary Markdown still renders.
 */
class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private static final Set<String> ACTIVE_ELEMENTS = Set.of("script", "iframe", "frame", "frameset", "object", "embed", "applet",
            "style", "link", "svg", "math", "form", "input", "button", "textarea", "select", "base", "meta", "template", "noscript",
            "video", "audio", "source", "details", "marquee", "isindex", "body", "html", "head");
    private static final Set<String> ACTIVE_ATTRIBUTES = Set.of("style", "srcdoc", "srcset", "formaction", "action", "background",
            "poster", "data", "xlink:href", "xmlns", "http-equiv");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "cite", "action", "formaction", "xlink:href", "background",
            "poster", "data", "lowsrc", "dynsrc");
    private static final List<String> ACTIVE_SCHEMES = List.of("javascript:", "data:", "vbscript:");

    // ---- sanitizing -----------------------------------------------------------------------------

    static Stream<Arguments> xssCorpus() {
        List<String> corpus = List.of(
                // <script> in every disguise
                "<script>alert(1)</script>",
                "Hello <script>alert(1)</script> world",
                "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "<template><script>alert(1)</script></template>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
                // event handlers on many tags
                "<img src=x onerror=alert(1)>",
                "<img src=\"https://ok.example/a.png\" ONERROR=\"alert(1)\">",
                "<img src=\"https://ok.example/a.png\" onload=\"alert(1)\">",
                "<img src=x:alert(alt) onerror=eval(src) alt=0>",
                "<body onload=alert(1)>",
                "<div onclick=\"alert(1)\">click me</div>",
                "<p onmouseover=\"alert(1)\">hover</p>",
                "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
                "<details open ontoggle=alert(1)>",
                "<video><source onerror=\"alert(1)\"></video>",
                "<audio src=x onerror=alert(1)>",
                "<input autofocus onfocus=alert(1)>",
                "<marquee onstart=alert(1)>x</marquee>",
                "<frameset onload=alert(1)>",
                "<table><tr><td onclick=alert(1)>cell</td></tr></table>",
                "<isindex type=image src=1 onerror=alert(1)>",
                // javascript:, vbscript: and data: URLs, plain and obfuscated
                "[click](javascript:alert(1))",
                "[click](JaVaScRiPt:alert(1))",
                "[click](jav&#x09;ascript:alert(1))",
                "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
                "[click](<javascript:alert(1)>)",
                "[click][evil]\n\n[evil]: javascript:alert(1)",
                "<javascript:alert(1)>",
                "[x](vbscript:msgbox(1))",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "![x](javascript:alert(1))",
                "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
                "![x](DATA:image/png;base64,iVBORw0KGgo=)",
                "<a href=\"javascript:alert(1)\">click</a>",
                "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
                "<a href=\"jav&#x0A;ascript:alert(1)\">newline</a>",
                "<a href=\"jav&#x0D;ascript:alert(1)\">carriage return</a>",
                "<a href=\" javascript:alert(1)\">leading space</a>",
                "<a href=\"\u0001javascript:alert(1)\">control char</a>",
                "<a href=\"&#x6A;avascript&colon;alert(1)\">entities</a>",
                "<a href=\"jAvAsCrIpT&#58;alert(1)\">mixed case</a>",
                "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
                "<a href=\"vbscript:msgbox(1)\">vb</a>",
                "<a href=\"DATA:text/html,<script>alert(1)</script>\">data</a>",
                "<IMG SRC=\"javascript:alert('XSS');\">",
                "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
                "<blockquote cite=\"javascript:alert(1)\">quoted</blockquote>",
                "<q cite=\"javascript:alert(1)\">quoted</q>",
                "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
                "<img srcset=\"javascript:alert(1) 1x\">",
                // frames, plugins, styles, forms
                "<iframe src=\"https://evil.example\"></iframe>",
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                "<object data=\"https://evil.example/x.swf\"></object>",
                "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
                "<embed src=\"https://evil.example/x.swf\">",
                "<style>body{background:url(javascript:alert(1))}</style>",
                "<p style=\"background:url(javascript:alert(1))\">styled</p>",
                "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
                "<form action=\"https://evil.example\"><input name=q><button formaction=\"javascript:alert(1)\">Go</button></form>",
                // SVG and MathML
                "<svg onload=alert(1)>",
                "<svg/onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
                "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<math href=\"javascript:alert(1)\">CLICK</math>",
                // document-level tags
                "<base href=\"javascript:alert(1)//\">",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                // payloads through Markdown titles and figure captions
                "![cat](https://ok.example/a.png \"<script>alert(1)</script>\")",
                "![cat](https://ok.example/a.png \"x\\\" onerror=\\\"alert(1)\")",
                "[x](https://ok.example \"a\\\" onmouseover=\\\"alert(1)\")",
                "Text\n\n<div>\n\n<script>alert(1)</script>\n\n</div>");
        return corpus.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("xssCorpus")
    void shouldNeverLetActiveContentThrough(String markdown) {
        String html = renderer.render(markdown);

        Document doc = Jsoup.parseBodyFragment(html);
        List<String> problems = new ArrayList<>();
        for (Element element : doc.body().getAllElements()) {
            if (element != doc.body() && ACTIVE_ELEMENTS.contains(element.normalName())) {
                problems.add("element <" + element.normalName() + ">");
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    problems.add("event handler " + name + " on <" + element.normalName() + ">");
                }
                if (ACTIVE_ATTRIBUTES.contains(name)) {
                    problems.add("attribute " + name + " on <" + element.normalName() + ">");
                }
                if (URL_ATTRIBUTES.contains(name)) {
                    String url = attribute.getValue().toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Cntrl}]", "");
                    for (String scheme : ACTIVE_SCHEMES) {
                        if (url.startsWith(scheme)) {
                            problems.add(name + "=\"" + attribute.getValue() + "\" on <" + element.normalName() + ">");
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), "active content " + problems + " in: " + html);
    }

    @Test
    void shouldKeepHarmlessTextAroundARemovedScript() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("Hello <script>alert(1)</script> world"));

        assertTrue(doc.select("script").isEmpty());
        assertFalse(doc.text().contains("alert"), doc.text());
        assertTrue(doc.text().startsWith("Hello"), doc.text());
        assertTrue(doc.text().endsWith("world"), doc.text());
    }

    @Test
    void shouldKeepTheLinkTextButDropAJavascriptHref() {
        Element link = single(renderer.render("[click me](javascript:alert(1))"), "a");

        assertEquals("click me", link.text());
        assertFalse(link.hasAttr("href"));
    }

    @Test
    void shouldShowScriptInACodeSpanAsText() {
        String html = renderer.render("Write `<script>alert(1)</script>` to test.");

        Document doc = Jsoup.parseBodyFragment(html);
        assertTrue(doc.select("script").isEmpty());
        assertEquals("<script>alert(1)</script>", doc.selectFirst("code").text());
    }

    @Test
    void shouldRenderNothingForAnEmptyBody() {
        assertEquals("", renderer.render(null));
        assertEquals("", renderer.render(""));
        assertEquals("", renderer.render("  \n\n  "));
    }

    // ---- Markdown that must survive -------------------------------------------------------------

    @Test
    void shouldRenderHeadings() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("# Title\n\n## Section\n\n### Sub-section\n\nText"));

        assertEquals("Title", doc.selectFirst("h1").text());
        assertEquals("Section", doc.selectFirst("h2").text());
        assertEquals("Sub-section", doc.selectFirst("h3").text());
        assertEquals("Text", doc.selectFirst("p").text());
    }

    @Test
    void shouldRenderBulletedAndNumberedLists() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("- apples\n- pears\n\n3. three\n4. four\n"));

        assertEquals(List.of("apples", "pears"), doc.select("ul > li").eachText());
        assertEquals(List.of("three", "four"), doc.select("ol > li").eachText());
        assertEquals("3", doc.selectFirst("ol").attr("start"));
    }

    @Test
    void shouldKeepHttpHttpsMailtoAndRelativeLinks() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("""
                [one](http://example.com/a) [two](https://example.com/b?q=1&r=2) [three](mailto:desk@example.com)
                [four](/about) [five](../archive/2024) [six](#comments) [seven](https://example.com "Example site")
                """));

        Elements links = doc.select("a");
        assertEquals(List.of("http://example.com/a", "https://example.com/b?q=1&r=2", "mailto:desk@example.com", "/about",
                "../archive/2024", "#comments", "https://example.com"), links.eachAttr("href"));
        assertEquals(List.of("one", "two", "three", "four", "five", "six", "seven"), links.eachText());
        assertEquals("Example site", links.last().attr("title"));
    }

    @Test
    void shouldKeepAnImageInlineWithItsAltText() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("Look: ![A sleeping cat](https://img.example.com/cat.jpg) nice."));

        Element img = doc.selectFirst("p > img");
        assertNotNull(img, doc.html());
        assertEquals("https://img.example.com/cat.jpg", img.attr("src"));
        assertEquals("A sleeping cat", img.attr("alt"));
        assertTrue(doc.select("figure").isEmpty());
    }

    @Test
    void shouldTurnAnImageAloneInItsParagraphWithATitleIntoAFigure() {
        Document doc = Jsoup.parseBodyFragment(
                renderer.render("Intro.\n\n![A sleeping cat](https://img.example.com/cat.jpg \"Our cat, asleep & happy\")\n\nOutro."));

        Element figure = doc.selectFirst("figure");
        assertNotNull(figure, doc.html());
        Element img = figure.selectFirst("> img");
        assertNotNull(img, figure.outerHtml());
        assertEquals("https://img.example.com/cat.jpg", img.attr("src"));
        assertEquals("A sleeping cat", img.attr("alt"));
        assertEquals("Our cat, asleep & happy", figure.selectFirst("> figcaption").text());
        assertTrue(doc.select("p > img, p > figure, figure > p").isEmpty(), doc.html());
        assertEquals(List.of("Intro.", "Outro."), doc.select("p").eachText());
    }

    @Test
    void shouldLeaveAnImageWithTextAroundItInItsParagraph() {
        Document doc = Jsoup.parseBodyFragment(
                renderer.render("See ![cat](https://img.example.com/cat.jpg \"Caption\") here."));

        assertTrue(doc.select("figure").isEmpty(), doc.html());
        assertNotNull(doc.selectFirst("p > img[title=Caption]"), doc.html());
    }

    @Test
    void shouldLeaveAnImageWithoutTitleInItsParagraph() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("![cat](https://img.example.com/cat.jpg)"));

        assertTrue(doc.select("figure, figcaption").isEmpty(), doc.html());
        assertNotNull(doc.selectFirst("p > img[alt=cat]"), doc.html());
    }

    @Test
    void shouldEscapeMarkupInAFigureCaption() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("![x](https://img.example.com/x.png \"<b>bold</b> & <i>it</i>\")"));

        Element caption = doc.selectFirst("figcaption");
        assertNotNull(caption, doc.html());
        assertEquals("<b>bold</b> & <i>it</i>", caption.text());
        assertTrue(caption.children().isEmpty(), caption.outerHtml());
    }

    @Test
    void shouldRenderFencedCodeBlocksWithTheirLanguage() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("```java\nif (a < b && c > d) {\n    run();\n}\n```\n"));

        Element code = doc.selectFirst("pre > code");
        assertNotNull(code, doc.html());
        assertEquals("language-java", code.attr("class"));
        assertEquals("if (a < b && c > d) {\n    run();\n}\n", code.wholeText());
    }

    @Test
    void shouldRenderGfmTablesWithAlignment() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("""
                | Name | Score |
                |:-----|------:|
                | Ada  | 10    |
                | Alan | 9     |
                """));

        assertEquals(List.of("Name", "Score"), doc.select("table > thead > tr > th").eachText());
        assertEquals(List.of("Ada", "10", "Alan", "9"), doc.select("table > tbody > tr > td").eachText());
        assertEquals("right", doc.select("tbody td").get(1).attr("align"));
    }

    @Test
    void shouldRenderBlockquotes() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("> To be or not to be.\n> That is the question.\n\nAfter."));

        assertEquals("To be or not to be. That is the question.", doc.selectFirst("blockquote > p").text());
        assertEquals("After.", doc.select("body > p").text());
    }

    @Test
    void shouldRenderEmphasisStrongAndStrikethrough() {
        Document doc = Jsoup.parseBodyFragment(renderer.render("Some *soft*, **loud** and ~~wrong~~ words."));

        assertEquals("soft", doc.selectFirst("em").text());
        assertEquals("loud", doc.selectFirst("strong").text());
        assertEquals("wrong", doc.selectFirst("del").text());
        assertEquals("Some soft, loud and wrong words.", doc.text());
    }

    // ---- reading time and excerpt ---------------------------------------------------------------

    @Test
    void shouldNeedNoReadingTimeForNoText() {
        assertEquals(0, renderer.readingTimeMinutes(""));
        assertEquals(0, renderer.readingTimeMinutes("  \n\t "));
    }

    @Test
    void shouldCountAtLeastOneMinuteForAnyText() {
        assertEquals(1, renderer.readingTimeMinutes("Hi"));
        assertEquals(1, renderer.readingTimeMinutes(words(200)));
    }

    @Test
    void shouldCountAbout200WordsAMinuteRoundingUp() {
        assertEquals(2, renderer.readingTimeMinutes(words(201)));
        assertEquals(5, renderer.readingTimeMinutes(words(1000)));
        assertEquals(6, renderer.readingTimeMinutes(words(1001)));
    }

    @Test
    void shouldCountWordsNotWhitespace() {
        assertEquals(renderer.readingTimeMinutes(words(300)), renderer.readingTimeMinutes("  " + words(300).replace(" ", " \n\t  ") + "  "));
    }

    @Test
    void shouldGiveAnEmptyExcerptForAnEmptyBody() {
        assertEquals("", renderer.excerpt(""));
        assertEquals("", renderer.excerpt(null));
        assertEquals("", renderer.excerpt(renderer.render("")));
    }

    @Test
    void shouldTakeAShortBodyWhole() {
        assertEquals("A short body with bold and a link.",
                renderer.excerpt(renderer.render("A short body with **bold** and [a link](https://example.com).")));
    }

    @Test
    void shouldBuildTheExcerptFromParagraphsOnly() {
        String html = renderer.render("# Headline\n\nFirst paragraph.\n\n```\ncode();\n```\n\n- item\n\nSecond paragraph.");

        assertEquals("First paragraph. Second paragraph.", renderer.excerpt(html));
    }

    @Test
    void shouldCutALongBodyAtAWordBoundaryWithAnEllipsis() {
        String text = words(120);
        String html = renderer.render(text + "\n\nAnother paragraph.");

        String excerpt = renderer.excerpt(html);

        assertTrue(excerpt.endsWith("…"), excerpt);
        String kept = excerpt.substring(0, excerpt.length() - 1);
        assertTrue(kept.length() <= 200, "length " + kept.length());
        assertTrue(kept.length() > 100, "length " + kept.length());
        assertTrue(text.startsWith(kept), kept);
        assertEquals(' ', text.charAt(kept.length()), "cut in the middle of a word: " + excerpt);
        assertFalse(kept.endsWith(" "), excerpt);
    }

    @Test
    void shouldNotAddAnEllipsisToTextOfExactly200Characters() {
        String text = "x".repeat(199) + ".";

        assertEquals(text, renderer.excerpt(renderer.render(text)));
    }

    @Test
    void shouldCutAVeryLongWordAt200Characters() {
        String excerpt = renderer.excerpt(renderer.render("y".repeat(500)));

        assertEquals("y".repeat(200) + "…", excerpt);
    }

    @Test
    void shouldNotCutAnExcerptInsideAnEmoji() {
        String excerpt = renderer.excerpt(renderer.render("a" + "\uD83D\uDE00".repeat(150)));

        assertTrue(excerpt.endsWith("…"), excerpt);
        for (int i = 0; i < excerpt.length(); i++) {
            char c = excerpt.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < excerpt.length() && Character.isLowSurrogate(excerpt.charAt(i + 1)), "lone surrogate at " + i);
                i++;
            } else {
                assertFalse(Character.isLowSurrogate(c), "lone surrogate at " + i);
            }
        }
    }

    private static String words(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append("word").append(i % 10);
        }
        return out.toString();
    }

    private static Element single(String html, String selector) {
        Elements found = Jsoup.parseBodyFragment(html).select(selector);
        assertEquals(1, found.size(), html);
        return found.first();
    }
}
