package io.newsdesk.cms.feed;

import static io.newsdesk.cms.feed.FeedClient.articleId;
import static io.newsdesk.cms.feed.FeedClient.params;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.support.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** What an entry says about an article, the same in RSS, Atom and JSON Feed, and that every feed is well-formed whatever a title holds. */
@QuarkusTest
class FeedContentTest {

    @Inject
    PublicUrls publicUrls;

    @Test
    void shouldDescribeAnArticleInEveryFormat() {
        String tag = unique("content");
        JsonPath parent = category().name("Science & Tech").create();
        Instant published = Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.SECONDS);
        JsonPath created = article().title("Quantum <leap> & co").tags(tag, "Physics").category(parent.getString("slug"))
                .with("authorName", "Ada Lovelace").with("excerpt", "Short & <sweet>").body("Hello **world**.")
                .with("coverImage", Map.of("url", "https://images.example.com/2024/atom.jpg", "alt", "An atom", "width", 1200, "height", 800))
                .publishedAt(published).create();
        long id = created.getLong("id");
        String url = publicUrls.article(id, created.getString("slug"), parent.getString("slug"));

        SyndFeed rss = FeedClient.rss(params("tag", tag));
        assertEquals("Newsdesk: tagged " + tag, rss.getTitle());
        assertEquals(publicUrls.home(), rss.getLink());
        assertEquals("en", rss.getLanguage());
        assertEquals(1, rss.getEntries().size());
        SyndEntry item = rss.getEntries().get(0);
        assertEquals(articleId(id), item.getUri());
        assertEquals(url, item.getLink());
        assertEquals("Quantum <leap> & co", item.getTitle());
        assertEquals(Date.from(published), item.getPublishedDate());
        assertEquals("Ada Lovelace", item.getAuthor());
        assertEquals(List.of("Science & Tech", tag, "Physics"), item.getCategories().stream().map(SyndCategory::getName).toList());
        assertEquals("Short &amp; &lt;sweet&gt;", item.getDescription().getValue(), "an RSS description is HTML: the excerpt escaped");
        assertTrue(item.getContents().get(0).getValue().contains("<strong>world</strong>"), item.getContents().get(0).getValue());
        assertEquals("https://images.example.com/2024/atom.jpg", item.getEnclosures().get(0).getUrl());
        assertEquals("image/jpeg", item.getEnclosures().get(0).getType());
        String rssXml = FeedClient.get(FeedClient.RSS, params("tag", tag)).asString();
        assertTrue(rssXml.contains("<guid isPermaLink=\"false\">" + articleId(id) + "</guid>"), rssXml);
        assertTrue(rssXml.matches("(?s).*<dcterms:modified>\\d{4}-\\d{2}-\\d{2}T[0-9:]{8}Z</dcterms:modified>.*"), rssXml);
        assertTrue(rssXml.contains("<media:content url=\"https://images.example.com/2024/atom.jpg\" medium=\"image\" type=\"image/jpeg\" "
                + "width=\"1200\" height=\"800\">"), rssXml);

        byte[] atomXml = FeedClient.get(FeedClient.ATOM, params("tag", tag)).asByteArray();
        assertTrue(new String(atomXml, StandardCharsets.UTF_8).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"));
        SyndFeed atom = FeedClient.parse(atomXml);
        assertEquals("Newsdesk: tagged " + tag, atom.getTitle());
        assertEquals(publicUrls.home(), FeedClient.link(atom, "alternate"));
        assertTrue(FeedClient.link(atom, "self").endsWith("/api/v1/feeds/atom.xml?tag=" + tag), FeedClient.link(atom, "self"));
        SyndEntry entry = atom.getEntries().get(0);
        assertEquals(articleId(id), entry.getUri());
        assertEquals(url, entry.getLink());
        assertEquals("Quantum <leap> & co", entry.getTitle());
        assertEquals(Date.from(published), entry.getPublishedDate());
        assertFalse(entry.getUpdatedDate().before(entry.getPublishedDate()));
        assertEquals("Ada Lovelace", entry.getAuthor());
        assertEquals(List.of(parent.getString("slug"), tag, "Physics"), entry.getCategories().stream().map(SyndCategory::getName).toList());
        assertEquals("Short & <sweet>", entry.getDescription().getValue());
        assertEquals("html", entry.getContents().get(0).getType());
        assertTrue(entry.getContents().get(0).getValue().contains("<strong>world</strong>"));
        assertEquals("https://images.example.com/2024/atom.jpg", entry.getEnclosures().get(0).getUrl());

        JsonNode json = FeedClient.json(params("tag", tag));
        assertEquals("https://jsonfeed.org/version/1.1", json.path("version").asText());
        assertEquals("Newsdesk: tagged " + tag, json.path("title").asText());
        assertEquals(publicUrls.home(), json.path("home_page_url").asText());
        assertTrue(json.path("feed_url").asText().endsWith("/api/v1/feeds/feed.json?tag=" + tag));
        assertEquals("en", json.path("language").asText());
        assertTrue(json.path("next_url").isMissingNode(), "one page only");
        JsonNode first = json.path("items").get(0);
        assertEquals(articleId(id), first.path("id").asText());
        assertEquals(url, first.path("url").asText());
        assertEquals("Quantum <leap> & co", first.path("title").asText());
        assertEquals("Short & <sweet>", first.path("summary").asText());
        assertTrue(first.path("content_html").asText().contains("<strong>world</strong>"));
        assertEquals("https://images.example.com/2024/atom.jpg", first.path("image").asText());
        assertEquals(published.toString(), first.path("date_published").asText());
        assertNotNull(Instant.parse(first.path("date_modified").asText()));
        assertEquals("Ada Lovelace", first.path("authors").get(0).path("name").asText());
        assertEquals(List.of("Science & Tech", tag, "Physics"), FeedClient.MAPPER.convertValue(first.path("tags"), List.class));
    }

    @Test
    void shouldKeepAnEntrysIdWhenItsSlugChanges() {
        String tag = unique("renamed");
        JsonPath created = article().tags(tag).create();
        long id = created.getLong("id");
        SyndFeed before = FeedClient.atom(params("tag", tag));
        JsonNode jsonBefore = FeedClient.json(params("tag", tag));

        String newSlug = unique("new-slug");
        asAdmin().contentType("application/merge-patch+json").body(Map.of("slug", newSlug))
                .patch("/api/v1/articles/" + created.getString("slug")).then().statusCode(200);

        SyndFeed after = FeedClient.atom(params("tag", tag));
        assertEquals(FeedClient.uris(before), FeedClient.uris(after), "the entry keeps its id");
        assertEquals(List.of(articleId(id)), FeedClient.uris(after));
        assertTrue(after.getEntries().get(0).getLink().endsWith("/" + newSlug), "the link follows the new slug");
        assertEquals(FeedClient.ids(jsonBefore), FeedClient.ids(FeedClient.json(params("tag", tag))));
        assertEquals(List.of(articleId(id)), FeedClient.uris(FeedClient.rss(params("tag", tag))));
    }

    @Test
    void shouldMakeMediaLibraryUrlsAbsoluteAgainstTheApiAndSiteLinksAgainstTheFrontEnd() {
        String tag = unique("media");
        long media = asAdmin().contentType("image/png").body(Images.png(640, 480, System.nanoTime())).post("/api/v1/media")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String fileUrl = asAdmin()
                .get("/api/v1/media/" + media).then().statusCode(200).extract().path("url");
        assertTrue(fileUrl.startsWith("/api/v1/media/files/"), fileUrl);
        article().tags(tag).with("coverImage", Map.of("mediaId", media, "alt", "A chart"))
                .body("![A chart](media:" + media + ")\n\nSee [the archive](/archive/2024) and [elsewhere](https://example.org/x).").create();
        String api = "https://api.newsdesk.test"; // the test profile's CMS_PUBLIC_API_URL

        SyndEntry rss = FeedClient.rss(params("tag", tag)).getEntries().get(0);
        assertEquals(api + fileUrl, rss.getEnclosures().get(0).getUrl());
        assertEquals("image/png", rss.getEnclosures().get(0).getType());
        String html = rss.getContents().get(0).getValue();
        assertTrue(html.contains("src=\"" + api + "/api/v1/media/files/"), html);
        assertFalse(html.contains("\"/api/v1/media/files/") || html.contains(" /api/v1/media/files/"), "no root-relative media URL left: " + html);
        assertTrue(html.contains("href=\"" + publicUrls.home() + "archive/2024\""), html);
        assertTrue(html.contains("href=\"https://example.org/x\""), html);

        SyndEntry atom = FeedClient.atom(params("tag", tag)).getEntries().get(0);
        assertEquals(api + fileUrl, atom.getEnclosures().get(0).getUrl());
        assertTrue(atom.getContents().get(0).getValue().contains("src=\"" + api + "/api/v1/media/files/"));

        JsonNode item = FeedClient.json(params("tag", tag)).path("items").get(0);
        assertEquals(api + fileUrl, item.path("image").asText());
        assertTrue(item.path("content_html").asText().contains("src=\"" + api + "/api/v1/media/files/"));
    }

    @Test
    void shouldWriteWellFormedFeedsWhateverATitleHolds() {
        String tag = unique("hostile");
        String hostile = "Bad\u0001\u0008 <script>alert(1)</script> & \"co\" ]]> \uFFFE\u0019end";
        String clean = "Bad <script>alert(1)</script> & \"co\" ]]> end";
        long id = article().title(hostile).tags(tag).with("excerpt", "Ex\u000Bcerpt <b>&amp;</b>").with("authorName", "Eve\u0007 Mallory")
                .body("Body\u0002 with <script>alert(2)</script> text.").create().getLong("id");

        for (String route : List.of(FeedClient.RSS, FeedClient.ATOM)) {
            byte[] raw = FeedClient.get(route, params("tag", tag)).asByteArray();
            String text = new String(raw, StandardCharsets.UTF_8);
            assertTrue(text.chars().noneMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF),
                    route + " carries no character XML forbids");
            assertFalse(text.contains("<script>"), route + " escapes markup");
            SyndFeed feed = FeedClient.parse(raw);
            SyndEntry entry = feed.getEntries().get(0);
            assertEquals(articleId(id), entry.getUri());
            assertEquals(clean, entry.getTitle(), route);
            assertEquals("Eve Mallory", entry.getAuthor(), route);
            assertFalse(entry.getContents().get(0).getValue().contains("<script"), "the body is sanitized: " + route);
        }
        JsonNode json = FeedClient.json(params("tag", tag));
        assertEquals(clean, json.path("items").get(0).path("title").asText());
        assertEquals("Excerpt <b>&amp;</b>", json.path("items").get(0).path("summary").asText());
    }

    @Test
    void shouldAnswerEachFeedInItsOwnTypeWhateverTheAcceptHeader() {
        for (String accept : List.of("application/json", "text/html", "application/xml")) {
            given().header("Accept", accept).get(FeedClient.RSS).then().statusCode(200)
                    .contentType("application/rss+xml;charset=utf-8");
            given().header("Accept", accept).get(FeedClient.ATOM).then().statusCode(200)
                    .contentType("application/atom+xml;charset=utf-8");
            given().header("Accept", accept).get(FeedClient.JSON).then().statusCode(200)
                    .contentType("application/feed+json;charset=utf-8");
        }
        given().head(FeedClient.RSS).then().statusCode(200).contentType("application/rss+xml;charset=utf-8");
    }

    @Test
    void shouldParseTheWholeSiteFeedNewestFirst() {
        article().tags(unique("site")).create();
        for (SyndFeed feed : List.of(FeedClient.rss(Map.of()), FeedClient.atom(Map.of()))) {
            assertEquals("Newsdesk", feed.getTitle());
            assertFalse(feed.getEntries().isEmpty());
            List<Date> dates = feed.getEntries().stream().map(SyndEntry::getPublishedDate).toList();
            for (int i = 1; i < dates.size(); i++) {
                assertFalse(dates.get(i).after(dates.get(i - 1)), "newest first");
            }
            assertTrue(feed.getEntries().size() <= 20, "20 entries by default");
        }
        JsonNode json = FeedClient.json(Map.of());
        assertNull(json.get("errors"));
        assertTrue(json.path("items").size() <= 20);
    }
}
