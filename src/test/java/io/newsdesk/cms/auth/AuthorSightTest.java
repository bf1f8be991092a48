package io.newsdesk.cms.auth;

import static io.newsdesk.cms.auth.AuthApi.ARTICLES;
import static io.newsdesk.cms.auth.AuthApi.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.auth.AuthApi.assertForbidden;
import static io.newsdesk.cms.auth.AuthApi.assertNotFound;
import static io.newsdesk.cms.auth.AuthApi.createArticle;
import static io.newsdesk.cms.auth.AuthApi.issue;
import static io.newsdesk.cms.auth.AuthApi.readAs;
import static io.newsdesk.cms.support.Fixtures.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.newsdesk.cms.auth.AuthApi.Issued;
import io.newsdesk.cms.support.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Finding 2 of the security review: an author sees their own unpublished articles and no one else's, by
 * any read (one article, lists, search, related blocks, the page, the media library), and cannot take over
 * a slug that still redirects to another article. Editors see every state.
 */
@QuarkusTest
class AuthorSightTest {

    /** A newsroom: an editor's draft, scheduled and archived stories, an author's own draft, and a public story linking to all. */
    private record Newsroom(Issued author, Issued editor, String marker, String ownDraft, List<String> othersHidden, String published) {
    }

    private static Newsroom newsroom() {
        Issued author = issue("author");
        Issued editor = issue("editor");
        String marker = unique("sight");
        String draft = createArticle(editor, Map.of("title", marker + " editor draft")).getString("slug");
        String scheduled = createArticle(editor, Map.of("title", marker + " editor scheduled", "status", "published",
                "publishedAt", "2999-01-01T00:00:00Z")).getString("slug");
        String archived = createArticle(editor, Map.of("title", marker + " editor archived", "status", "archived")).getString("slug");
        String own = createArticle(author, Map.of("title", marker + " author draft")).getString("slug");
        String published = createArticle(editor, Map.of("title", marker + " public story", "status", "published")).getString("slug");
        as(editor).contentType(ContentType.JSON)
                .body(List.of(Map.of("articleSlug", draft), Map.of("articleSlug", scheduled), Map.of("articleSlug", archived),
                        Map.of("articleSlug", own)))
                .when().put(ARTICLES + "/" + published + "/related").then().statusCode(200);
        return new Newsroom(author, editor, marker, own, List.of(draft, scheduled, archived), published);
    }

    @Test
    void shouldShowAnAuthorOnlyTheirOwnUnpublishedArticles() {
        Newsroom room = newsroom();

        for (String hidden : room.othersHidden()) {
            assertNotFound(readAs(room.author(), hidden));
            readAs(room.editor(), hidden).then().statusCode(200);
        }
        readAs(room.author(), room.ownDraft()).then().statusCode(200).body("status", equalTo("draft"));

        for (String status : List.of("all", "draft", "scheduled", "archived")) {
            String authorList = as(room.author()).queryParam("status", status).queryParam("size", 100).queryParam("q", room.marker())
                    .when().get(ARTICLES).then().statusCode(200).extract().asString();
            String editorList = as(room.editor()).queryParam("status", status).queryParam("size", 100).queryParam("q", room.marker())
                    .when().get(ARTICLES).then().statusCode(200).extract().asString();
            for (String hidden : room.othersHidden()) {
                assertFalse(authorList.contains(hidden), "status=" + status + " shows an author " + hidden + ": " + authorList);
            }
            assertTrue(room.othersHidden().stream().anyMatch(editorList::contains), "status=" + status + " shows an editor their stories: " + editorList);
        }
        as(room.author()).queryParam("status", "draft").queryParam("q", room.marker()).when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", equalTo(List.of(room.ownDraft())));
        // a cursor page follows the same rule
        as(room.author()).queryParam("status", "all").queryParam("cursor", "").queryParam("size", 100).when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", not(hasItem(room.othersHidden().get(0))));
    }

    @Test
    void shouldLeaveOtherWritersHiddenArticlesOutOfWhatAnAuthorReadsAroundAStory() {
        Newsroom room = newsroom();

        List<String> related = as(room.author()).when().get(ARTICLES + "/" + room.published() + "/related")
                .then().statusCode(200).extract().jsonPath().getList("items.article.slug");
        assertEquals(List.of(room.ownDraft()), related.stream().filter(s -> s != null && s.contains(room.marker())).toList());
        List<String> editorSees = as(room.editor()).when().get(ARTICLES + "/" + room.published() + "/related")
                .then().statusCode(200).extract().jsonPath().getList("items.article.slug");
        assertTrue(editorSees.containsAll(room.othersHidden()), "an editor sees every curated link: " + editorSees);

        String page = as(room.author()).queryParam("include", "related").when().get(ARTICLES + "/" + room.published())
                .then().statusCode(200).extract().asString();
        String list = as(room.author()).queryParam("include", "related").queryParam("q", room.marker()).when().get(ARTICLES)
                .then().statusCode(200).extract().asString();
        for (String hidden : room.othersHidden()) {
            assertFalse(page.contains(hidden), "the page shows an author " + hidden);
            assertFalse(list.contains(hidden), "a list's related blocks show an author " + hidden);
        }

        // linking to another writer's draft is refused as if it did not exist, so the form tells nothing either
        as(room.author()).contentType(ContentType.JSON).body(List.of(Map.of("articleSlug", room.othersHidden().get(0))))
                .when().put(ARTICLES + "/" + room.ownDraft() + "/related")
                .then().statusCode(400).body("errors[0].message", equalTo("no article has the slug '" + room.othersHidden().get(0) + "'"));
    }

    @Test
    void shouldAnswerAnAuthorsWritesToAnotherWritersHiddenArticleAsIfItWereNotThere() {
        Newsroom room = newsroom();
        String missing = unique("no-such-story");
        String renamedDraft = createArticle(room.editor(), Map.of("title", room.marker() + " renamed draft")).getString("slug");
        as(room.editor()).contentType("application/merge-patch+json").body(Map.of("slug", renamedDraft + "-new"))
                .when().patch(ARTICLES + "/" + renamedDraft).then().statusCode(200);

        List<String> hidden = new java.util.ArrayList<>(room.othersHidden());
        hidden.add(renamedDraft); // an old slug of a hidden article does not redirect a write to its new one either
        for (String slug : hidden) {
            for (String target : List.of(slug, missing)) {
                String url = ARTICLES + "/" + target;
                assertNotFound(as(room.author()).contentType("application/merge-patch+json").header("If-Match", "\"stale\"")
                        .body(Map.of("title", "Hijacked")).when().patch(url));
                assertNotFound(as(room.author()).contentType(ContentType.JSON).body(Map.of("title", "Hijacked")).when().put(url));
                assertNotFound(as(room.author()).when().delete(url));
                assertNotFound(as(room.author()).when().post(url + "/preview-token"));
                assertNotFound(as(room.author()).when().get(url + "/revisions"));
                assertNotFound(as(room.author()).contentType(ContentType.JSON).body(Map.of("title", "Hijacked")).when().put(url + "/autosave"));
                assertNotFound(as(room.author()).contentType(ContentType.JSON).body(List.of()).when().put(url + "/related"));
            }
        }
        for (String slug : room.othersHidden()) {
            readAs(room.editor(), slug).then().statusCode(200).body("title", not(equalTo("Hijacked")));
        }
        // a public story of another writer is there to see, and an author still may not change it
        assertForbidden(as(room.author()).contentType("application/merge-patch+json").body(Map.of("title", "Hijacked"))
                .when().patch(ARTICLES + "/" + room.published()));
    }

    @Test
    void shouldNotNameAnotherWritersDraftsToAnAuthorInTheMediaLibrary() {
        Newsroom room = newsroom();
        long mediaId = as(room.editor()).contentType("image/png").header("Content-Disposition", "attachment; filename=\"sight.png\"")
                .body(Images.png(64, 48, System.nanoTime())).when().post("/api/v1/media")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(room.editor()).contentType("application/merge-patch+json").body(Map.of("coverImage", Map.of("mediaId", mediaId)))
                .when().patch(ARTICLES + "/" + room.othersHidden().get(0)).then().statusCode(200);

        as(room.author()).when().get("/api/v1/media/" + mediaId).then().statusCode(200).body("usedBy", equalTo(List.of()));
        as(room.editor()).when().get("/api/v1/media/" + mediaId).then().statusCode(200)
                .body("usedBy.slug", equalTo(List.of(room.othersHidden().get(0))));
        String library = as(room.author()).queryParam("size", 100).when().get("/api/v1/media").then().statusCode(200).extract().asString();
        assertFalse(library.contains(room.othersHidden().get(0)), "the library names another writer's draft to an author");
    }

    @Test
    void shouldNotLetAnAuthorTakeOverASlugThatStillRedirectsToAnotherArticle() {
        Issued author = issue("author");
        Issued editor = issue("editor");
        String old = createArticle(editor, Map.of("title", unique("Renamed story"), "status", "published")).getString("slug");
        String renamed = old + "-new";
        as(editor).contentType("application/merge-patch+json").body(Map.of("slug", renamed)).when().patch(ARTICLES + "/" + old)
                .then().statusCode(200);

        Response takeOver = as(author).contentType(ContentType.JSON).body(Map.of("title", "Squatter", "slug", old)).when().post(ARTICLES);
        assertForbidden(takeOver);
        readAs(author, old).then().statusCode(301).header("Location", equalTo(ARTICLES + "/" + renamed));
        // an author's own draft may not be renamed onto it either
        String own = createArticle(author, Map.of("title", unique("Own draft"))).getString("slug");
        assertForbidden(as(author).contentType("application/merge-patch+json").body(Map.of("slug", old)).when().patch(ARTICLES + "/" + own));

        // an editor decides to reuse the slug: the redirect ends
        as(editor).contentType(ContentType.JSON).body(Map.of("title", "Successor", "slug", old)).when().post(ARTICLES)
                .then().statusCode(201).body("slug", equalTo(old));
        asAdmin().when().get(ARTICLES + "/" + old).then().statusCode(200).body("title", equalTo("Successor"));
    }
}
