package io.newsdesk.cms.common.web;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Every GET answers a validator; a client holding the current one gets 304, and a change gives a new one. */
@QuarkusTest
class ConditionalGetTest {

    @Test
    void shouldAnswer304ForTheCurrentArticleETagAndANewTagAfterAnEdit() {
        String slug = article().createSlug();
        Response first = given().get("/api/v1/articles/" + slug);
        first.then().statusCode(200).header("ETag", notNullValue()).header("Last-Modified", notNullValue());
        String etag = first.header("ETag");

        given().header("If-None-Match", etag).get("/api/v1/articles/" + slug)
                .then().statusCode(304).body(emptyOrNullString())
                .header("ETag", equalTo(etag))
                .header("Cache-Control", startsWith("public"));
        given().header("If-None-Match", "W/" + etag).get("/api/v1/articles/" + slug).then().statusCode(304);
        given().header("If-Modified-Since", first.header("Last-Modified")).get("/api/v1/articles/" + slug).then().statusCode(304);

        asAdmin().contentType("application/merge-patch+json").body(Map.of("title", "Edited " + slug))
                .patch("/api/v1/articles/" + slug).then().statusCode(200);

        Response after = given().header("If-None-Match", etag).get("/api/v1/articles/" + slug);
        after.then().statusCode(200).body("title", equalTo("Edited " + slug));
        assertNotEquals(etag, after.header("ETag"));
    }

    @Test
    void shouldChangeTheArticleETagWhenItsBreadcrumbIsRenamed() {
        String parent = category().createSlug();
        String child = category().parent(parent).createSlug();
        String slug = article().category(child).createSlug();
        String etag = given().get("/api/v1/articles/" + slug).header("ETag");

        asAdmin().contentType("application/merge-patch+json").body(Map.of("name", "Renamed section"))
                .patch("/api/v1/categories/" + parent).then().statusCode(200);

        given().header("If-None-Match", etag).get("/api/v1/articles/" + slug)
                .then().statusCode(200).body("category.path[0].name", equalTo("Renamed section"));
    }

    @Test
    void shouldGiveListsAnETagThatChangesWhenTheListDoes() {
        String tag = io.newsdesk.cms.support.Fixtures.unique("tag");
        article().tags(tag).create();
        Response first = given().queryParam("tag", tag).get("/api/v1/articles");
        first.then().statusCode(200).header("ETag", notNullValue());
        given().queryParam("tag", tag).header("If-None-Match", first.header("ETag")).get("/api/v1/articles")
                .then().statusCode(304).body(emptyOrNullString());

        article().tags(tag).create();

        given().queryParam("tag", tag).header("If-None-Match", first.header("ETag")).get("/api/v1/articles")
                .then().statusCode(200).body("totalItems", equalTo(2));
    }

    @Test
    void shouldAcceptTheETagOfAnAnonymousReadInAnEditorsIfMatch() {
        String slug = article().createSlug();
        String etag = given().get("/api/v1/articles/" + slug).header("ETag");
        String editorEtag = asAdmin().get("/api/v1/articles/" + slug)
                .then().statusCode(200).header("Cache-Control", "private, no-store").extract().header("ETag");

        asAdmin().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("title", "Kept", "status", "published", "publishedAt", Instant.now().minusSeconds(60).toString()))
                .put("/api/v1/articles/" + slug).then().statusCode(200).header("ETag", not(equalTo(editorEtag)));
        org.junit.jupiter.api.Assertions.assertEquals(etag, editorEtag, "one tag for every caller, so If-Match works after any read");
    }

    @Test
    void shouldIgnoreAnUnparseableIfModifiedSince() {
        String slug = article().createSlug();
        given().header("If-Modified-Since", "yesterday").get("/api/v1/articles/" + slug).then().statusCode(200);
    }
}
