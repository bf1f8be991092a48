package io.newsdesk.cms.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.wordpress.WordPressContent.Attachment;
import io.newsdesk.cms.wordpress.WordPressContent.Converted;

/** WordPress post HTML, classic and block, with shortcodes, to the Markdown of an article body. */
class WordPressContentTest {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    private static final LongFunction<Attachment> NONE = id -> null;
    private static final LongFunction<Attachment> LIBRARY = id -> switch ((int) id) {
        case 31 -> new Attachment("https://news.example/wp-content/uploads/2021/03/harbour.jpg", "The harbour", "Harbour at <em>dawn</em>");
        case 33 -> new Attachment("https://news.example/wp-content/uploads/2021/03/pier.jpg", "The pier", "");
        default -> null;
    };

    private static Converted convert(String html) {
        return WordPressContent.toMarkdown(html, LIBRARY);
    }

    private static String markdown(String html) {
        return convert(html).markdown();
    }

    /** The visible text of the Markdown once rendered, whitespace collapsed. */
    private static String renderedText(String markdown) {
        return Jsoup.parseBodyFragment(RENDERER.render(PARSER.parse(markdown))).text();
    }

    private static List<Image> images(String markdown) {
        List<Image> images = new ArrayList<>();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                images.add(image);
            }
        });
        return images;
    }

    // ------------------------------------------------------------------------------------------ classic (wpautop)

    @Test
    void classicContentGetsParagraphsFromBlankLinesAndBreaksFromSingleNewlines() {
        String html = "First paragraph with\na line break.\n\nSecond paragraph.\n\n\n\nThird,  after   several blank lines.";

        assertEquals("""
                First paragraph with \s
                a line break.

                Second paragraph.

                Third, after several blank lines.""", markdown(html));
    }

    @Test
    void classicContentNeverGetsLineBreaksInsidePre() {
        String html = "Before\n<pre>line 1\nline 2\n\nline 4 &lt;b&gt;</pre>\nAfter\nnext";

        String md = markdown(html);

        assertEquals("""
                Before

                ```
                line 1
                line 2

                line 4 <b>
                ```

                After \s
                next""", md);
        assertFalse(md.contains("<br"), md);
    }

    @Test
    void classicContentDoesNotWrapBlockElementsInParagraphs() {
        String html = """
                Intro
                <ul>
                <li>one
                continued</li>
                <li>two</li>
                </ul>
                <h2>Heading</h2>
                <blockquote>Quote one

                Quote two</blockquote>
                <div>Loose text in a div</div>
                Outro""";

        assertEquals("""
                Intro

                - one \s
                  continued
                - two

                ## Heading

                > Quote one
                >
                > Quote two

                Loose text in a div

                Outro""", markdown(html));
    }

    @Test
    void classicContentKeepsAnExistingBreakWithoutAddingAnother() {
        assertEquals("one \s\ntwo", markdown("one<br />\ntwo"));
    }

    // ------------------------------------------------------------------------------------------ block content

    @Test
    void blockContentDropsDelimitersKeepsInnerHtmlAndGetsNoAutop() {
        String html = """
                <!-- wp:paragraph -->
                <p>Hello <strong>world</strong>
                - still the same paragraph</p>
                <!-- /wp:paragraph -->

                <!-- wp:heading {"level":3} -->
                <h3 class="wp-block-heading" id="sub">Sub head</h3>
                <!-- /wp:heading -->

                <!-- wp:list -->
                <ul><!-- wp:list-item --><li>a</li><!-- /wp:list-item --><!-- wp:list-item --><li>b<!-- wp:list -->
                <ul><!-- wp:list-item --><li>c</li><!-- /wp:list-item --></ul>
                <!-- /wp:list --></li><!-- /wp:list-item --></ul>
                <!-- /wp:list -->

                <!-- wp:quote -->
                <blockquote class="wp-block-quote"><!-- wp:paragraph -->
                <p>Quoted words</p>
                <!-- /wp:paragraph --><cite>Someone</cite></blockquote>
                <!-- /wp:quote -->

                <!-- wp:image {"id":31,"sizeSlug":"large"} -->
                <figure class="wp-block-image size-large"><img src="https://news.example/a.jpg" alt="An A" class="wp-image-31"/><figcaption class="wp-element-caption">The <a href="https://x.example">caption</a></figcaption></figure>
                <!-- /wp:image -->

                <!-- wp:embed {"url":"https:\\/\\/www.youtube.com\\/watch?v=abc","type":"video","providerNameSlug":"youtube"} -->
                <figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
                https://www.youtube.com/watch?v=abc
                </div></figure>
                <!-- /wp:embed -->

                <!-- wp:separator -->
                <hr class="wp-block-separator"/>
                <!-- /wp:separator -->

                <!-- wp:latest-posts /-->""";

        Converted converted = convert(html);

        assertEquals("""
                Hello **world** - still the same paragraph

                ### Sub head

                - a
                - b
                  - c

                > Quoted words
                >
                > Someone

                ![An A](https://news.example/a.jpg "The caption")

                <https://www.youtube.com/watch?v=abc>

                ***""", converted.markdown());
        assertEquals(1, converted.embeds());
        assertFalse(converted.markdown().contains("wp:"));
    }

    @Test
    void blockEmbedWithoutFigureTakesItsUrlFromTheDelimiter() {
        String html = "<!-- wp:embed {\"url\":\"https://vimeo.com/76979871\"} -->\n<!-- /wp:embed -->\n<!-- wp:paragraph --><p>After</p><!-- /wp:paragraph -->";

        Converted converted = convert(html);

        assertEquals("<https://vimeo.com/76979871>\n\nAfter", converted.markdown());
        assertEquals(1, converted.embeds());
    }

    @Test
    void blockGalleryBecomesOneFigurePerImage() {
        String html = """
                <!-- wp:gallery {"linkTo":"none"} -->
                <figure class="wp-block-gallery has-nested-images columns-default"><!-- wp:image {"id":31} -->
                <figure class="wp-block-image"><img src="https://news.example/1.jpg" alt="One" class="wp-image-31"/><figcaption>First</figcaption></figure>
                <!-- /wp:image --><!-- wp:image {"id":32} -->
                <figure class="wp-block-image"><img src="https://news.example/2.jpg" alt="Two" class="wp-image-32"/></figure>
                <!-- /wp:image --><figcaption class="blocks-gallery-caption">Both</figcaption></figure>
                <!-- /wp:gallery -->""";

        assertEquals("""
                ![One](https://news.example/1.jpg "First")

                ![Two](https://news.example/2.jpg)

                Both""", markdown(html));
    }

    // ------------------------------------------------------------------------------------------ shortcodes

    @Test
    void captionShortcodeBecomesAnImageAloneInItsParagraphWithTheCaptionAsTitle() {
        String html = "Intro text\n\n[caption id=\"attachment_31\" align=\"aligncenter\" width=\"300\"]"
                + "<a href=\"https://news.example/big.jpg\"><img class=\"size-medium wp-image-31\" src=\"https://news.example/a-300x200.jpg\" "
                + "alt=\"A cat\" width=\"300\" height=\"200\" /></a> A <a href=\"https://news.example\">cat</a> on a mat &amp; more[/caption]\n\nAfter.";

        Converted converted = convert(html);

        assertEquals("""
                Intro text

                ![A cat](https://news.example/a-300x200.jpg "A cat on a mat & more")

                After.""", converted.markdown());
        assertEquals(1, converted.captions());

        Node document = PARSER.parse(converted.markdown());
        Node paragraph = document.getFirstChild().getNext();
        assertTrue(paragraph instanceof Paragraph);
        assertTrue(paragraph.getFirstChild() instanceof Image);
        assertTrue(paragraph.getFirstChild().getNext() == null, "the image is alone in its paragraph");
        Image image = (Image) paragraph.getFirstChild();
        assertEquals("https://news.example/a-300x200.jpg", image.getDestination());
        assertEquals("A cat on a mat & more", image.getTitle());
    }

    @Test
    void oldCaptionShortcodeWithCaptionAttributeAndWpCaptionName() {
        Converted converted = convert("[wp_caption id=\"attachment_9\" caption=\"Old &#8220;style&#8221;\"]<img src=\"/uploads/old.png\" alt=\"\">[/wp_caption]");

        assertEquals("![](/uploads/old.png \"Old “style”\")", converted.markdown());
        assertEquals(1, converted.captions());
    }

    @Test
    void galleryShortcodeLooksUpEachIdAndReportsTheMissingOnes() {
        Converted converted = convert("Gallery:\n\n[gallery ids=\"31, 32,33\" columns=\"3\"]\n\nEnd");

        assertEquals("""
                Gallery:

                ![The harbour](https://news.example/wp-content/uploads/2021/03/harbour.jpg "Harbour at dawn")

                ![The pier](https://news.example/wp-content/uploads/2021/03/pier.jpg)

                End""", converted.markdown());
        assertEquals(1, converted.galleries());
        assertEquals(List.of(32L), converted.missingAttachments());
        assertEquals(Map.of(), converted.unknownShortcodes());
    }

    @Test
    void galleryWithoutIdsIsKeptAsTextAndCountedAsUnknown() {
        Converted converted = convert("[gallery columns=\"2\" link=\"file\"]");

        assertEquals("\\[gallery columns=\"2\" link=\"file\"\\]", converted.markdown());
        assertEquals("[gallery columns=\"2\" link=\"file\"]", renderedText(converted.markdown()));
        assertEquals(Map.of("gallery", 1), converted.unknownShortcodes());
        assertEquals(0, converted.galleries());
    }

    @Test
    void embedShortcodeAndBareUrlLinesBecomeLinksOnTheirOwnLine() {
        String html = "Watch:\n\n[embed width=\"500\"]https://vimeo.com/123[/embed]\n\n"
                + "https://www.youtube.com/watch?v=xyz&amp;t=1\n\nText then\nhttps://twitter.com/x/status/1\nmore text";

        Converted converted = convert(html);

        assertEquals("""
                Watch:

                <https://vimeo.com/123>

                <https://www.youtube.com/watch?v=xyz&t=1>

                Text then

                <https://twitter.com/x/status/1>

                more text""", converted.markdown());
        assertEquals(3, converted.embeds());
    }

    @Test
    void urlInsideTextIsNotAnEmbed() {
        Converted converted = convert("See https://example.com/page for more.");

        assertEquals("See https://example.com/page for more.", converted.markdown());
        assertEquals(0, converted.embeds());
    }

    @Test
    void unknownShortcodesAreKeptAsTextAndCountedByName() {
        String html = "[contact-form-7 id=\"5\" title=\"Contact\"]\n\n"
                + "[video src=\"a.mp4\"][/video] and [audio] and [contact-form-7 id=\"6\"] but [sic] and [1] are prose";

        Converted converted = convert(html);

        assertEquals("""
                \\[contact-form-7 id="5" title="Contact"\\]

                \\[video src="a.mp4"\\]\\[/video\\] and \\[audio\\] and \\[contact-form-7 id="6"\\] but \\[sic\\] and \\[1\\] are prose""",
                converted.markdown());
        assertEquals(Map.of("contact-form-7", 2, "video", 1, "audio", 1), converted.unknownShortcodes());
        assertTrue(renderedText(converted.markdown()).startsWith("[contact-form-7 id=\"5\" title=\"Contact\"] [video src=\"a.mp4\"][/video]"));
    }

    @Test
    void escapedShortcodesShowLiterallyAsWordPressShowsThem() {
        Converted converted = convert("Use [[gallery]] or [[caption]text[/caption]] in posts.");

        assertEquals("Use \\[gallery\\] or \\[caption\\]text\\[/caption\\] in posts.", converted.markdown());
        assertEquals("Use [gallery] or [caption]text[/caption] in posts.", renderedText(converted.markdown()));
        assertEquals(Map.of(), converted.unknownShortcodes());
        assertEquals(0, converted.galleries());
        assertEquals(0, converted.captions());
    }

    @Test
    void shortcodesInsideTagAttributesAreLeftAlone() {
        Converted converted = convert("<a href=\"https://x.example/?q=[gallery]\" title=\"[caption]\">link</a>");

        assertEquals("[link](https://x.example/?q=[gallery])", converted.markdown());
        assertEquals(0, converted.galleries());
        assertEquals(Map.of(), converted.unknownShortcodes());
    }

    @Test
    void shortcodesInCodeAreExamplesAndStayAsTheyAre() {
        Converted converted = convert("<pre>[gallery ids=\"31\"]</pre>\n\nUse <code>[caption]</code> like this.");

        assertEquals("""
                ```
                [gallery ids="31"]
                ```

                Use `[caption]` like this.""", converted.markdown());
        assertEquals(0, converted.galleries());
        assertEquals(Map.of(), converted.unknownShortcodes());
    }

    @Test
    void contentOfAnUnknownEnclosingShortcodeIsStillConverted() {
        Converted converted = convert("[column width=\"1/2\"][caption id=\"attachment_1\"]<img src=\"/b.jpg\" alt=\"B\"> In a column[/caption][/column]");

        assertEquals("""
                \\[column width="1/2"\\]

                ![B](/b.jpg "In a column")

                \\[/column\\]""", converted.markdown());
        assertEquals(Map.of("column", 1), converted.unknownShortcodes());
        assertEquals(1, converted.captions());
    }

    @Test
    void renderedCaptionMarkupStoredInThePostBecomesAFigureToo() {
        String html = "<div id=\"attachment_5\" class=\"wp-caption alignnone\"><img class=\"wp-image-5\" src=\"/a.jpg\" alt=\"A\">"
                + "<p class=\"wp-caption-text\">Rendered caption</p></div>";

        assertEquals("![A](/a.jpg \"Rendered caption\")", markdown(html));
    }

    // ------------------------------------------------------------------------------------------ HTML to Markdown

    @Test
    void entitiesAreDecoded() {
        assertEquals("Tom & Jerry’s “show” … — 5 € ©", markdown("Tom &amp; Jerry&#8217;s &#8220;show&#8221; &hellip; &mdash; 5&nbsp;&euro; &copy;")
                .replace('\u00a0', ' '));
    }

    @Test
    void scriptsStylesFormsAndEventHandlersDoNotSurviveAndAnIframeBecomesALink() {
        String html = "<p>a <script>alert(1)</script>b</p><style>p{color:red}</style><p onclick=\"evil()\">click</p>"
                + "<iframe src=\"https://www.youtube.com/embed/abc\" width=\"560\"></iframe>"
                + "<iframe src=\"javascript:alert(1)\"></iframe><form action=\"/x\"><input name=\"q\"><button>Go</button></form>"
                + "<p><a href=\"javascript:alert(1)\">bad link</a></p>";

        Converted converted = convert(html);

        assertEquals("""
                a b

                click

                <https://www.youtube.com/embed/abc>

                bad link""", converted.markdown());
        assertEquals(1, converted.embeds());
        String rendered = RENDERER.render(PARSER.parse(converted.markdown()));
        assertFalse(rendered.contains("<script") || rendered.contains("onclick") || rendered.contains("<iframe") || rendered.contains("<form"));
    }

    @Test
    void tableGetsAHeaderRowAndEscapedPipes() {
        String html = "<table><tbody><tr><td>Name</td><td>Value</td></tr><tr><td>a|b</td><td><em>x</em></td></tr></tbody></table>";

        String md = markdown(html);

        assertEquals("""
                | Name | Value |
                |------|-------|
                | a\\|b | *x*   |""", md);
        String rendered = RENDERER.render(PARSER.parse(md));
        assertTrue(rendered.contains("<th>Name</th>") && rendered.contains("<td>a|b</td>"), rendered);
    }

    @Test
    void blockTableWithHeadAndCaption() {
        String html = "<!-- wp:table --><figure class=\"wp-block-table\"><table><thead><tr><th>City</th><th>Pop.</th></tr></thead>"
                + "<tbody><tr><td>Oslo</td><td>709,000</td></tr></tbody></table><figcaption>Cities</figcaption></figure><!-- /wp:table -->";

        assertEquals("""
                | City |  Pop.   |
                |------|---------|
                | Oslo | 709,000 |

                Cities""", markdown(html));
    }

    @Test
    void textThatLooksLikeMarkdownStaysText() {
        String html = "<p># not a heading</p><p>1. not a list</p><p>- not a list</p><p>&gt; not a quote</p>"
                + "<p>_under_ *star* snake_case `tick` &lt;b&gt;tag&lt;/b&gt; &amp;amp; 3 &lt; 4 [a](b) ~strike~ back\\slash</p>";

        String md = markdown(html);

        assertEquals("""
                \\# not a heading

                1\\. not a list

                \\- not a list

                \\> not a quote

                \\_under\\_ \\*star\\* snake_case \\`tick\\` \\<b>tag\\</b> \\&amp; 3 < 4 \\[a\\](b) \\~strike\\~ back\\\\slash""", md);
        assertEquals("# not a heading 1. not a list - not a list > not a quote "
                + "_under_ *star* snake_case `tick` <b>tag</b> &amp; 3 < 4 [a](b) ~strike~ back\\slash", renderedText(md));
    }

    @Test
    void trickyTextFoundByFuzzingStaysText() {
        String html = "<h2>We are #1 #</h2><p>Wow!<a href=\"/x\">link</a> and <code>a`b</code><code>c</code> and "
                + "<a href=\"/about_us_\">/about_us_</a></p><ul><li>##&nbsp;not a heading</li></ul><h3>Two<br>lines</h3>";

        String md = markdown(html); // (the converter writes a no-break space in a list item as a space)

        assertEquals("""
                ## We are #1 \\#

                Wow\\![link](/x) and ``a`b``<code>c</code> and [/about_us\\_](/about_us_)

                - \\## not a heading

                ### Two lines""", md);
        assertEquals("We are #1 # Wow!link and a`bc and /about_us_ ## not a heading Two lines", renderedText(md));
    }

    @Test
    void inlineFormattingLinksAndImages() {
        String html = "<p><strong>Bold</strong>, <em>italic</em>, <del>gone</del>, <s>struck</s>, <code>a*b</code>, "
                + "<a href=\"/relative/path\">relative</a>, <a href=\"https://x.example/a b\">spaced</a>, m<sup>2</sup>, "
                + "<abbr title=\"World Wide Web\">WWW</abbr>, <img class=\"alignleft wp-image-31\" src=\"/uploads/cat.png\" alt=\"Cat [1]\" title=\"tooltip\"></p>";

        assertEquals("**Bold**, *italic*, ~~gone~~, ~~struck~~, `a*b`, [relative](/relative/path), "
                + "[spaced](https://x.example/a%20b), m<sup>2</sup>, WWW, ![Cat \\[1\\]](/uploads/cat.png)", markdown(html));
    }

    @Test
    void emphasisHugsItsTextAndFallsBackToHtmlWhereMarkdownCannotSayIt() {
        String html = "<b> spaced </b>text, <em>un</em>believable, <strong><em>both</em></strong>, <strong>\"Quote\"</strong>word";

        String md = markdown(html);

        assertEquals("**spaced** text, *un*believable, ***both***, <strong>\"Quote\"</strong>word", md);
        String rendered = RENDERER.render(PARSER.parse(md));
        assertTrue(rendered.contains("<strong>spaced</strong> text") && rendered.contains("<em>un</em>believable")
                && rendered.contains("<strong>&quot;Quote&quot;</strong>word"), rendered);
    }

    @Test
    void codeBlockKeepsItsLanguage() {
        String html = "<!-- wp:code --><pre class=\"wp-block-code\"><code class=\"language-java\">if (a &lt; b) {\n    run();\n}</code></pre><!-- /wp:code -->";

        assertEquals("""
                ```java
                if (a < b) {
                    run();
                }
                ```""", markdown(html));
    }

    @Test
    void emptySpacerParagraphsAreDropped() {
        assertEquals("One\n\nTwo", markdown("<p>One</p><p>&nbsp;</p><p> </p><p>Two</p>"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   \n\n  ", "<!-- wp:paragraph --><p></p><!-- /wp:paragraph -->", "<script>x()</script>"})
    void emptyInputGivesEmptyMarkdown(String html) {
        Converted converted = WordPressContent.toMarkdown(html, null);

        assertNotNull(converted.markdown());
        assertEquals("", converted.markdown());
        assertEquals(Map.of(), converted.unknownShortcodes());
        assertEquals(List.of(), converted.missingAttachments());
    }

    // ------------------------------------------------------------------------------------------ a whole post

    @Test
    void convertsARealisticFourKilobytePost() {
        String post = samplePost();
        assertTrue(post.length() >= 4000, "sample is " + post.length() + " chars");
        Converted first = WordPressContent.toMarkdown(post, LIBRARY);
        assertFalse(first.markdown().isEmpty());
        assertFalse(images(first.markdown()).isEmpty());

        // How fast it is, is measured by the import benchmark (bench/run.sh), not here.
    }

    @Test
    void isSafeToCallFromManyThreadsAtOnce() throws Exception {
        List<String> posts = List.of(samplePost(), "Classic\nline\n\n[gallery ids=\"31,32\"]", "<!-- wp:paragraph --><p>Block <em>x</em></p><!-- /wp:paragraph -->");
        List<Converted> expected = posts.stream().map(p -> WordPressContent.toMarkdown(p, LIBRARY)).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int k = i % posts.size();
                        if (!WordPressContent.toMarkdown(posts.get(k), LIBRARY).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String samplePost() {
        StringBuilder b = new StringBuilder();
        b.append("The council met on Tuesday to discuss the harbour&#8217;s future. Residents &amp; traders filled the hall,\n")
                .append("and the mayor opened with a short statement.\n\n");
        b.append("[caption id=\"attachment_31\" align=\"aligncenter\" width=\"640\"]<img class=\"size-large wp-image-31\" ")
                .append("src=\"https://news.example/wp-content/uploads/2021/03/harbour-1024x683.jpg\" alt=\"The harbour\" width=\"640\" height=\"427\" />")
                .append(" The harbour at <a href=\"https://news.example/dawn\">dawn</a>[/caption]\n\n");
        for (int i = 0; i < 10; i++) {
            b.append("<h2>Section ").append(i).append("</h2>\n");
            b.append("Paragraph ").append(i).append(" has <strong>bold words</strong>, <em>emphasis</em> and a ")
                    .append("<a href=\"https://news.example/story/").append(i).append("\">link to a story</a>. It goes on for a while\n")
                    .append("with a second line that wpautop turns into a line break, and mentions 3 < 4 &amp; snake_case.\n\n");
            b.append("<ul>\n<li>First point of section ").append(i).append("</li>\n<li>Second point, longer than the first</li>\n</ul>\n\n");
        }
        b.append("<blockquote>We will rebuild the pier before summer.</blockquote>\n\n");
        b.append("https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n");
        b.append("[gallery ids=\"31,32,33\" columns=\"3\"]\n\n");
        b.append("<table><tr><th>Year</th><th>Visitors</th></tr><tr><td>2019</td><td>12,000</td></tr><tr><td>2020</td><td>8,500</td></tr></table>\n\n");
        b.append("[contact-form-7 id=\"5\" title=\"Tips\"]\n");
        return b.toString();
    }
}
