package io.newsdesk.cms.common.cache;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.newsdesk.cms.support.Management;
import io.newsdesk.cms.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Public answers are served from memory, and stay correct: a write on this instance shows at once, a
 * write announced by another instance (PostgreSQL NOTIFY) within moments, a scheduled article goes
 * live on time, and nothing personal is ever served from the cache.
 */
@QuarkusTest
class ResponseCacheTest {

    @Inject
    TestClock clock;

    private static final String ARTICLES = "/api/v1/articles";

    @Inject
    EntityManager em;

    @Test
    void shouldServeARepeatedPublicReadFromMemory() {
        String slug = article().title("Cached " + System.nanoTime()).createSlug();
        given().get(ARTICLES + "/" + slug).then().statusCode(200);
        double before = hits();

        given().get(ARTICLES + "/" + slug).then().statusCode(200);
        given().get(ARTICLES + "/" + slug).then().statusCode(200);

        assertEquals(before + 2, hits(), "two repeated reads served from memory");
    }

    @Test
    void shouldShowALocalWriteAtOnce() {
        String tag = "edited" + System.nanoTime();
        String slug = article().title("Before the edit").tags(tag).createSlug();
        given().get(ARTICLES + "/" + slug).then().body("title", equalTo("Before the edit"));
        given().queryParam("tag", tag).get(ARTICLES).then().statusCode(200);

        asAdmin().contentType("application/merge-patch+json").body("{\"title\":\"After the edit\"}")
                .patch(ARTICLES + "/" + slug).then().statusCode(200);

        given().get(ARTICLES + "/" + slug).then().body("title", equalTo("After the edit"));
        given().queryParam("tag", tag).get(ARTICLES).then().body("items.title", hasItem("After the edit"));
    }

    @Test
    void shouldDropWhatAnotherInstanceChangedOnceItAnnouncesTheChange() {
        String slug = article().title("Seen by two instances").createSlug();
        given().get(ARTICLES + "/" + slug).then().body("title", equalTo("Seen by two instances"));

        // Another instance writes (here: straight into the database) ...
        retitle(slug, "Changed elsewhere");
        // ... and until its announcement arrives this instance still serves what it kept: the cache is on.
        given().get(ARTICLES + "/" + slug).then().body("title", equalTo("Seen by two instances"));

        announce();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                given().get(ARTICLES + "/" + slug).then().body("title", equalTo("Changed elsewhere")));
    }

    @Test
    void shouldPublishAScheduledArticleOnTimeEvenWhenTheListWasCached() {
        String tag = "sched" + System.nanoTime();
        Instant at = clock.stop().plusSeconds(2);
        String slug = article().title("Goes live shortly").tags(tag).publishedAt(at).createSlug();
        given().queryParam("tag", tag).get(ARTICLES).then().body("totalItems", equalTo(0));
        given().queryParam("tag", tag).get(ARTICLES).then().header("X-Cache", "hit").body("totalItems", equalTo(0));

        clock.passTo(at);

        given().queryParam("tag", tag).get(ARTICLES).then().body("items.slug", hasItem(slug));
    }

    @Test
    void shouldNeverServeAnEditorFromTheCache() {
        String slug = article().title("Public view").createSlug();
        given().get(ARTICLES + "/" + slug).then().body("title", equalTo("Public view"));
        retitle(slug, "Editor view");

        asAdmin().get(ARTICLES + "/" + slug)
                .then().statusCode(200).header("Cache-Control", "private, no-store").body("title", equalTo("Editor view"));
        given().get(ARTICLES + "/" + slug).then().body("title", not(equalTo("Editor view")));
        announce();
    }

    @Test
    void shouldAnswerConditionalHeadAndGzipRequestsFromMemoryLikeTheServiceDoes() throws IOException {
        String slug = article().title("Every way to ask").createSlug();
        Response first = given().get(ARTICLES + "/" + slug);
        String etag = first.header("ETag");
        byte[] body = first.asByteArray();

        Response again = given().get(ARTICLES + "/" + slug);
        assertEquals(etag, again.header("ETag"));
        assertEquals(first.header("Last-Modified"), again.header("Last-Modified"));
        assertEquals(first.header("Cache-Control"), again.header("Cache-Control"));
        assertEquals(first.contentType(), again.contentType());
        assertEquals("nosniff", again.header("X-Content-Type-Options"));
        assertArrayEquals(body, again.asByteArray());

        given().header("If-None-Match", etag).get(ARTICLES + "/" + slug).then().statusCode(304).header("ETag", etag);
        given().header("If-Modified-Since", first.header("Last-Modified")).get(ARTICLES + "/" + slug).then().statusCode(304);
        Response head = given().head(ARTICLES + "/" + slug);
        assertEquals(200, head.statusCode());
        assertEquals(etag, head.header("ETag"));
        assertEquals(0, head.asByteArray().length);

        Response gzip = given().config(io.restassured.RestAssured.config().decoderConfig(
                        io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip").get(ARTICLES + "/" + slug);
        assertEquals("gzip", gzip.header("Content-Encoding"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.asByteArray()))) {
            assertArrayEquals(body, in.readAllBytes());
        }
    }

    @Test
    void shouldGiveAListFromMemoryTheSameTagAsWhenItWasMade() {
        String tag = unique("tagged-list");
        article().tags(tag).create();
        Response first = given().queryParam("tag", tag).get(ARTICLES);
        String etag = first.header("ETag");
        assertNotNull(etag, "a list has a tag");
        Response again = given().queryParam("tag", tag).get(ARTICLES);
        assertEquals("hit", again.header("X-Cache"));
        assertEquals(etag, again.header("ETag"));
        given().queryParam("tag", tag).header("If-None-Match", etag).get(ARTICLES).then().statusCode(304).header("ETag", etag);
    }

    @Test
    void shouldKeepAPendingCommentFromClearingTheCacheButNotAnApprovedOne() {
        String slug = article().title("Comments and the cache").createSlug();
        given().get(ARTICLES + "/" + slug).then().statusCode(200);
        double before = hits();
        anonymous().header("X-Forwarded-For", "198.51.100." + (System.nanoTime() % 200 + 1))
                .contentType("application/json")
                .body("{\"authorName\":\"Sam\",\"authorEmail\":\"sam" + System.nanoTime() + "@example.com\",\"body\":\"First!\"}")
                .post(ARTICLES + "/" + slug + "/comments").then().statusCode(202);

        given().get(ARTICLES + "/" + slug).then().statusCode(200);

        assertTrue(hits() > before, "a comment waiting for moderation changes nothing public");
    }

    @Test
    void shouldReplayWhatChangedWhileItsListeningConnectionWasDownAndKeepTheRest() {
        String changed = article().title("Changed during the blip").createSlug();
        String kept = article().title("Unchanged during the blip").createSlug();
        given().get(ARTICLES + "/" + changed).then().statusCode(200);
        given().get(ARTICLES + "/" + kept).then().statusCode(200);
        given().get(ARTICLES + "/" + kept).then().header("X-Cache", "hit");
        long id = given().get(ARTICLES + "/" + changed).jsonPath().getLong("id");

        // The listening connection drops; meanwhile another instance changes an article and logs it, but its
        // notification reaches nobody listening here.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'newsdesk-cms change feed'")
                .getResultList());
        retitle(changed, "Changed by another instance");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into content_change (keys) values (:keys)")
                .setParameter("keys", "article-" + id).executeUpdate());

        // Once the feed is back, what was kept is served again, but for what the log says changed.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                given().get(ARTICLES + "/" + kept).then().header("X-Cache", "hit"));
        given().get(ARTICLES + "/" + changed).then().body("title", equalTo("Changed by another instance"));
    }

    private double hits() {
        String metrics = Management.metrics();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("cms_response_cache_hits_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no cms_response_cache_hits_total in /q/metrics");
    }

    /** What another instance's write does to the database. */
    private void retitle(String slug, String title) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update article set title = :title where slug = :slug")
                .setParameter("title", title).setParameter("slug", slug).executeUpdate());
    }

    /** What another instance does after its write. */
    private void announce() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("select pg_notify('cms_content', 'another-instance')")
                .getResultList());
    }
}
