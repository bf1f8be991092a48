package io.newsdesk.cms.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A comment's bodyHtml: the commenter's text escaped, with paragraphs, line breaks and safe links, whatever they typed. */
class CommentBodyHtmlTest {

    private static final Set<String> ALLOWED = Set.of("p", "br", "a");
    private static final String REL = "nofollow ugc noopener";
    private static final Pattern HTTP = Pattern.compile("(?i)^https?://.+");

    /** What attackers type into comment forms. */
    static Stream<String> xssCorpus() {
        return Stream.of(
                "<script>alert(1)</script>",
                "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "\"><script>alert(document.cookie)</script>",
                "'><script>alert(1)</script>",
                "\"><img src=x onerror=alert(1)>",
                "<img src=x onerror=alert(1)//",
                "<svg/onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<iframe src=\"javascript:alert(1)\"></iframe>",
                "<body onload=alert(1)>",
                "<a href=\"javascript:alert(1)\">click me</a>",
                "<a href=\"https://ok.example.com\" onclick=\"alert(1)\">looks fine</a>",
                "<a href='https://ok.example.com'>single quoted</a>",
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                "java\tscript:alert(1)",
                "[click](javascript:alert(1))",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "vbscript:msgbox(1)",
                "</p><script>alert(1)</script><p>",
                "<!--<script>alert(1)</script>-->",
                "<![CDATA[<script>alert(1)</script>]]>",
                "<style>@import 'https://evil.example/x.css';</style>",
                "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
                "<object data=\"javascript:alert(1)\"></object>",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<base href=\"javascript:/\">",
                "<form action=javascript:alert(1)><button>go</button></form>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                "&#60;script&#62;alert(1)&#60;/script&#62;",
                "&#x3C;img src=x onerror=alert(1)&#x3E;",
                "&amp;lt;script&amp;gt;",
                "%3Cscript%3Ealert(1)%3C/script%3E",
                "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
                "\u202E>tpircs/<)1(trela>tpircs<",
                "https://good.example.com/\u202Egnp.exe",
                "line one\u2028<script>alert(1)</script>\u2029line two",
                "\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E",
                "\uFE64script\uFE65alert(1)\uFE64/script\uFE65",
                "<scr\u0000ipt>alert(1)</scr\u0000ipt>",
                "java\u0000script:alert(1)",
                "\u0001\u0002\u001b[31mred\u001b[0m\u007f",
                "<\u000bscript>alert(1)</script>",
                "https://x.com/\"onmouseover=\"alert(1)",
                "https://x.com/'onmouseover='alert(1)",
                "https://x.com/`onmouseover=alert(1)`",
                "https://x.com/?q=<img src=x onerror=alert(1)>",
                "https://x.com/&quot;onmouseover=&quot;alert(1)",
                "https://x.com/\" style=\"position:fixed;top:0;left:0;width:100%;height:100%",
                "http://javascript:alert(1)//",
                "https://javascript:alert(1)@evil.example",
                "http://.",
                "http://",
                "HTTPS://UPPER.EXAMPLE.COM/X",
                "<a href=https://ok.example.com/ target=_blank rel=opener>x</a>",
                "https://ok.example.com/path\n<script>alert(1)</script>\n\nhttps://two.example.com/\"><svg onload=alert(1)>");
    }

    @ParameterizedTest
    @MethodSource("xssCorpus")
    void shouldLetNothingActiveSurvive(String payload) {
        String html = CommentFormatter.toHtml(payload);
        Document doc = Jsoup.parseBodyFragment(html);

        for (Element element : doc.body().getAllElements()) {
            if (element == doc.body()) {
                continue;
            }
            assertTrue(ALLOWED.contains(element.normalName()), "only p, br and a, but " + element.normalName() + " in " + html);
            if (element.normalName().equals("a")) {
                assertLinkIsSafe(element, html);
            } else {
                assertEquals(0, element.attributesSize(), "no attributes on " + element.normalName() + " in " + html);
            }
        }
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), html);
        assertFalse(lower.contains("href=\"javascript"), html);
        assertFalse(html.contains("\u0000"), "no NUL in " + html);
        assertTrue(html.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' || c == 0x7f), "no control characters in " + html);
    }

    @ParameterizedTest
    @MethodSource("xssCorpus")
    void shouldShowWhatWasTypedAsText(String payload) {
        String printable = payload.replaceAll("[\\x00-\\x08\\x0b-\\x1f\\x7f]", "\uFFFD");
        String html = CommentFormatter.toHtml(payload);

        String text = Jsoup.parseBodyFragment(html).body().text();

        // the text a reader sees is the text that was typed, paragraph and line breaks aside
        assertEquals(squash(printable), squash(text), html);
    }

    @Test
    void shouldRunTheCorpusOfAtLeastThirtyPayloads() {
        assertTrue(xssCorpus().count() >= 30);
    }

    // ---- paragraphs and lines ---------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "Hello                                   | <p>Hello</p>",
            "~  padded  ~                            | <p>padded</p>",
            "One\\ntwo                               | <p>One<br>two</p>",
            "One\\r\\ntwo\\rthree                    | <p>One<br>two<br>three</p>",
            "First paragraph\\n\\nSecond             | <p>First paragraph</p><p>Second</p>",
            "First\\n \\t \\n\\n\\nSecond\\nline     | <p>First</p><p>Second<br>line</p>",
            "\\n\\nLeading and trailing\\n\\n        | <p>Leading and trailing</p>",
            "a < b && c > d                          | <p>a &lt; b &amp;&amp; c &gt; d</p>",
            "He said \"hi\" and 'bye'                | <p>He said &quot;hi&quot; and &#x27;bye&#x27;</p>",
            "<b>bold</b>                             | <p>&lt;b&gt;bold&lt;/b&gt;</p>" })
    void shouldKeepParagraphsAndLineBreaks(String body, String expected) {
        assertEquals(expected, CommentFormatter.toHtml(unescape(body)));
    }

    @Test
    void shouldParseParagraphsAndBreaksAsElements() {
        Document doc = Jsoup.parseBodyFragment(CommentFormatter.toHtml("Para one line one\nline two\n\nPara two"));

        assertEquals(List.of("p", "p"), doc.body().children().stream().map(Element::normalName).toList());
        assertEquals(1, doc.body().child(0).getElementsByTag("br").size());
        assertEquals(0, doc.body().child(1).getElementsByTag("br").size());
    }

    // ---- links ------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "See https://example.com/page.                   | https://example.com/page        | .",
            "Really? https://example.com/a?b=1&c=2!          | https://example.com/a?b=1&c=2   | !",
            "(source: http://example.org/x)                  | http://example.org/x            | )",
            "Quoted 'https://example.com/q'                  | https://example.com/q           | '",
            "Two: https://example.com/one, and more          | https://example.com/one         | ~, and more~",
            "End https://example.com/path/;                  | https://example.com/path/       | ;",
            "Wrapped [https://example.com/w]                 | https://example.com/w           | ]" })
    void shouldLinkBareUrlsLeavingTrailingPunctuationOutside(String body, String url, String after) {
        String html = CommentFormatter.toHtml(body.strip());
        Element link = Jsoup.parseBodyFragment(html).selectFirst("a");

        assertTrue(link != null, "a link in " + html);
        assertEquals(url, link.attr("href"));
        assertEquals(url, link.text());
        assertLinkIsSafe(link, html);
        String following = link.nextSibling() == null ? "" : link.nextSibling().toString();
        assertTrue(Jsoup.parseBodyFragment(following).text().startsWith(after.strip()), "after the link: '" + following + "' in " + html);
    }

    @Test
    void shouldWriteTheLinkExactlyAsDocumented() {
        assertEquals("<p>Read <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
                + "https://example.com/a?b=1&amp;c=2</a>.</p>", CommentFormatter.toHtml("Read https://example.com/a?b=1&c=2."));
    }

    @Test
    void shouldLinkSeveralUrlsOnSeveralLines() {
        Document doc = Jsoup.parseBodyFragment(CommentFormatter.toHtml("https://one.example.com\nand http://two.example.com/x\n\n"
                + "https://three.example.com."));

        assertEquals(List.of("https://one.example.com", "http://two.example.com/x", "https://three.example.com"),
                doc.select("a").eachAttr("href"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "example.com", "www.example.com/page", "ftp://files.example.com/x", "mailto:sam@example.com",
            "javascript:alert(1)", "http://", "//example.com/protocol-relative" })
    void shouldLinkOnlyHttpAndHttpsUrls(String body) {
        Document doc = Jsoup.parseBodyFragment(CommentFormatter.toHtml(body));

        assertTrue(doc.select("a").isEmpty(), doc.body().html());
        assertEquals(body, doc.body().text());
    }

    @Test
    void shouldNotLetAQuoteEndTheHrefEarly() {
        String html = CommentFormatter.toHtml("https://x.com/\"onmouseover=\"alert(1)");
        Element link = Jsoup.parseBodyFragment(html).selectFirst("a");

        assertEquals("https://x.com/", link.attr("href"));
        assertEquals(Set.of("href", "rel"), attributeNames(link));
        assertEquals("https://x.com/\"onmouseover=\"alert(1)", Jsoup.parseBodyFragment(html).body().text());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static void assertLinkIsSafe(Element a, String html) {
        assertEquals(Set.of("href", "rel"), attributeNames(a), "only href and rel on a link in " + html);
        assertTrue(HTTP.matcher(a.attr("href")).matches(), "an http(s) href, not " + a.attr("href") + " in " + html);
        assertEquals(REL, a.attr("rel"), html);
    }

    private static Set<String> attributeNames(Element element) {
        return element.attributes().asList().stream().map(Attribute::getKey).collect(Collectors.toSet());
    }

    /** Whitespace (including line and paragraph separators) collapsed, as a reader sees it. */
    private static String squash(String text) {
        return text.replaceAll("[\\s\\u2028\\u2029]+", " ").strip();
    }

    private static String unescape(String csv) {
        String s = csv.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
        return s;
    }
}
