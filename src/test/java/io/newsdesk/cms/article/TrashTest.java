package io.newsdesk.cms.article;

import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.newsdesk.cms.common.persistence.TrashPurge;
import io.newsdesk.cms.support.Comments;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Deleting moves an article to the trash, from which it comes back whole, until it is removed for good. */
@QuarkusTest
class TrashTest {

    private static final String ARTICLES = "/api/v1/articles";

    @Inject
    TrashPurge purge;

    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void shouldHideATrashedArticleFromEveryPublicReadAndBringItBackWhole() {
        String tag = unique("trash");
        String other = article().title("The other story").tags(tag).createSlug();
        String slug = article().title("Trashed then restored").tags(tag).createSlug();
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("articleSlug", other))).put(ARTICLES + "/" + slug + "/related")
                .then().statusCode(200);
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("articleSlug", slug))).put(ARTICLES + "/" + other + "/related")
                .then().statusCode(200);
        long comment = Comments.comment(slug).approved();

        asAdmin().delete(ARTICLES + "/" + slug).then().statusCode(204);

        given().get(ARTICLES + "/" + slug).then().statusCode(404);
        given().queryParam("tag", tag).get(ARTICLES).then().body("items.slug", contains(other));
        given().queryParam("tag", tag).get("/api/v1/feeds/feed.json").then().body("items.title", not(hasItem("Trashed then restored")));
        given().get(ARTICLES + "/" + other + "/related").then().body("items.article.slug", not(hasItem(slug)));
        given().queryParam("q", "\"Trashed then restored\"").get(ARTICLES).then().body("items.size()", equalTo(0));
        asAdmin().get(ARTICLES + "/" + slug).then().statusCode(200).body("status", equalTo("trashed"));
        asAdmin().queryParam("status", "trashed").queryParam("tag", tag).get(ARTICLES).then().body("items.slug", contains(slug));
        asAdmin().queryParam("status", "all").queryParam("tag", tag).get(ARTICLES).then().body("items.slug", contains(other));
        // Its slug stays taken, and it cannot be edited while it is in the trash.
        asAdmin().contentType(ContentType.JSON).body(Map.of("title", "Squatter", "slug", slug)).post(ARTICLES).then().statusCode(409);
        asAdmin().contentType("application/merge-patch+json").body(Map.of("title", "x")).patch(ARTICLES + "/" + slug).then().statusCode(409);

        asAdmin().post(ARTICLES + "/" + slug + "/restore").then().statusCode(200).body("status", equalTo("published"))
                .body("title", equalTo("Trashed then restored"));
        given().get(ARTICLES + "/" + slug).then().statusCode(200).body("commentCount", equalTo(1));
        given().get(ARTICLES + "/" + slug + "/comments").then().body("items.id", hasItem((int) comment));
        given().get(ARTICLES + "/" + slug + "/related").then().body("items.findAll { it.source == 'curated' }.article.slug", contains(other));
        asAdmin().get(ARTICLES + "/" + slug + "/revisions").then().body("items.reason", contains("untrash", "trash", "related", "create"));
        asAdmin().post(ARTICLES + "/" + slug + "/restore").then().statusCode(409);
    }

    @Test
    void shouldLetOnlyAdminsRemoveForGoodAndOnlyEditorsRestore() {
        String slug = article().title("Gone for good").createSlug();
        String editor = token("editor");
        as(editor).queryParam("permanent", "true").delete(ARTICLES + "/" + slug).then().statusCode(403);
        as(editor).delete(ARTICLES + "/" + slug).then().statusCode(204);
        as(token("author")).post(ARTICLES + "/" + slug + "/restore").then().statusCode(403);
        asAdmin().queryParam("permanent", "maybe").delete(ARTICLES + "/" + slug).then().statusCode(400);
        asAdmin().queryParam("permanent", "true").delete(ARTICLES + "/" + slug).then().statusCode(204);
        asAdmin().get(ARTICLES + "/" + slug).then().statusCode(404);
        asAdmin().contentType(ContentType.JSON).body(Map.of("title", "New life", "slug", slug)).post(ARTICLES).then().statusCode(201);
    }

    @Test
    void shouldRemoveWhatHasBeenInTheTrashLongerThanItsRetention() {
        String old = article().title("Long in the trash").createSlug();
        String recent = article().title("Just trashed").createSlug();
        asAdmin().delete(ARTICLES + "/" + old).then().statusCode(204);
        asAdmin().delete(ARTICLES + "/" + recent).then().statusCode(204);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update article set trashed_at = now() - interval '31 days' where slug = :slug")
                .setParameter("slug", old).executeUpdate());

        purge.purge(Instant.now().minusSeconds(30L * 24 * 3600));
        asAdmin().get(ARTICLES + "/" + old).then().statusCode(404);
        asAdmin().get(ARTICLES + "/" + recent).then().statusCode(200).body("status", equalTo("trashed"));
    }
}
