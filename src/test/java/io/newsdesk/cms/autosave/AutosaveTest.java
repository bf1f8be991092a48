package io.newsdesk.cms.autosave;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** An editor's unsaved working copy: kept apart, read back, promoted or dropped. */
@QuarkusTest
class AutosaveTest {

    private static final String ARTICLES = "/api/v1/articles/";

    @Test
    void shouldKeepAWorkingCopyThatReadersNeverSeeAndThatIsNoRevision() {
        String slug = article().title("Election night").body("Polls close at ten.").createSlug();
        String autosave = ARTICLES + slug + "/autosave";
        asAdmin().contentType(ContentType.JSON).body(Map.of("title", "Election night: first results", "body", "Polls closed at te"))
                .put(autosave).then().statusCode(200).body("content.title", equalTo("Election night: first results"))
                .body("articleChangedSince", equalTo(false));

        given().get(ARTICLES + slug).then().statusCode(200).body("title", equalTo("Election night"));
        assertNull(given().get(ARTICLES + slug).header("Link"), "an anonymous reader is not told of it");
        asAdmin().get(ARTICLES + slug).then().header("Link", "</api/v1/articles/" + slug + "/autosave>; rel=\"working-copy\"");
        asAdmin().get(autosave).then().statusCode(200).body("content.body", equalTo("Polls closed at te"));
        asAdmin().get(ARTICLES + slug + "/revisions").then().body("items.number", contains(1));
        as(token("editor")).get(autosave).then().statusCode(404);
    }

    @Test
    void shouldPromoteTheCopyIntoARealWriteAndDropIt() {
        String slug = article().title("Storm update").body("Winds rising.").tags("weather").createSlug();
        String autosave = ARTICLES + slug + "/autosave";
        asAdmin().contentType(ContentType.JSON).body(Map.of("body", "Winds at 120 km/h.")).put(autosave).then().statusCode(200);

        asAdmin().post(autosave + "/promote").then().statusCode(200).body("body", equalTo("Winds at 120 km/h."))
                .body("title", equalTo("Storm update")).body("tags", contains("weather"));
        asAdmin().get(ARTICLES + slug + "/revisions").then().body("items[0].changed", contains("body"));
        asAdmin().get(autosave).then().statusCode(404);
        String link = asAdmin().get(ARTICLES + slug).header("Link");
        assertNull(link, "no working copy left");
    }

    @Test
    void shouldRefuseToPromoteACopyOfAnArticleChangedSinceAndKeepIt() {
        String slug = article().title("Budget vote").createSlug();
        String autosave = ARTICLES + slug + "/autosave";
        asAdmin().contentType(ContentType.JSON).body(Map.of("title", "Budget vote passes")).put(autosave).then().statusCode(200);
        asAdmin().contentType("application/merge-patch+json").body(Map.of("excerpt", "Another editor's change"))
                .patch(ARTICLES + slug).then().statusCode(200);

        asAdmin().get(autosave).then().body("articleChangedSince", equalTo(true));
        asAdmin().post(autosave + "/promote").then().statusCode(412);
        asAdmin().get(autosave).then().statusCode(200);
        String current = given().get(ARTICLES + slug).header("ETag");
        asAdmin().header("If-Match", current).post(autosave + "/promote").then().statusCode(200)
                .body("title", equalTo("Budget vote passes")).body("excerpt", equalTo("Another editor's change"));
    }

    @Test
    void shouldDropACopyAndLetAuthorsKeepCopiesOnlyOfTheirOwnDrafts() {
        String slug = article().title("Someone else's story").createSlug();
        String author = token("author");
        as(author).contentType(ContentType.JSON).body(Map.of("title", "x")).put(ARTICLES + slug + "/autosave").then().statusCode(403);
        String own = as(author).contentType(ContentType.JSON).body(article().title("My draft").draft().body())
                .post("/api/v1/articles").then().statusCode(201).extract().path("slug");
        as(author).contentType(ContentType.JSON).body(Map.of("title", "My draft, better")).put(ARTICLES + own + "/autosave")
                .then().statusCode(200);
        as(author).delete(ARTICLES + own + "/autosave").then().statusCode(204);
        as(author).delete(ARTICLES + own + "/autosave").then().statusCode(404);
        asAdmin().contentType(ContentType.JSON).body("[1, 2]").put(ARTICLES + own + "/autosave").then().statusCode(400);
        anonymous().contentType(ContentType.JSON).body(Map.of("title", "x"))
                .put(ARTICLES + own + "/autosave").then().statusCode(401);
        assertEquals("My draft", asAdmin().get(ARTICLES + own).then().body("title", not(equalTo("x"))).extract().path("title"));
    }
}
