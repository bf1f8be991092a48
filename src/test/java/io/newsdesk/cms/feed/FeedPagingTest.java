package io.newsdesk.cms.feed;

import static io.newsdesk.cms.feed.FeedClient.articleId;
import static io.newsdesk.cms.feed.FeedClient.params;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndFeed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Older entries page by cursor through each feed's next link, to the end, never repeating one. */
@QuarkusTest
class FeedPagingTest {

    @Test
    void shouldWalkTheRssFeedToTheEnd() {
        String tag = unique("rss-pages");
        List<String> newestFirst = publish(tag, 5);
        String first = url(FeedClient.RSS, tag, 2);
        List<String> pages = new ArrayList<>();
        List<String> all = FeedClient.walk(first, url -> {
            pages.add(url);
            byte[] raw = FeedClient.raw(url);
            return new FeedClient.PageOf(FeedClient.uris(FeedClient.parse(raw)), FeedClient.link(raw, "next"));
        }, 10);
        assertEquals(newestFirst, all);
        assertEquals(3, pages.size());
        byte[] second = FeedClient.raw(pages.get(1));
        assertEquals(pages.get(1), FeedClient.link(second, "self"));
        assertEquals(first, FeedClient.link(second, "first"), "an older page links back to the feed itself");
        assertNull(FeedClient.link(FeedClient.raw(first), "first"));
    }

    @Test
    void shouldWalkTheAtomFeedToTheEnd() {
        String tag = unique("atom-pages");
        List<String> newestFirst = publish(tag, 5);
        List<String> all = FeedClient.walk(url(FeedClient.ATOM, tag, 2), url -> {
            SyndFeed feed = FeedClient.xml(url);
            assertEquals(url, FeedClient.link(feed, "self"));
            return new FeedClient.PageOf(FeedClient.uris(feed), FeedClient.link(feed, "next"));
        }, 10);
        assertEquals(newestFirst, all);
    }

    @Test
    void shouldWalkTheJsonFeedToTheEnd() {
        String tag = unique("json-pages");
        List<String> newestFirst = publish(tag, 5);
        String first = url(FeedClient.JSON, tag, 2);
        List<String> all = FeedClient.walk(first, url -> {
            JsonNode feed = FeedClient.json(url);
            assertEquals(first, feed.path("feed_url").asText(), "every page names the feed itself");
            return new FeedClient.PageOf(FeedClient.ids(feed), feed.hasNonNull("next_url") ? feed.path("next_url").asText() : null);
        }, 10);
        assertEquals(newestFirst, all);
    }

    @Test
    void shouldNeitherRepeatNorLoseEntriesWhenAStoryIsPublishedBetweenPages() {
        String tag = unique("between");
        List<String> newestFirst = publish(tag, 4);
        JsonNode first = FeedClient.json(params("tag", tag, "size", 2));
        String next = first.path("next_url").asText();

        article().tags(tag).create(); // newer than everything already read

        List<String> all = new ArrayList<>(FeedClient.ids(first));
        all.addAll(FeedClient.walk(next, url -> {
            JsonNode feed = FeedClient.json(url);
            return new FeedClient.PageOf(FeedClient.ids(feed), feed.hasNonNull("next_url") ? feed.path("next_url").asText() : null);
        }, 10));
        assertEquals(newestFirst, all);
    }

    @Test
    void shouldHoldTwentyEntriesUnlessAsked() {
        String tag = unique("twenty");
        for (int i = 0; i < 21; i++) {
            article().tags(tag).publishedAt(Instant.now().minusSeconds(60L * (i + 1))).create();
        }
        JsonNode first = FeedClient.json(params("tag", tag));
        assertEquals(20, first.path("items").size());
        assertNotNull(first.get("next_url"));
        assertEquals(1, FeedClient.json(first.path("next_url").asText()).path("items").size());
        assertEquals(21, FeedClient.atom(params("tag", tag, "size", 100)).getEntries().size());
        assertTrue(given().queryParam("tag", tag).get(FeedClient.RSS).asString().contains("rel=\"next\""));
    }

    /** The feed's first page URL as its own links give it. */
    private static String url(String route, String tag, int size) {
        return "https://api.newsdesk.test" + route + "?tag=" + tag + "&size=" + size;
    }

    /** Published articles an hour apart, as entry ids newest first. */
    private static List<String> publish(String tag, int count) {
        List<String> ids = new ArrayList<>();
        Instant base = Instant.now().minusSeconds(3600L * (count + 2));
        for (int i = 0; i < count; i++) {
            ids.add(0, articleId(article().tags(tag).publishedAt(base.plusSeconds(3600L * i)).create().getLong("id")));
        }
        return ids;
    }
}
