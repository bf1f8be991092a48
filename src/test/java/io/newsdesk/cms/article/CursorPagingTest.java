package io.newsdesk.cms.article;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Feeds page by opaque cursor: newest first, no totals, stable while new articles are published. */
@QuarkusTest
class CursorPagingTest {

    @Test
    void shouldWalkTheWholeFeedByCursorWithoutTotals() {
        String tag = unique("feed");
        List<String> newestFirst = publish(tag, 5);

        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Response page = given().queryParam("tag", tag).queryParam("size", 2).queryParam("cursor", cursor).get("/api/v1/articles");
            page.then().statusCode(200)
                    .body("$", not(hasKey("totalItems")))
                    .body("$", not(hasKey("page")))
                    .header("X-Total-Count", nullValue());
            seen.addAll(page.jsonPath().getList("items.slug"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(newestFirst, seen);
        assertEquals(3, pages);
    }

    @Test
    void shouldNotRepeatOrLoseItemsWhenAnArticleIsPublishedBetweenPages() {
        String tag = unique("feed");
        List<String> newestFirst = publish(tag, 4);
        Response first = given().queryParam("tag", tag).queryParam("size", 2).queryParam("cursor", "").get("/api/v1/articles");
        first.then().header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""));
        String cursor = first.jsonPath().getString("nextCursor");

        article().tags(tag).create(); // published now: newer than everything on the pages already read

        List<String> rest = given().queryParam("tag", tag).queryParam("size", 10).queryParam("cursor", cursor).get("/api/v1/articles")
                .then().statusCode(200).body("nextCursor", nullValue()).extract().jsonPath().getList("items.slug");
        List<String> all = new ArrayList<>(first.jsonPath().getList("items.slug"));
        all.addAll(rest);
        assertEquals(newestFirst, all);
    }

    @Test
    void shouldRefuseAForgedOrForeignCursorAsAProblem() {
        String tag = unique("feed");
        publish(tag, 3);
        String cursor = given().queryParam("tag", tag).queryParam("size", 1).queryParam("cursor", "").get("/api/v1/articles")
                .then().statusCode(200).body("nextCursor", notNullValue()).extract().jsonPath().getString("nextCursor");

        for (String forged : List.of("garbage", cursor.substring(0, cursor.length() - 2) + "xx", "AAAA.BBBB", cursor + "x")) {
            given().queryParam("tag", tag).queryParam("cursor", forged).get("/api/v1/articles")
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        }
        given().queryParam("tag", unique("other")).queryParam("cursor", cursor).get("/api/v1/articles")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void shouldKeepCursorPagesInTheDefaultOrder() {
        given().queryParam("cursor", "").queryParam("sort", "title").get("/api/v1/articles")
                .then().statusCode(400).body("errors[0].field", equalTo("sort"));
        given().queryParam("cursor", "").queryParam("page", "2").get("/api/v1/articles")
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
        given().queryParam("cursor", "").queryParam("sort", "-publishedAt").get("/api/v1/articles").then().statusCode(200);
    }

    @Test
    void shouldPageAnEditorsDraftsByCursorToo() {
        String tag = unique("drafts");
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slugs.add(article().tags(tag).draft().with("publishedAt", null).createSlug());
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int pages = 0; cursor != null && pages < 10; pages++) {
            Response page = asAdmin()
                    .queryParam("tag", tag).queryParam("status", "draft").queryParam("size", 2).queryParam("cursor", cursor)
                    .get("/api/v1/articles");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.slug"));
            cursor = page.jsonPath().getString("nextCursor");
        }
        List<String> newestFirst = new ArrayList<>(slugs);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
    }

    /** Published articles an hour apart, answered newest first. */
    private static List<String> publish(String tag, int count) {
        List<String> slugs = new ArrayList<>();
        Instant base = Instant.now().minusSeconds(3600L * (count + 2));
        for (int i = 0; i < count; i++) {
            slugs.add(0, article().tags(tag).publishedAt(base.plusSeconds(3600L * i)).createSlug());
        }
        return slugs;
    }
}
