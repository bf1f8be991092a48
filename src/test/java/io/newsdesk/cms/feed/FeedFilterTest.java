package io.newsdesk.cms.feed;

import static io.newsdesk.cms.feed.FeedClient.articleId;
import static io.newsdesk.cms.feed.FeedClient.params;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.newsdesk.cms.common.web.PublicUrls;
import io.quarkus.test.junit.QuarkusTest;

/** Which articles a feed holds: public ones only, narrowed by category (with its subcategories), tag and author. */
@QuarkusTest
class FeedFilterTest {

    @Inject
    PublicUrls publicUrls;

    @Test
    void shouldListPublicArticlesOnly() {
        String tag = unique("visible");
        long published = article().tags(tag).create().getLong("id");
        article().tags(tag).draft().create();
        article().tags(tag).publishedAt(Instant.now().plusSeconds(3600)).create();
        article().tags(tag).archived().create();
        String trashed = article().tags(tag).createSlug();
        asAdmin().delete("/api/v1/articles/" + trashed).then().statusCode(204);

        assertEquals(List.of(articleId(published)), FeedClient.uris(FeedClient.rss(params("tag", tag))));
        assertEquals(List.of(articleId(published)), FeedClient.uris(FeedClient.atom(params("tag", tag))));
        assertEquals(List.of(articleId(published)), FeedClient.ids(FeedClient.json(params("tag", tag))));
    }

    @Test
    void shouldNeverShowDraftsEvenToAnEditor() {
        String tag = unique("editor");
        long published = article().tags(tag).create().getLong("id");
        article().tags(tag).draft().create();
        byte[] raw = asAdmin().queryParam("tag", tag)
                .get(FeedClient.ATOM).then().statusCode(200).header("Cache-Control", "private, no-store").extract().asByteArray();
        assertEquals(List.of(articleId(published)), FeedClient.uris(FeedClient.parse(raw)));
    }

    @Test
    void shouldNarrowToACategoryAndItsSubcategories() {
        String section = category().name("Politics").createSlug();
        String sub = category().parent(section).createSlug();
        String other = category().createSlug();
        long inSection = article().category(section).publishedAt(Instant.now().minusSeconds(300)).create().getLong("id");
        long inSub = article().category(sub).publishedAt(Instant.now().minusSeconds(200)).create().getLong("id");
        article().category(other).create();

        var rss = FeedClient.rss(params("category", section));
        assertEquals(List.of(articleId(inSub), articleId(inSection)), FeedClient.uris(rss));
        assertEquals("Newsdesk: Politics", rss.getTitle());
        assertEquals(publicUrls.category(section), rss.getLink());
        assertEquals(List.of(articleId(inSub)), FeedClient.uris(FeedClient.atom(params("category", sub))));
        assertEquals(List.of(articleId(inSub), articleId(inSection)), FeedClient.ids(FeedClient.json(params("category", section))));
        assertEquals(publicUrls.category(section), FeedClient.json(params("category", section)).path("home_page_url").asText());
    }

    @Test
    void shouldMatchATagIgnoringCase() {
        String tag = unique("Climate");
        long id = article().tags(tag).create().getLong("id");
        article().tags(unique("other")).create();
        assertEquals(List.of(articleId(id)), FeedClient.uris(FeedClient.atom(params("tag", tag.toUpperCase()))));
        assertEquals(List.of(articleId(id)), FeedClient.ids(FeedClient.json(params("tag", tag.toLowerCase()))));
    }

    @Test
    void shouldNarrowToOneAuthorIgnoringCaseAndCombineFilters() {
        String author = "Reporter " + unique("byline");
        String tag = unique("bylined");
        String section = category().createSlug();
        long first = article().tags(tag).with("authorName", author).publishedAt(Instant.now().minusSeconds(500)).create().getLong("id");
        long second = article().category(section).with("authorName", author).publishedAt(Instant.now().minusSeconds(400)).create().getLong("id");
        article().tags(tag).with("authorName", "Someone Else").create();
        article().category(section).create();

        var atom = FeedClient.atom(params("author", author.toLowerCase()));
        assertEquals(List.of(articleId(second), articleId(first)), FeedClient.uris(atom));
        assertEquals("Newsdesk: by " + author.toLowerCase(), atom.getTitle());
        assertEquals(List.of(articleId(first)), FeedClient.uris(FeedClient.rss(params("author", author, "tag", tag))));
        assertEquals(List.of(articleId(second)), FeedClient.ids(FeedClient.json(params("author", author.toUpperCase(), "category", section))));
        assertEquals(List.of(), FeedClient.ids(FeedClient.json(params("author", "Nobody " + unique("none")))));
    }

    @Test
    void shouldAnswerAnUnknownCategoryWith404AndAnOldSlugWithARedirect() {
        for (String route : List.of(FeedClient.RSS, FeedClient.ATOM, FeedClient.JSON)) {
            given().queryParam("category", unique("missing")).get(route).then().statusCode(404)
                    .contentType("application/problem+json").body("status", equalTo(404));
        }
        String old = category().createSlug();
        String current = unique("moved");
        asAdmin().contentType("application/merge-patch+json").body(Map.of("slug", current)).patch("/api/v1/categories/" + old)
                .then().statusCode(200);
        given().redirects().follow(false).queryParam("category", old).queryParam("size", 5).queryParam("cursor", "x")
                .get(FeedClient.RSS).then().statusCode(301).contentType("application/problem+json")
                .header("Location", containsString("/api/v1/feeds/rss.xml?"))
                .header("Location", containsString("category=" + current))
                .header("Location", containsString("size=5"))
                .header("Location", not(containsString("cursor")));
    }

    @Test
    void shouldRefuseBadParametersWithAProblem() {
        for (String route : List.of(FeedClient.RSS, FeedClient.ATOM, FeedClient.JSON)) {
            for (String size : List.of("0", "101", "-1", "abc", "1.5")) {
                given().queryParam("size", size).get(route).then().statusCode(400).contentType("application/problem+json")
                        .body("errors[0].field", equalTo("size"));
            }
            given().queryParam("size", "100").get(route).then().statusCode(200);
            given().queryParam("size", "1").get(route).then().statusCode(200);
            given().queryParam("cursor", "forged.cursor").get(route).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
            given().queryParam("category", "Not A Slug").get(route).then().statusCode(400).body("errors[0].field", equalTo("category"));
            given().queryParam("author", "x".repeat(201)).get(route).then().statusCode(400).body("errors[0].field", equalTo("author"));
            given().queryParam("author", "a\u0001b").get(route).then().statusCode(400).body("errors[0].field", equalTo("author"));
            given().queryParam("tag", "t".repeat(51)).get(route).then().statusCode(400).body("errors[0].field", equalTo("tag"));
        }
    }

    @Test
    void shouldRefuseACursorFromAnotherFeed() {
        String tag = unique("bound");
        article().tags(tag).create();
        article().tags(tag).create();
        String next = FeedClient.json(params("tag", tag, "size", 1)).path("next_url").asText();
        String cursor = next.substring(next.indexOf("cursor=") + "cursor=".length());
        given().urlEncodingEnabled(false).get(FeedClient.JSON + "?tag=" + unique("elsewhere") + "&size=1&cursor=" + cursor)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().urlEncodingEnabled(false).get(FeedClient.JSON + "?tag=" + tag + "&author=someone&size=1&cursor=" + cursor)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        assertTrue(cursor.length() > 10);
    }
}
