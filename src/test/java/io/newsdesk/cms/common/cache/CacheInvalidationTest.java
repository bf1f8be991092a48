package io.newsdesk.cms.common.cache;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A write drops exactly the kept answers that show what it changed, on this instance at once: the
 * answers it does not touch keep being served from memory ({@code X-Cache: hit}), and every answer
 * names what it shows in {@code Surrogate-Key} and {@code Cache-Tag} for a CDN.
 */
@QuarkusTest
class CacheInvalidationTest {

    @Inject
    TestClock clock;

    private static final String ARTICLES = "/api/v1/articles";

    @Test
    void shouldRefreshAnEditedArticlesPageItsListsAndTheRelatedBlocksShowingItAndNothingElse() {
        String section = category().createSlug();
        String elsewhere = category().createSlug();
        String tag = unique("tag");
        String editedSlug = article().title("Before the edit").category(section).tags(tag).createSlug();
        String linking = article().category(elsewhere).createSlug();
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("articleSlug", editedSlug)))
                .put(ARTICLES + "/" + linking + "/related").then().statusCode(200);
        String bystander = article().category(elsewhere).createSlug();

        List<String> touched = List.of(ARTICLES + "/" + editedSlug, ARTICLES + "?category=" + section, ARTICLES + "?tag=" + tag,
                ARTICLES + "/" + linking + "/related", ARTICLES + "/" + editedSlug + "?include=related,comments");
        List<String> untouched = List.of(ARTICLES + "/" + bystander, ARTICLES + "/" + bystander + "/comments",
                ARTICLES + "/" + linking, ARTICLES + "?category=" + elsewhere + "&size=1&sort=publishedAt", "/api/v1/categories");
        warm(touched);
        warm(untouched);

        asAdmin().contentType("application/merge-patch+json").body("{\"title\":\"After the edit\"}")
                .patch(ARTICLES + "/" + editedSlug).then().statusCode(200);

        for (String url : touched) {
            Response answer = given().get(url);
            assertEquals("miss", answer.header("X-Cache"), url + " shows the edited article, so it is computed again");
            assertTrue(answer.asString().contains("After the edit"), url + " shows the new title");
        }
        for (String url : untouched) {
            assertEquals("hit", given().get(url).header("X-Cache"), url + " does not show the edited article, so it is kept");
        }
    }

    @Test
    void shouldInvalidateNothingForWritesThatChangeNothingPublic() {
        String slug = article().createSlug();
        String draft = article().draft().createSlug();
        List<String> urls = List.of(ARTICLES + "/" + slug, ARTICLES + "?size=5", "/api/v1/categories", ARTICLES + "/" + slug + "/related");
        warm(urls);

        asAdmin().contentType("application/merge-patch+json").body("{\"title\":\"A draft, retitled\"}")
                .patch(ARTICLES + "/" + draft).then().statusCode(200);
        asAdmin().post(ARTICLES + "/" + draft + "/preview-token").then().statusCode(200);
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", unique("script"), "role", "author"))
                .post("/api/v1/tokens").then().statusCode(201);
        Comments.comment(slug).submit(); // held for moderation

        for (String url : urls) {
            assertEquals("hit", given().get(url).header("X-Cache"), url + " is still served from memory");
        }
    }

    @Test
    void shouldRefreshTheBreadcrumbOfEveryArticleUnderARenamedCategory() {
        String section = category().name("Technology").createSlug();
        String topic = category().name("Artificial intelligence").parent(section).createSlug();
        String slug = article().category(topic).createSlug();
        given().get(ARTICLES + "/" + slug).then().body("category.path.name", equalTo(List.of("Technology", "Artificial intelligence")));
        given().get(ARTICLES + "/" + slug).then().header("X-Cache", "hit");

        asAdmin().contentType("application/merge-patch+json").body("{\"name\":\"Technology, News & Trends\"}")
                .patch("/api/v1/categories/" + section).then().statusCode(200);

        given().get(ARTICLES + "/" + slug).then().header("X-Cache", "miss")
                .body("category.path.name", equalTo(List.of("Technology, News & Trends", "Artificial intelligence")));
    }

    @Test
    void shouldRefreshOnlyTheThreadAndTheCountWhenACommentIsApproved() {
        String slug = article().createSlug();
        String other = article().createSlug();
        long pending = Comments.comment(slug).body("Held for a moderator").submit();
        List<String> showingComments = List.of(ARTICLES + "/" + slug + "/comments", ARTICLES + "/" + slug,
                ARTICLES + "/" + slug + "?include=comments");
        List<String> notShowingThem = List.of(ARTICLES + "/" + slug + "/related", ARTICLES + "/" + other,
                ARTICLES + "/" + other + "/comments");
        warm(showingComments);
        warm(notShowingThem);

        Comments.approve(pending);

        given().get(ARTICLES + "/" + slug + "/comments").then().header("X-Cache", "miss")
                .body("items.bodyHtml", hasItem(containsString("Held for a moderator")));
        given().get(ARTICLES + "/" + slug).then().header("X-Cache", "miss").body("commentCount", equalTo(1));
        given().get(ARTICLES + "/" + slug + "?include=comments").then().header("X-Cache", "miss").body("comments.totalItems", equalTo(1));
        for (String url : notShowingThem) {
            assertEquals("hit", given().get(url).header("X-Cache"), url + " does not show the thread or its count");
        }
    }

    @Test
    void shouldShowAScheduledArticleEverywhereOnceItsTimeHasCome() {
        String section = category().createSlug();
        String tag = unique("tag");
        article().category(section).tags(tag).create();
        Instant at = clock.stop().plusSeconds(2);
        String slug = article().title("Goes live by itself").category(section).tags(tag).publishedAt(at).createSlug();
        List<String> lists = List.of(ARTICLES + "?category=" + section, ARTICLES + "?tag=" + tag, ARTICLES + "?size=100");
        warm(lists);
        given().get(ARTICLES + "/" + slug).then().statusCode(404);
        given().get("/api/v1/categories/" + section).then().body("articleCount", equalTo(1));

        clock.passTo(at);

        given().get(ARTICLES + "/" + slug).then().statusCode(200);
        for (String url : lists) {
            given().get(url).then().statusCode(200).body(containsString("\"slug\":\"" + slug + "\""));
        }
        given().get("/api/v1/categories/" + section).then().body("articleCount", equalTo(2));
    }

    @Test
    void shouldNameWhatAnAnswerShowsForACdn() {
        String section = category().createSlug();
        var created = article().category(section).tags("Surrogate Keys").create();
        long id = created.getLong("id");
        String slug = created.getString("slug");

        Response page = given().get(ARTICLES + "/" + slug);
        List<String> keys = List.of(page.header("Surrogate-Key").split(" "));
        assertTrue(keys.contains("article-" + id), "the page names its article: " + keys);
        assertTrue(keys.contains("comments-" + id), "and its comment count: " + keys);
        assertEquals(String.join(",", keys), page.header("Cache-Tag"));

        List<String> listKeys = List.of(given().get(ARTICLES + "?category=" + section).header("Surrogate-Key").split(" "));
        assertTrue(listKeys.contains("articles-category-" + section), "a category list names what decides its items: " + listKeys);
        assertTrue(listKeys.contains("article-" + id), "and each article it shows: " + listKeys);
        assertTrue(List.of(given().queryParam("tag", "surrogate keys").get(ARTICLES).header("Surrogate-Key").split(" "))
                .contains("articles-tag-surrogate-keys"), "a tag list names its tag");

        asAdmin().get(ARTICLES + "/" + slug)
                .then().header("Surrogate-Key", (String) null).header("Cache-Control", "private, no-store");
    }

    @Test
    void shouldLetAWriterReadItsOwnWriteAtOnce() {
        // The write's answer is sent only once its keys have been dropped here, so the very next read shows it.
        String tag = unique("tag");
        String slug = article().title("Read your own write").tags(tag).createSlug();
        for (int i = 1; i <= 20; i++) {
            given().get(ARTICLES + "/" + slug).then().statusCode(200);
            given().get(ARTICLES + "?tag=" + tag).then().statusCode(200);
            asAdmin().contentType("application/merge-patch+json").body("{\"title\":\"Revision " + i + "\"}")
                    .patch(ARTICLES + "/" + slug).then().statusCode(200);
            given().get(ARTICLES + "/" + slug).then().body("title", equalTo("Revision " + i));
            given().get(ARTICLES + "?tag=" + tag).then().body("items.title", hasItem("Revision " + i));
        }
    }

    @Test
    void shouldShowEachApprovalToTheNextReaderWhileOthersKeepReadingThePage() throws Exception {
        // Readers hammer the page (and its kept blocks) while comments are approved one by one: a reader who asks
        // after an approval was acknowledged always sees it, never a page composed from a block dropped meanwhile.
        String slug = article().createSlug();
        List<Long> pending = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            pending.add(Comments.comment(slug).body("Approved in turn " + i).submit());
        }
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            for (int r = 0; r < 6; r++) {
                readers.submit(() -> {
                    while (reading.get()) {
                        given().get(ARTICLES + "/" + slug + (Thread.currentThread().getId() % 2 == 0 ? "" : "?include=comments"));
                    }
                    return null;
                });
            }
            for (int i = 0; i < pending.size(); i++) {
                Comments.approve(pending.get(i));
                given().get(ARTICLES + "/" + slug).then().body("commentCount", equalTo(i + 1));
                given().get(ARTICLES + "/" + slug + "?include=comments").then().body("comments.totalItems", equalTo(i + 1));
            }
        } finally {
            reading.set(false);
            readers.shutdown();
            assertTrue(readers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    private static void warm(List<String> urls) {
        for (String url : urls) {
            given().get(url).then().statusCode(200);
            assertEquals("hit", given().get(url).header("X-Cache"), url + " is kept after a first read");
        }
    }
}
