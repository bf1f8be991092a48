package io.newsdesk.cms.feed;

import static io.newsdesk.cms.feed.FeedClient.articleId;
import static io.newsdesk.cms.feed.FeedClient.params;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;

/** Conditional requests, and feeds kept in memory and dropped as soon as what they list changes. */
@QuarkusTest
class FeedCachingTest {

    private static final List<String> ROUTES = List.of(FeedClient.RSS, FeedClient.ATOM, FeedClient.JSON);

    @Test
    void shouldAnswer304ToAReaderThatHoldsTheCurrentFeed() {
        String tag = unique("conditional");
        Instant published = Instant.parse("2024-03-01T10:00:00Z");
        article().tags(tag).publishedAt(published).create();
        for (String route : ROUTES) {
            Response first = FeedClient.get(route, params("tag", tag));
            String etag = first.header("ETag");
            String lastModified = first.header("Last-Modified");
            assertTrue(etag != null && !etag.isBlank(), route);
            assertTrue(lastModified != null && !lastModified.isBlank(), route);

            given().header("Accept", FeedClient.READER_ACCEPT).header("If-None-Match", etag).queryParam("tag", tag).get(route)
                    .then().statusCode(304).body(emptyString()).header("ETag", etag);
            given().header("If-Modified-Since", lastModified).queryParam("tag", tag).get(route).then().statusCode(304);
            given().header("If-None-Match", "\"stale\"").queryParam("tag", tag).get(route).then().statusCode(200);
            given().header("If-Modified-Since", http(Instant.parse("2024-01-01T00:00:00Z"))).queryParam("tag", tag).get(route)
                    .then().statusCode(200);
        }
    }

    @Test
    void shouldGiveTheNewestChangeAsLastModifiedAndNoneForAnEmptyFeed() {
        String tag = unique("modified");
        article().tags(tag).publishedAt(Instant.now().minusSeconds(7200)).create();
        String newest = article().tags(tag).publishedAt(Instant.now().minusSeconds(3600)).create().getString("updatedAt");
        Instant updated = Instant.parse(newest);
        for (String route : ROUTES) {
            FeedClient.get(route, params("tag", tag)).then().header("Last-Modified", http(updated));
            FeedClient.get(route, params("tag", unique("empty"))).then().header("Last-Modified", nullValue()).header("ETag", notNullValue());
        }
    }

    @Test
    void shouldServeAReaderFromMemoryWithTheFeedsOwnType() {
        String tag = unique("kept");
        long id = article().tags(tag).create().getLong("id");
        for (String route : ROUTES) {
            Response first = FeedClient.get(route, params("tag", tag));
            Response again = FeedClient.get(route, params("tag", tag));
            again.then().header("X-Cache", "hit");
            assertEquals(first.contentType(), again.contentType());
            assertTrue(again.contentType().contains("charset=utf-8"), again.contentType());
            assertEquals(first.header("ETag"), again.header("ETag"));
            assertEquals(first.header("Last-Modified"), again.header("Last-Modified"));
            assertArrayEquals(first.asByteArray(), again.asByteArray());
            again.then().header("Surrogate-Key", containsString("article-" + id))
                    .header("Surrogate-Key", containsString("articles-tag-" + tag.toLowerCase()))
                    .header("Cache-Control", containsString("public"));
            given().header("Accept", FeedClient.READER_ACCEPT).header("If-None-Match", first.header("ETag")).queryParam("tag", tag)
                    .get(route).then().statusCode(304).header("X-Cache", "hit");
        }
    }

    @Test
    void shouldDropAKeptFeedWhenAStoryIsPublishedEditedOrWithdrawn() {
        String tag = unique("fresh");
        String slug = article().tags(tag).title("The first story").createSlug();
        for (String route : ROUTES) {
            FeedClient.get(route, params("tag", tag));
            FeedClient.get(route, params("tag", tag)).then().header("X-Cache", "hit");
        }

        long second = article().tags(tag).title("A second story").create().getLong("id");
        assertTrue(FeedClient.uris(FeedClient.rss(params("tag", tag))).contains(articleId(second)));
        assertTrue(FeedClient.uris(FeedClient.atom(params("tag", tag))).contains(articleId(second)));
        assertTrue(FeedClient.ids(FeedClient.json(params("tag", tag))).contains(articleId(second)));

        asAdmin().contentType("application/merge-patch+json").body(Map.of("title", "The first story, corrected"))
                .patch("/api/v1/articles/" + slug).then().statusCode(200);
        assertTrue(FeedClient.rss(params("tag", tag)).getEntries().stream().anyMatch(e -> e.getTitle().equals("The first story, corrected")));
        assertTrue(FeedClient.json(params("tag", tag)).toString().contains("The first story, corrected"));

        asAdmin().contentType("application/merge-patch+json").body(Map.of("status", "draft")).patch("/api/v1/articles/" + slug)
                .then().statusCode(200);
        assertEquals(List.of(articleId(second)), FeedClient.uris(FeedClient.atom(params("tag", tag))));
        assertEquals(List.of(articleId(second)), FeedClient.ids(FeedClient.json(params("tag", tag))));
    }

    @Test
    void shouldShowAStoryInItsNewAuthorsKeptFeedAtOnce() {
        String author = "Reporter " + unique("byline");
        String slug = article().with("authorName", "Desk " + unique("desk")).createSlug();
        long id = article().with("authorName", author).create().getLong("id");
        FeedClient.json(params("author", author));
        FeedClient.get(FeedClient.JSON, params("author", author)).then().header("X-Cache", "hit");

        asAdmin().contentType("application/merge-patch+json").body(Map.of("authorName", author)).patch("/api/v1/articles/" + slug)
                .then().statusCode(200);
        List<String> ids = FeedClient.ids(FeedClient.json(params("author", author)));
        assertEquals(2, ids.size(), "the story newly credited to the author is in the kept feed: " + ids);
        assertTrue(ids.contains(articleId(id)));
    }

    @Test
    void shouldDropTheWholeSiteFeedWhenAStoryIsPublished() {
        FeedClient.atom(Map.of());
        FeedClient.get(FeedClient.ATOM, Map.of()).then().header("X-Cache", "hit");
        long id = article().publishedAt(Instant.now().minusSeconds(1)).create().getLong("id");
        assertTrue(FeedClient.uris(FeedClient.atom(Map.of())).contains(articleId(id)), "the new story is in the kept feed at once");
    }

    @Test
    void shouldNeverTakeItsLinksFromTheHostHeader() {
        String tag = unique("hosts");
        article().tags(tag).create();
        byte[] forged = given().header("Host", "evil.example.test").queryParam("tag", tag).get(FeedClient.ATOM)
                .then().statusCode(200).extract().asByteArray();
        assertTrue(FeedClient.link(forged, "self").startsWith(FeedClient.PUBLIC_API + "/"), FeedClient.link(forged, "self"));
        assertTrue(!new String(forged, java.nio.charset.StandardCharsets.UTF_8).contains("evil.example.test"));

        Response here = FeedClient.get(FeedClient.ATOM, params("tag", tag));
        assertTrue(FeedClient.link(here.asByteArray(), "self").startsWith(FeedClient.PUBLIC_API + "/"), "the configured public origin");
        // The same feed by an odd path, which the router still matches: never another address's links either.
        String odd = "/api/v1//feeds/atom.xml?tag=" + tag;
        given().urlEncodingEnabled(false).header("Host", "evil.example.test").header("Accept", "*/*").get(odd).then().statusCode(200);
        byte[] mine = given().urlEncodingEnabled(false).header("Accept", "*/*").get(odd).then().statusCode(200).extract().asByteArray();
        assertTrue(!new String(mine, java.nio.charset.StandardCharsets.UTF_8).contains("evil.example.test"), "never another address's links");
    }

    @Test
    void shouldCarryTheFeedsTypeAndCharsetOnEveryAnswer() {
        given().get(FeedClient.RSS).then().statusCode(200).header("Content-Type", equalTo("application/rss+xml;charset=utf-8"))
                .header("X-Content-Type-Options", "nosniff");
        given().get(FeedClient.ATOM).then().statusCode(200).header("Content-Type", equalTo("application/atom+xml;charset=utf-8"));
        given().get(FeedClient.JSON).then().statusCode(200).header("Content-Type", equalTo("application/feed+json;charset=utf-8"));
    }

    private static String http(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    @Test
    void shouldCompressForAReaderThatAcceptsGzip() throws Exception {
        article().tags(unique("gzip")).create();
        for (String route : ROUTES) {
            Response answer = given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                    .header("Accept-Encoding", "gzip").get(route);
            assertEquals(200, answer.statusCode(), route);
            assertEquals("gzip", answer.header("Content-Encoding"), route);
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(answer.asByteArray()))) {
                assertTrue(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("urn:newsdesk:article:"), route);
            }
        }
    }
}
