package io.newsdesk.cms.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.newsdesk.cms.support.Callers;
import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.Fixtures;
import io.newsdesk.cms.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Security review, finding 6, "URLs and markup": every URL a reader or an editor supplies (a commenter's site, an
 * external related link and its image, an article's cover, a webhook's target) is parsed, refused when a browser
 * could take part of it for markup or another scheme, and stored in normal form; a body's code keeps only its
 * language class; protocol-relative links never reach a page as such; and a problem's detail is always our own words.
 */
@QuarkusTest
class UrlsAndMarkupTest {

    private static final String ADMIN = "Bearer " + Callers.ADMIN_TOKEN;
    private static final List<String> RULE_REASONS = List.of(
            "must be an absolute http(s) URL",
            "must not contain spaces, control characters, quotes, backticks, backslashes or angle brackets",
            "must start with http:// or https:// (a protocol-relative //host address is refused)",
            "must not carry a user name or password",
            "must name a valid host");

    /** Each field that holds a supplied URL: how to send a value in it, and the field its error is named by. */
    private record UrlField(String name, String field, Function<String, Response> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<UrlField> FIELDS = List.of(
            new UrlField("comment authorUrl", "authorUrl", url -> comment(given(), url)),
            new UrlField("related link url", "[0].url", url -> relate(link(url, null))),
            new UrlField("related link image url", "[0].image.url", url -> relate(link("https://example.org/report", url))),
            new UrlField("article cover url", "coverImage.url", url -> createArticle(Map.of("title", Fixtures.unique("Cover"),
                    "coverImage", Map.of("url", url)))),
            new UrlField("webhook url", "url", url -> asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("url", url, "events", List.of("article.published"))).post("/api/v1/webhooks")));

    private static final List<String> HOSTILE = List.of(
            "https://x.example/\"><script>alert(1)</script>",
            "https://x.example/'onmouseover='alert(1)'",
            "https://x.example/<img src=x onerror=alert(1)>",
            "https://x.example/`alert(1)`",
            "https://x.example/a b",
            "https://x.example/a\tb",
            "https://x.example/a\nb",
            "https://x.example\\@evil.example/",
            "https://x.example/\u202egpj.exe",
            "javascript:alert(1)",
            "JavaScript://x.example/%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "ftp://x.example/file",
            "//evil.example/x",
            "https://good.example@evil.example/",
            "https:evil.example",
            "https:///evil.example");

    private static String published;

    static Stream<Arguments> hostileUrlsInEveryField() {
        return FIELDS.stream().flatMap(f -> HOSTILE.stream().map(url -> Arguments.of(f, url)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileUrlsInEveryField")
    void shouldRefuseMarkupAndForeignSchemesInEveryUrlAReaderOrEditorSupplies(UrlField field, String url) {
        Problems.assertProblem(field.send().apply(url), 400)
                .body("type", equalTo("https://newsdesk.io/problems/invalid-input"))
                .body("errors.field", hasItem(field.field()))
                .body("errors.find { it.field == '" + field.field() + "' }.message", is(oneOf(RULE_REASONS.toArray())));
    }

    @Test
    void shouldNormaliseUrlsBeforeStoringThem() {
        String given = "HTTPS://Bücher.EXAMPLE:443/Straße?q=a|b#Teil";
        String normal = "https://xn--bcher-kva.example/Stra%C3%9Fe?q=a%7Cb#Teil";

        // An editor's comment is published at once; a reader's goes through the same rule and the same store.
        Response comment = comment(asAdmin(), given);
        comment.then().statusCode(201);
        asAdmin().get("/api/v1/comments/" + comment.jsonPath().getLong("id")).then().statusCode(200).body("authorUrl", equalTo(normal));

        relate(link(given, given)).then().statusCode(200);
        given().get("/api/v1/articles/" + article() + "/related").then().statusCode(200)
                .body("items.find { it.kind == 'external' }.url", equalTo(normal))
                .body("items.find { it.kind == 'external' }.coverImage.url", equalTo(normal));

        createArticle(Map.of("title", Fixtures.unique("Normal cover"), "coverImage", Map.of("url", given))).then().statusCode(201)
                .body("coverImage.url", equalTo(normal));

        Response hook = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("url", "HTTP://LocalHost:80/Hook", "events", List.of("article.published"))).post("/api/v1/webhooks");
        try {
            hook.then().statusCode(201).body("url", equalTo("http://localhost/Hook"));
        } finally {
            asAdmin().delete("/api/v1/webhooks/" + hook.jsonPath().getLong("id"));
        }
    }

    @Test
    void shouldRefuseOrResolveProtocolRelativeUrls() {
        for (UrlField field : FIELDS) {
            Problems.assertProblem(field.send().apply("//evil.example/x"), 400)
                    .body("errors.find { it.field == '" + field.field() + "' }.message",
                            equalTo("must start with http:// or https:// (a protocol-relative //host address is refused)"));
        }

        String body = """
                [path-like](//evil.example/p) [backslashed](/\\evil.example/q) <a href="/&#9;/evil.example/r">tabbed</a>
                ![cdn](//cdn.example.com/i.png) [own page](/about) [absolute](https://example.org/a)
                <a href="//evil.example/&quot;x">quoted</a>
                """;
        Document html = bodyHtml(body);
        List<String> links = new ArrayList<>();
        for (Element a : html.select("a")) {
            links.add(a.text() + " -> " + a.attr("href"));
        }
        assertEquals(List.of("path-like -> https://evil.example/p", "backslashed -> https://evil.example/q",
                "tabbed -> https://evil.example/r", "own page -> /about", "absolute -> https://example.org/a", "quoted -> "), links);
        assertEquals("https://cdn.example.com/i.png", html.selectFirst("img").attr("src"));
    }

    @Test
    void shouldKeepOnlyLanguageClassesOnCode() {
        String body = """
                ```c++
                int x;
                ```

                ```objective-c
                id y;
                ```

                <code class="admin-bar hidden">a</code> <code class="language-js evil">b</code>
                <code class="language-x&quot; onclick=&quot;alert(1)">c</code> <code class="sr-only">d</code>
                """;
        Map<String, String> classes = new LinkedHashMap<>();
        for (Element code : bodyHtml(body).select("code")) {
            classes.put(code.text().strip(), code.hasAttr("class") ? code.attr("class") : "(none)");
        }
        assertEquals(Map.of("int x;", "language-c++", "id y;", "language-objective-c", "a", "(none)", "b", "(none)", "c", "(none)",
                "d", "(none)"), classes);
    }

    @Test
    void shouldNeverEchoARawExceptionMessageInAProblem() {
        String deep = "{\"title\":\"x\",\"coverImage\":" + "{\"a\":".repeat(70) + "1" + "}".repeat(71);
        Problems.assertProblem(asAdmin().contentType(ContentType.JSON).body(deep).post("/api/v1/articles"), 400)
                .body("detail", equalTo("The request body is nested more than 64 levels deep"));

        String longNumber = "{\"title\":\"x\",\"coverImage\":{\"url\":\"https://example.org/a.png\",\"width\":" + "9".repeat(50) + "}}";
        Problems.assertProblem(asAdmin().contentType(ContentType.JSON).body(longNumber).post("/api/v1/articles"), 400)
                .body("detail", equalTo("A number in the request body is longer than 40 characters"));

        // The XML parser's message quotes the file (here an element named by the attacker) and its own internals.
        String element = "attacker-chosen-" + Fixtures.unique("name");
        String export = "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><" + element + "></channel></rss>";
        Response imported = asAdmin().contentType("application/xml").body(export).post("/api/v1/imports/wordpress");
        Problems.assertProblem(imported, 422)
                .body("detail", matchesPattern("Line 1, column \\d+: an element is not closed by its matching end tag"));
        String detail = imported.jsonPath().getString("detail");
        assertFalse(detail.contains(element) || detail.contains("end-tag"), detail);
    }

    // ---- who sends what -------------------------------------------------------------------------------------------

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", ADMIN);
    }

    /** A published article open for comments, made once for the whole class. */
    private static synchronized String article() {
        if (published == null) {
            published = createArticle(Map.of("title", Fixtures.unique("Supplied URLs"), "status", "published", "commentsOpen", true))
                    .then().statusCode(201).extract().jsonPath().getString("slug");
        }
        return published;
    }

    private static Response createArticle(Map<String, Object> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/articles");
    }

    private static Document bodyHtml(String markdown) {
        String html = createArticle(Map.of("title", Fixtures.unique("Markup"), "body", markdown)).then().statusCode(201)
                .extract().jsonPath().getString("bodyHtml");
        return Jsoup.parseBodyFragment(html);
    }

    /** A comment by this caller (a reader sends no token), from an address of its own: the rate limit counts per address. */
    private static Response comment(RequestSpecification caller, String authorUrl) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("authorName", "Sam");
        form.put("authorEmail", Fixtures.unique("sam") + "@example.com");
        form.put("authorUrl", authorUrl);
        form.put("body", "A comment " + Fixtures.unique("body"));
        return caller.header("X-Forwarded-For", Comments.address()).contentType(ContentType.JSON).body(form)
                .post("/api/v1/articles/" + article() + "/comments");
    }

    private static Map<String, Object> link(String url, String imageUrl) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("url", url);
        link.put("title", "A report");
        if (imageUrl != null) {
            link.put("image", Map.of("url", imageUrl));
        }
        return link;
    }

    private static Response relate(Map<String, Object> link) {
        return asAdmin().contentType(ContentType.JSON).body(List.of(link)).put("/api/v1/articles/" + article() + "/related");
    }
}
