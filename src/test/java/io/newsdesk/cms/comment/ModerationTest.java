package io.newsdesk.cms.comment;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Comments.assertInvalidField;
import static io.newsdesk.cms.support.Comments.assertProblem;
import static io.newsdesk.cms.support.Comments.comment;
import static io.newsdesk.cms.support.Comments.commentCount;
import static io.newsdesk.cms.support.Comments.moderate;
import static io.newsdesk.cms.support.Comments.moderated;
import static io.newsdesk.cms.support.Comments.moderationUrl;
import static io.newsdesk.cms.support.Comments.reader;
import static io.newsdesk.cms.support.Comments.thread;
import static io.newsdesk.cms.support.Fixtures.article;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.Comments.Reader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The moderation queue: GET/PATCH/DELETE /comments, who may use it, and the erasure of old client addresses. */
@QuarkusTest
class ModerationTest {

    @Inject
    CommentService comments;

    @Inject
    io.newsdesk.cms.common.persistence.TrashPurge trashPurge;

    @Inject
    EntityManager em;

    // ---- the queue --------------------------------------------------------------------------------

    @Test
    void shouldListCommentsNewestFirstWithEmailAddressAndUserAgentForEditors() {
        String slug = article().createSlug();
        Reader ann = reader();
        Reader bob = reader();
        Reader cat = reader();
        long first = ann.on(slug).submit();
        long second = bob.on(slug).url("https://bob.example.org").submit();
        long third = cat.on(slug).homepage("filled").submit();

        Response queue = as(token("editor")).queryParam("article", slug).when().get(Comments.MODERATION);

        queue.then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .header("X-Total-Count", "3")
                .body("totalItems", equalTo(3))
                .body("items.id", contains((int) third, (int) second, (int) first))
                .body("items.articleSlug", contains(slug, slug, slug))
                .body("items.authorEmail", contains(cat.email, bob.email, ann.email))
                .body("items.clientAddress", contains(cat.address, bob.address, ann.address))
                .body("items.userAgent", contains(cat.userAgent, bob.userAgent, ann.userAgent))
                .body("items.status", contains("spam", "pending", "pending"))
                .body("items.spamReason", contains("honeypot", null, null))
                .body("items[1].authorName", equalTo(bob.name))
                .body("items[1].authorUrl", equalTo("https://bob.example.org"))
                .body("items[1].body", notNullValue())
                .body("items[1].bodyHtml", startsWith("<p>"))
                .body("items[1].staff", equalTo(false))
                .body("items[1].createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"))
                .body("items[1].updatedAt", notNullValue())
                .body("items[1].parentId", nullValue());
    }

    @Test
    void shouldFilterTheQueueByStatusAndArticle() {
        String slug = article().createSlug();
        String otherSlug = article().createSlug();
        long pending = comment(slug).submit();
        long approved = comment(slug).approved();
        long spam = comment(slug).homepage("x").submit();
        long trash = comment(slug).submit();
        moderate(trash, "trash");
        long elsewhere = comment(otherSlug).submit();

        assertQueue(slug, "pending", pending);
        assertQueue(slug, "approved", approved);
        assertQueue(slug, "spam", spam);
        assertQueue(slug, "trash", trash);
        assertQueue(slug, "all", trash, spam, approved, pending);
        assertQueue(slug, null, trash, spam, approved, pending);
        assertQueue(otherSlug, "pending", elsewhere);
        asAdmin().queryParam("status", "pending").when().get(Comments.MODERATION)
                .then().statusCode(200)
                .body("items.status", everyItem(equalTo("pending")));
    }

    @Test
    void shouldPageTheQueue() {
        String slug = article().createSlug();
        long[] ids = LongStream.range(0, 3).map(i -> comment(slug).submit()).toArray();

        asAdmin().queryParam("article", slug).queryParam("size", 2).queryParam("page", 2).when().get(Comments.MODERATION)
                .then().statusCode(200)
                .header("X-Total-Count", "3")
                .header("Link", containsString("rel=\"first\""))
                .body("totalPages", equalTo(2))
                .body("items.id", contains((int) ids[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = { "bogus", "APPROVED", "deleted" })
    void shouldRefuseAnUnknownStatusFilter(String status) {
        assertInvalidField(asAdmin().queryParam("status", status).when().get(Comments.MODERATION), "status")
                .body("errors[0].message", containsString("pending"));
    }

    @Test
    void shouldRefuseAnArticleFilterThatIsNotASlug() {
        assertInvalidField(asAdmin().queryParam("article", "Not A Slug").when().get(Comments.MODERATION), "article");
    }

    // ---- who may moderate -------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({ "GET, /api/v1/comments", "GET, /api/v1/comments/{id}", "PATCH, /api/v1/comments/{id}",
            "DELETE, /api/v1/comments/{id}", "PATCH, /api/v1/comments", "POST, /api/v1/comments/{id}/restore" })
    void shouldAnswer401WithoutAToken(String method, String path) {
        long id = comment(article().createSlug()).submit();

        Response response = moderationRequest(anonymous(), method, path, id);

        assertProblem(response, 401).header("WWW-Authenticate", startsWith("Bearer"));
        assertEquals("pending", moderated(id).getString("status"), "nothing changed");
    }

    @ParameterizedTest
    @CsvSource({ "GET, /api/v1/comments", "GET, /api/v1/comments/{id}", "PATCH, /api/v1/comments/{id}",
            "DELETE, /api/v1/comments/{id}", "PATCH, /api/v1/comments", "POST, /api/v1/comments/{id}/restore" })
    void shouldAnswer403ToAnAuthor(String method, String path) {
        long id = comment(article().createSlug()).submit();

        Response response = moderationRequest(as(token("author")), method, path, id);

        assertProblem(response, 403).body("type", endsWith("/forbidden"));
        assertEquals("pending", moderated(id).getString("status"), "nothing changed");
    }

    @Test
    void shouldLetAnEditorModerate() {
        String slug = article().createSlug();
        long id = comment(slug).submit();
        String editor = token("editor");

        as(editor).contentType(ContentType.JSON).body(Map.of("status", "approved")).when().patch(moderationUrl(id))
                .then().statusCode(200).body("status", equalTo("approved"));
        as(editor).when().delete(moderationUrl(id)).then().statusCode(204);
        assertEquals(0, commentCount(slug));
    }

    // ---- one comment ------------------------------------------------------------------------------

    @Test
    void shouldReadOneCommentWithItsETag() {
        String slug = article().createSlug();
        Reader sam = reader();
        long id = sam.on(slug).submit();

        Response response = asAdmin().when().get(moderationUrl(id));

        response.then().statusCode(200)
                .header("ETag", matchesPattern("\"[^\"]+\""))
                .header("Cache-Control", "private, no-store")
                .body("id", equalTo((int) id))
                .body("authorEmail", equalTo(sam.email))
                .body("clientAddress", equalTo(sam.address))
                .body("userAgent", equalTo(sam.userAgent));
    }

    @Test
    void shouldHonourIfMatchAndAnswer412WhenItIsStale() {
        String slug = article().createSlug();
        long id = comment(slug).submit();
        String etag = asAdmin().when().get(moderationUrl(id)).then().statusCode(200).extract().header("ETag");

        Response approved = asAdmin().contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("status", "approved"))
                .when().patch(moderationUrl(id));
        approved.then().statusCode(200).body("status", equalTo("approved")).header("ETag", notNullValue());
        assertNotEquals(etag, approved.header("ETag"), "a change gives a new ETag");

        Response stale = asAdmin().contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("status", "spam"))
                .when().patch(moderationUrl(id));
        assertProblem(stale, 412);
        assertProblem(asAdmin().header("If-Match", etag).when().delete(moderationUrl(id)), 412);
        assertEquals("approved", moderated(id).getString("status"), "the stale writes changed nothing");
        assertEquals(1, commentCount(slug));

        asAdmin().header("If-Match", approved.header("ETag")).when().delete(moderationUrl(id)).then().statusCode(204);
        assertEquals(0, commentCount(slug));
    }

    @Test
    void shouldAcceptAMergePatch() {
        long id = comment(article().createSlug()).submit();

        asAdmin().contentType("application/merge-patch+json").body(Map.of("status", "trash")).when().patch(moderationUrl(id))
                .then().statusCode(200).body("status", equalTo("trash")).body("updatedAt", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"status\": \"bogus\"}", "{\"status\": \"Approved\"}", "{\"status\": true}", "{\"status\": null}", "{}" })
    void shouldRefuseABadStatusNamingTheField(String json) {
        long id = comment(article().createSlug()).submit();

        Response response = asAdmin().contentType(ContentType.JSON).body(json).when().patch(moderationUrl(id));

        assertInvalidField(response, "status");
        assertEquals("pending", moderated(id).getString("status"));
    }

    @Test
    void shouldRefuseANumberAsStatus() {
        String slug = article().createSlug();
        long id = comment(slug).submit();

        assertInvalidField(asAdmin().contentType(ContentType.JSON).body("{\"status\": 1}").when().patch(moderationUrl(id)), "status");
        assertInvalidField(bulk(Map.of("ids", List.of(id), "status", 2)), "status");

        assertEquals("pending", moderated(id).getString("status"));
        assertEquals(0, commentCount(slug));
    }

    @Test
    void shouldRefuseMalformedJsonWithAProblem() {
        long id = comment(article().createSlug()).submit();

        assertProblem(asAdmin().contentType(ContentType.JSON).body("{\"status\": ").when().patch(moderationUrl(id)), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "987654321", "abc", "-1", "1.5", "99999999999999999999999" })
    void shouldAnswer404ForAnUnknownOrMalformedId(String id) {
        assertProblem(asAdmin().when().get(moderationUrl(id)), 404).body("type", endsWith("/not-found"));
        assertProblem(asAdmin().contentType(ContentType.JSON).body(Map.of("status", "approved")).when().patch(moderationUrl(id)), 404)
                .body("type", endsWith("/not-found"));
        assertProblem(asAdmin().when().delete(moderationUrl(id)), 404).body("type", endsWith("/not-found"));
    }

    // ---- bulk -------------------------------------------------------------------------------------

    @Test
    void shouldModerateManyCommentsAtOnceNamingTheMissingOnes() {
        String slug = article().createSlug();
        long a = comment(slug).submit();
        long b = comment(slug).submit();

        asAdmin().contentType(ContentType.JSON).body(Map.of("ids", List.of(a, 123_456_789L, b, a), "status", "approved"))
                .when().patch(Comments.MODERATION)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("done", contains((int) a, (int) b))
                .body("missing", contains(123_456_789));

        assertEquals("approved", moderated(a).getString("status"));
        assertEquals("approved", moderated(b).getString("status"));
        assertEquals(2, commentCount(slug));
    }

    @Test
    void shouldRefuseABadBulkRequestNamingTheField() {
        long id = comment(article().createSlug()).submit();
        List<Long> tooMany = LongStream.rangeClosed(1, 101).boxed().toList();

        assertInvalidField(bulk(Map.of("ids", List.of(), "status", "spam")), "ids");
        assertInvalidField(bulk(Map.of("status", "spam")), "ids");
        assertInvalidField(bulk(Map.of("ids", tooMany, "status", "spam")), "ids");
        assertInvalidField(bulk(Map.of("ids", List.of(id))), "status");
        assertInvalidField(bulk(Map.of("ids", List.of(id), "status", "bogus")), "status");
        assertInvalidField(bulk(Map.of("ids", List.of("abc"), "status", "spam")), "ids[0]");
        assertEquals("pending", moderated(id).getString("status"), "nothing changed");
    }

    // ---- trash ------------------------------------------------------------------------------------

    @Test
    void shouldRestoreATrashedCommentToTheStatusItHad() {
        String slug = article().createSlug();
        long approved = comment(slug).approved();
        long reply = comment(slug).replyTo(approved).approved();
        long spam = comment(slug).submit();
        moderate(spam, "spam");

        JsonPath trashed = moderate(approved, "trash");
        assertNotNull(trashed.getString("trashedAt"));
        moderate(spam, "trash");
        assertEquals(0, commentCount(slug), "the reply leaves public view with its parent");
        assertQueue(slug, "trash", spam, approved);

        String etag = asAdmin().when().get(moderationUrl(approved)).then().extract().header("ETag");
        assertProblem(asAdmin().header("If-Match", "\"comment-" + approved + "-0\"").when().post(moderationUrl(approved) + "/restore"), 412);
        asAdmin().header("If-Match", etag).when().post(moderationUrl(approved) + "/restore")
                .then().statusCode(200).header("ETag", notNullValue())
                .body("status", equalTo("approved")).body("trashedAt", nullValue());
        assertEquals(2, commentCount(slug), "the comment and its reply are public again");
        thread(slug).then().body("items.id", contains((int) approved)).body("items[0].replies.id", contains((int) reply));
        asAdmin().when().post(moderationUrl(spam) + "/restore").then().statusCode(200).body("status", equalTo("spam"));

        assertProblem(asAdmin().when().post(moderationUrl(approved) + "/restore"), 409).body("detail", containsString("not in the trash"));
        assertProblem(asAdmin().when().post(moderationUrl(123_456_789L) + "/restore"), 404);
    }

    @Test
    void shouldRestoreCommentsTrashedTogetherEachToItsOwnStatus() {
        String slug = article().createSlug();
        long approved = comment(slug).approved();
        long pending = comment(slug).submit();

        bulk(Map.of("ids", List.of(approved, pending), "status", "trash")).then().statusCode(200);
        assertNotNull(moderated(pending).getString("trashedAt"));

        asAdmin().when().post(moderationUrl(pending) + "/restore").then().statusCode(200).body("status", equalTo("pending"));
        asAdmin().when().post(moderationUrl(approved) + "/restore").then().statusCode(200).body("status", equalTo("approved"));
        assertEquals(1, commentCount(slug));
    }

    @Test
    void shouldRemoveCommentsLongerInTheTrashThanItsRetentionWithTheirReplies() {
        String slug = article().createSlug();
        long old = comment(slug).approved();
        long reply = comment(slug).replyTo(old).approved();
        long recent = comment(slug).approved();
        long kept = comment(slug).approved();
        moderate(old, "trash");
        moderate(recent, "trash");
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("update comment set trashed_at = now() - interval '31 days' where id = :id")
                .setParameter("id", old).executeUpdate());

        trashPurge.purge(java.time.Instant.now().minus(java.time.Duration.ofDays(30)));

        assertProblem(asAdmin().when().get(moderationUrl(old)), 404);
        assertProblem(asAdmin().when().get(moderationUrl(reply)), 404);
        assertEquals("trash", moderated(recent).getString("status"));
        assertEquals("approved", moderated(kept).getString("status"));
        assertEquals(1, commentCount(slug));
    }

    // ---- address retention ------------------------------------------------------------------------

    @Test
    void shouldEraseClientAddressesAndUserAgentsPastTheRetentionPeriod() {
        String slug = article().createSlug();
        Reader old = reader();
        Reader recent = reader();
        long oldId = old.on(slug).submit();
        long recentId = recent.on(slug).submit();
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("update comment set created_at = now() - interval '40 days' where id = :id")
                .setParameter("id", oldId).executeUpdate());

        int erased = comments.eraseOldAddresses();

        assertTrue(erased >= 1, "erased " + erased);
        JsonPath oldView = moderated(oldId);
        assertEquals(null, oldView.getString("clientAddress"));
        assertEquals(null, oldView.getString("userAgent"));
        assertEquals(old.email, oldView.getString("authorEmail"), "the email stays for moderation");
        JsonPath recentView = moderated(recentId);
        assertEquals(recent.address, recentView.getString("clientAddress"));
        assertEquals(recent.userAgent, recentView.getString("userAgent"));
        asAdmin().queryParam("article", slug).when().get(Comments.MODERATION).then().statusCode(200)
                .body("items.clientAddress", containsInAnyOrder(recent.address, null))
                .body("items.userAgent", containsInAnyOrder(recent.userAgent, null));
        assertEquals(0, comments.eraseOldAddresses(), "a second run finds nothing more to erase");
    }

    @Test
    void shouldKeepAddressesOfCommentsYoungerThanTheRetentionPeriod() {
        String slug = article().createSlug();
        Reader reader = reader();
        long id = reader.on(slug).submit();
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("update comment set created_at = now() - interval '29 days' where id = :id")
                .setParameter("id", id).executeUpdate());

        comments.eraseOldAddresses();

        assertEquals(reader.address, moderated(id).getString("clientAddress"));
        assertNotNull(moderated(id).getString("userAgent"));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static void assertQueue(String slug, String status, long... newestFirst) {
        RequestSpecification request = asAdmin().queryParam("article", slug);
        if (status != null) {
            request.queryParam("status", status);
        }
        Integer[] expected = LongStream.of(newestFirst).mapToObj(id -> (int) id).toArray(Integer[]::new);
        request.when().get(Comments.MODERATION).then().statusCode(200)
                .header("X-Total-Count", Integer.toString(expected.length))
                .body("items.id", expected.length == 0 ? empty() : contains(expected));
    }

    private static Response bulk(Map<String, Object> request) {
        return asAdmin().contentType(ContentType.JSON).body(request).when().patch(Comments.MODERATION);
    }

    private static Response moderationRequest(RequestSpecification request, String method, String path, long id) {
        String url = path.replace("{id}", Long.toString(id));
        return switch (method) {
            case "GET" -> request.when().get(url);
            case "DELETE" -> request.when().delete(url);
            case "POST" -> request.when().post(url);
            case "PATCH" -> request.contentType(ContentType.JSON)
                    .body(path.endsWith("{id}") ? Map.of("status", "approved") : Map.of("ids", List.of(id), "status", "approved"))
                    .when().patch(url);
            default -> throw new IllegalArgumentException(method);
        };
    }
}
