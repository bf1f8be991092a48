package io.newsdesk.cms.sitemap;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.newsdesk.cms.article.ListedArticle;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.support.Fixtures;
import io.newsdesk.cms.support.Images;
import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The sitemaps as crawlers fetch them: every file valid against the published schemas, public articles only, at
 * their front-end URLs, the 48-hour news window to the second, and conditional GET.
 */
@QuarkusTest
class SitemapResourceTest {

    @Inject
    TestClock clock;

    private static final String SITEMAPS = "/api/v1/sitemaps/";
    private static final String INDEX = SITEMAPS + "sitemap.xml";
    private static final String NEWS = SITEMAPS + "news.xml";
    private static final String CATEGORIES = SITEMAPS + "categories.xml";
    private static final String SITEMAP_NS = SitemapWriter.SITEMAP_NS;
    private static final String IMAGE_NS = SitemapWriter.IMAGE_NS;
    private static final String NEWS_NS = SitemapWriter.NEWS_NS;
    private static final String XML_UTF8 = "application/xml; ?charset=(?i)utf-8";

    @Inject
    PublicUrls urls;

    @Inject
    Sitemaps sitemaps;

    @Inject
    CmsConfig config;

    /** A {@code <url>} of an article or category file. */
    record Url(String loc, Instant lastmod, String image) {
    }

    /** A {@code <url>} of the news file. */
    record News(String loc, String name, String language, Instant publishedAt, String title) {
    }

    @Test
    void shouldIndexOneArticleFilePerFiftyThousandPublicArticlesThenCategoriesAndNews() {
        JsonPath fresh = article().create();
        Response answer = given().when().get(INDEX).then().statusCode(200)
                .header("Content-Type", matchesPattern(XML_UTF8))
                .header("Cache-Control", equalTo("public, max-age=" + config.cache().maxAge() + ", stale-while-revalidate="
                        + config.cache().staleWhileRevalidate()))
                .header("ETag", startsWith("\"sitemap-"))
                .extract().response();
        byte[] xml = answer.asByteArray();
        SitemapSchemas.assertValidIndex(xml);

        Map<String, Instant> files = index(xml);
        long publicArticles = Long.parseLong(given().queryParam("size", 1).when().get("/api/v1/articles")
                .then().statusCode(200).extract().header("X-Total-Count"));
        int expected = new SitemapPaging(SitemapPaging.PROTOCOL_MAX).files(publicArticles);
        List<String> names = files.keySet().stream().map(loc -> loc.substring(loc.lastIndexOf('/') + 1)).toList();
        List<String> articleFiles = new ArrayList<>();
        for (int n = 1; n <= expected; n++) {
            articleFiles.add("articles-" + n + ".xml");
        }
        List<String> all = new ArrayList<>(articleFiles);
        all.add("categories.xml");
        all.add("news.xml");
        assertEquals(all, names, publicArticles + " public articles");
        String origin = "https://api.newsdesk.test"; // the test profile's CMS_PUBLIC_API_URL, never the request's Host
        files.keySet().forEach(loc -> assertTrue(loc.startsWith(origin + SITEMAPS), loc));
        Instant last = files.get(origin + SITEMAPS + articleFiles.get(articleFiles.size() - 1));
        assertFalse(last.isBefore(Instant.parse(fresh.getString("updatedAt"))), "the last file changed when the newest article was made");
        assertNotNull(files.get(origin + CATEGORIES));
        assertNotNull(files.get(origin + NEWS));
    }

    @Test
    void shouldListEveryPublicArticleAtItsFrontEndUrlWithItsLastChangeAndCover() {
        String section = category().createSlug();
        String external = "https://images.example.com/" + Fixtures.unique("cover") + ".jpg?w=1200&fit=crop";
        JsonPath withUrlCover = article().category(section).with("coverImage", Map.of("url", external, "alt", "A cover")).create();
        JsonPath media = asAdmin().contentType("image/jpeg").body(Images.jpeg(64, 48, System.nanoTime()))
                .header("Content-Disposition", "attachment; filename=\"" + Fixtures.unique("photo") + ".jpg\"")
                .when().post("/api/v1/media").then().statusCode(201).extract().jsonPath();
        JsonPath withLibraryCover = article().with("coverImage", Map.of("mediaId", media.getLong("id"))).create();
        JsonPath withoutCover = article().category(section).create();

        Map<String, Url> listed = articleUrls();

        Url first = listed.get(urls.article(withUrlCover.getLong("id"), withUrlCover.getString("slug"), section));
        assertNotNull(first, "listed at its front-end URL");
        assertEquals(Instant.parse(withUrlCover.getString("updatedAt")), first.lastmod());
        assertEquals(external, first.image());
        Url second = listed.get(urls.article(withLibraryCover.getLong("id"), withLibraryCover.getString("slug"), null));
        assertNotNull(second, "an article without a category is listed under " + PublicUrls.NO_CATEGORY);
        assertEquals("https://api.newsdesk.test" + media.getString("url"), second.image(),
                "a library cover is made absolute against the API's configured public address");
        Url third = listed.get(urls.article(withoutCover.getLong("id"), withoutCover.getString("slug"), section));
        assertNotNull(third);
        assertNull(third.image());
    }

    @Test
    void shouldLeaveOutDraftsScheduledAndArchivedArticles() {
        JsonPath draft = article().draft().create();
        JsonPath archived = article().archived().create();
        JsonPath scheduled = article().publishedAt(Instant.now().plus(Duration.ofHours(1))).create();
        JsonPath published = article().publishedAt(Instant.now()).create();

        Map<String, Url> listed = articleUrls();
        List<String> news = newsEntries().stream().map(News::loc).toList();
        for (JsonPath hidden : List.of(draft, archived, scheduled)) {
            String loc = urls.article(hidden.getLong("id"), hidden.getString("slug"), null);
            assertFalse(listed.containsKey(loc), hidden.getString("status") + " listed: " + loc);
            assertFalse(news.contains(loc), hidden.getString("status") + " in the news: " + loc);
        }
        String loc = urls.article(published.getLong("id"), published.getString("slug"), null);
        assertTrue(listed.containsKey(loc));
        assertTrue(news.contains(loc));
    }

    @Test
    void shouldListAScheduledArticleOnceItsTimeHasCome() {
        Instant at = clock.stop().plusSeconds(2);
        JsonPath scheduled = article().publishedAt(at).create();
        String loc = urls.article(scheduled.getLong("id"), scheduled.getString("slug"), null);
        assertFalse(articleUrls().containsKey(loc), "not before its time");
        assertFalse(newsEntries().stream().anyMatch(n -> n.loc().equals(loc)), "not in the news before its time");

        clock.passTo(at);

        assertTrue(articleUrls().containsKey(loc), "listed from its time on");
        assertTrue(newsEntries().stream().anyMatch(n -> n.loc().equals(loc)), "in the news once public");
    }

    @Test
    void shouldPutAnArticleOfJustUnderFortyEightHoursInTheNewsAndLeaveOutOneOfJustOver() {
        Instant now = Instant.now();
        JsonPath inside = article().publishedAt(now.minus(Duration.ofHours(48)).plus(Duration.ofMinutes(1))).create();
        JsonPath outside = article().publishedAt(now.minus(Duration.ofHours(48)).minus(Duration.ofMinutes(1))).create();
        String in = urls.article(inside.getLong("id"), inside.getString("slug"), null);
        String out = urls.article(outside.getLong("id"), outside.getString("slug"), null);

        List<News> news = newsEntries();
        assertFalse(news.stream().anyMatch(n -> n.loc().equals(out)), "older than 48 hours");
        Instant insideAt = Instant.parse(inside.getString("publishedAt"));
        if (news.size() < Sitemaps.NEWS_MAX) {
            assertTrue(news.stream().anyMatch(n -> n.loc().equals(in)), "inside 48 hours");
        } else {
            // A full news file lists the thousand newest: then it is right to leave the oldest article of the window out.
            assertTrue(news.stream().allMatch(n -> !n.publishedAt().isBefore(insideAt)), "a full file holds only newer articles");
        }
        Map<String, Url> listed = articleUrls();
        assertTrue(listed.containsKey(in) && listed.containsKey(out), "both stay in the article sitemap");
    }

    @Test
    void shouldCountAnArticlePublishedExactlyFortyEightHoursAgoAndNotOneASecondOlder() {
        // Ten days back, where the news window is clear of other tests' articles, the window is moved second by second.
        Instant start = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        long first = article().publishedAt(start).create().getLong("id");
        long earlier = article().publishedAt(start.minusSeconds(1)).create().getLong("id");
        long last = article().publishedAt(start.plus(Sitemaps.NEWS_WINDOW)).create().getLong("id");

        List<Long> atEnd = ids(sitemaps.newsItems(start.plus(Sitemaps.NEWS_WINDOW)));
        assertTrue(atEnd.contains(first), "published exactly 48 hours before: included");
        assertFalse(atEnd.contains(earlier), "48 hours and a second before: left out");
        assertTrue(atEnd.contains(last), "published at that very moment: included");

        List<Long> secondLater = ids(sitemaps.newsItems(start.plus(Sitemaps.NEWS_WINDOW).plusSeconds(1)));
        assertFalse(secondLater.contains(first), "a second later it is too old");
        assertTrue(secondLater.contains(last));

        List<Long> secondEarlier = ids(sitemaps.newsItems(start.plus(Sitemaps.NEWS_WINDOW).minusSeconds(1)));
        assertTrue(secondEarlier.contains(earlier) && secondEarlier.contains(first));
        assertFalse(secondEarlier.contains(last), "not yet published at that moment");
    }

    @Test
    void shouldListAtMostTheThousandNewestArticlesInTheNews() throws Exception {
        int present = newsEntries().size();
        int missing = present < Sitemaps.NEWS_MAX ? Sitemaps.NEWS_MAX + 1 - present : 1;
        // Old within the window, so they crowd out only what is older; over several categories, so the writes of
        // eight clients do not all wait on one category's count of published articles.
        Instant base = Instant.now().minus(Duration.ofHours(47));
        List<String> sections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sections.add(category().createSlug());
        }
        List<String> made = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                Instant at = base.plusSeconds(i);
                String section = sections.get(i % sections.size());
                jobs.add(pool.submit(() -> made.add(article().body("x").category(section).publishedAt(at).createSlug())));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
            byte[] xml = given().when().get(NEWS).then().statusCode(200).extract().asByteArray();
            SitemapSchemas.assertValidUrlset(xml);
            List<News> news = news(xml);
            assertEquals(Sitemaps.NEWS_MAX, news.size());
            for (int i = 1; i < news.size(); i++) {
                assertFalse(news.get(i).publishedAt().isAfter(news.get(i - 1).publishedAt()), "newest first, at " + i);
            }
        } finally {
            List<Future<?>> jobs = new ArrayList<>();
            for (String slug : made) {
                jobs.add(pool.submit(() -> asAdmin().when().delete("/api/v1/articles/" + slug).then().statusCode(204)));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
            pool.shutdown();
        }
    }

    @Test
    void shouldKeepTitlesWithControlCharactersAndMarkupValid() {
        String title = "Tom & Jerry <script>alert(1)</script> \"quoted\" \u0001\u0007\u001b[0m\u007f\u0085 caf\u00e9 "
                + Fixtures.unique("t");
        JsonPath made = article().title(title).publishedAt(Instant.now()).create();
        String loc = urls.article(made.getLong("id"), made.getString("slug"), null);

        byte[] xml = given().when().get(NEWS).then().statusCode(200).header("Content-Type", matchesPattern(XML_UTF8))
                .extract().asByteArray();
        SitemapSchemas.assertValidUrlset(xml);
        News entry = news(xml).stream().filter(n -> n.loc().equals(loc)).findFirst().orElseThrow();
        assertEquals(SitemapWriter.clean(made.getString("title")), entry.title());
        assertTrue(entry.title().startsWith("Tom & Jerry <script>alert(1)</script> \"quoted\" [0m caf\u00e9 "), entry.title());
        assertTrue(entry.title().chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), entry.title());
        assertEquals(config.publicSite().siteName(), entry.name());
        assertEquals("en", entry.language());
        assertEquals(Instant.parse(made.getString("publishedAt")), entry.publishedAt());
        articleUrls(); // validates every article file with this title in the database
    }

    @Test
    void shouldListTheHomePageAndEveryCategoryPageWithItsLastChange() {
        String parent = category().createSlug();
        String child = category().parent(parent).createSlug();
        String empty = category().createSlug();
        JsonPath story = article().category(child).create();
        Instant changed = Instant.parse(story.getString("updatedAt"));

        byte[] xml = given().when().get(CATEGORIES).then().statusCode(200).header("Content-Type", matchesPattern(XML_UTF8))
                .extract().asByteArray();
        SitemapSchemas.assertValidUrlset(xml);
        Map<String, Url> pages = urlEntries(xml);
        assertEquals(urls.home(), pages.keySet().iterator().next(), "the home page first");
        assertFalse(pages.get(urls.home()).lastmod().isBefore(changed));
        assertEquals(changed, pages.get(urls.category(child)).lastmod(), "its newest article");
        assertEquals(changed, pages.get(urls.category(parent)).lastmod(), "an article in a subcategory changes the parent's page too");
        assertNotNull(pages.get(urls.category(empty)).lastmod(), "a category without articles has its own last edit");
        assertTrue(pages.get(urls.category(empty)).lastmod().isBefore(changed.plusSeconds(1)));
    }

    @Test
    void shouldAnswerNotModifiedWhileASitemapIsUnchanged() {
        article().publishedAt(Instant.now()).create();
        String lastFile = lastArticleFile();
        for (String path : List.of(INDEX, lastFile, CATEGORIES, NEWS)) {
            String etag = given().when().get(path).then().statusCode(200).extract().header("ETag");
            Response again = given().header("If-None-Match", etag).when().get(path).then().statusCode(304).extract().response();
            assertEquals("", again.asString(), path);
            assertEquals(etag, again.header("ETag"), path);
            assertTrue(again.header("Cache-Control").startsWith("public"), path + ": " + again.header("Cache-Control"));
            given().header("If-None-Match", "\"sitemap-stale\"").when().get(path).then().statusCode(200);
        }
        String fileTag = given().when().get(lastFile).then().extract().header("ETag");
        String newsTag = given().when().get(NEWS).then().extract().header("ETag");
        article().publishedAt(Instant.now()).create();
        String newFileTag = given().header("If-None-Match", fileTag).when().get(lastArticleFile()).then().statusCode(200).extract().header("ETag");
        assertNotEquals(fileTag, newFileTag);
        String newNewsTag = given().header("If-None-Match", newsTag).when().get(NEWS).then().statusCode(200).extract().header("ETag");
        assertNotEquals(newsTag, newNewsTag);
    }

    @Test
    void shouldServeTheSameIndexAtTheSiteRoot() {
        article().create();
        Response api = given().when().get(INDEX).then().statusCode(200).extract().response();
        Response root = given().when().get("/sitemap.xml").then().statusCode(200)
                .header("Content-Type", matchesPattern(XML_UTF8))
                .header("X-Content-Type-Options", "nosniff")
                .extract().response();
        assertEquals(api.asString(), root.asString());
        assertEquals(api.header("ETag"), root.header("ETag"));
        given().header("If-None-Match", root.header("ETag")).when().get("/sitemap.xml").then().statusCode(304);
        Response head = given().when().head("/sitemap.xml").then().statusCode(200)
                .header("Content-Type", matchesPattern(XML_UTF8)).header("ETag", equalTo(root.header("ETag"))).extract().response();
        assertEquals(0, head.asByteArray().length);
        asAdmin().when().post("/sitemap.xml").then().statusCode(405).header("Content-Type", startsWith("application/problem+json"));
    }

    @Test
    void shouldAnswerNotFoundForAnArticleFileThatDoesNotExist() {
        int files = index(given().when().get(INDEX).then().statusCode(200).extract().asByteArray()).size() - 2;
        for (String name : List.of("articles-0.xml", "articles-" + (files + 1) + ".xml", "articles-99999999999.xml", "articles-01.xml",
                "articles-x.xml", "articles-.xml")) {
            given().when().get(SITEMAPS + name).then().statusCode(404)
                    .header("Content-Type", startsWith("application/problem+json"))
                    .body("status", equalTo(404));
        }
    }

    // ---- reading sitemaps ------------------------------------------------------------------------------------

    /** Every article file the index lists, each checked against the schemas, by loc. */
    private Map<String, Url> articleUrls() {
        Map<String, Url> all = new LinkedHashMap<>();
        for (String loc : index(given().when().get(INDEX).then().statusCode(200).extract().asByteArray()).keySet()) {
            String path = URI.create(loc).getPath();
            if (path.startsWith(SITEMAPS + "articles-")) {
                byte[] xml = given().when().get(path).then().statusCode(200).header("Content-Type", matchesPattern(XML_UTF8))
                        .extract().asByteArray();
                SitemapSchemas.assertValidUrlset(xml);
                all.putAll(urlEntries(xml));
            }
        }
        return all;
    }

    private String lastArticleFile() {
        List<String> paths = index(given().when().get(INDEX).then().statusCode(200).extract().asByteArray()).keySet().stream()
                .map(loc -> URI.create(loc).getPath()).filter(p -> p.startsWith(SITEMAPS + "articles-")).toList();
        return paths.get(paths.size() - 1);
    }

    private List<News> newsEntries() {
        byte[] xml = given().when().get(NEWS).then().statusCode(200).extract().asByteArray();
        SitemapSchemas.assertValidUrlset(xml);
        return news(xml);
    }

    private static Map<String, Instant> index(byte[] xml) {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (Element sitemap : children(parse(xml).getDocumentElement(), SITEMAP_NS, "sitemap")) {
            String lastmod = text(sitemap, SITEMAP_NS, "lastmod");
            out.put(text(sitemap, SITEMAP_NS, "loc"), lastmod == null ? null : Instant.parse(lastmod));
        }
        return out;
    }

    private static Map<String, Url> urlEntries(byte[] xml) {
        Map<String, Url> out = new LinkedHashMap<>();
        for (Element url : children(parse(xml).getDocumentElement(), SITEMAP_NS, "url")) {
            String lastmod = text(url, SITEMAP_NS, "lastmod");
            List<Element> images = children(url, IMAGE_NS, "image");
            String loc = text(url, SITEMAP_NS, "loc");
            out.put(loc, new Url(loc, lastmod == null ? null : Instant.parse(lastmod),
                    images.isEmpty() ? null : text(images.get(0), IMAGE_NS, "loc")));
        }
        return out;
    }

    private static List<News> news(byte[] xml) {
        List<News> out = new ArrayList<>();
        for (Element url : children(parse(xml).getDocumentElement(), SITEMAP_NS, "url")) {
            Element news = children(url, NEWS_NS, "news").get(0);
            Element publication = children(news, NEWS_NS, "publication").get(0);
            out.add(new News(text(url, SITEMAP_NS, "loc"), text(publication, NEWS_NS, "name"), text(publication, NEWS_NS, "language"),
                    Instant.parse(text(news, NEWS_NS, "publication_date")), text(news, NEWS_NS, "title")));
        }
        return out;
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String namespace, String name) {
        List<Element> found = children(parent, namespace, name);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }

    private static List<Long> ids(List<ListedArticle> items) {
        return items.stream().map(ListedArticle::id).toList();
    }

    @Test
    void shouldCompressForACrawlerThatAcceptsGzip() throws Exception {
        article().create();
        Response answer = given().config(RestAssured.config().decoderConfig(io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip").get(INDEX);
        assertEquals(200, answer.statusCode());
        assertEquals("gzip", answer.header("Content-Encoding"));
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(answer.asByteArray()))) {
            assertTrue(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("<sitemapindex"));
        }
    }
}
