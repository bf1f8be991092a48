package io.newsdesk.cms.comment;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Comments.approve;
import static io.newsdesk.cms.support.Comments.assertInvalidField;
import static io.newsdesk.cms.support.Comments.assertProblem;
import static io.newsdesk.cms.support.Comments.comment;
import static io.newsdesk.cms.support.Comments.commentCount;
import static io.newsdesk.cms.support.Comments.commentsUrl;
import static io.newsdesk.cms.support.Comments.moderated;
import static io.newsdesk.cms.support.Comments.patchArticle;
import static io.newsdesk.cms.support.Comments.reader;
import static io.newsdesk.cms.support.Comments.thread;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.support.Callers;
import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.Comments.CommentBuilder;
import io.newsdesk.cms.support.Comments.Reader;
import io.newsdesk.cms.support.Transcript;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The comment form: POST /articles/{slug}/comments, what it accepts, what it refuses and how it answers. */
@QuarkusTest
class CommentSubmissionTest {

    // ---- pending or approved ----------------------------------------------------------------------

    @Test
    void shouldHoldANewReadersCommentForModerationWith202() {
        String slug = article().createSlug();
        Reader sam = reader();

        Response response = sam.on(slug).body("First!\n\nReally enjoyed this.").url("https://sam.example.org/blog").post();

        response.then().statusCode(202)
                .contentType(ContentType.JSON)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .header("RateLimit-Limit", "5")
                .header("RateLimit-Remaining", "4")
                .body("id", notNullValue())
                .body("status", equalTo("pending"));
        assertEquals(Set.of("id", "status", "commenterKey"), response.jsonPath().getMap("$").keySet(),
                "the answer is {id, status, commenterKey} only");
        long id = response.jsonPath().getLong("id");
        thread(slug).then().statusCode(200).body("items", empty()).header("X-Total-Count", "0");
        assertEquals(0, commentCount(slug));
        var stored = moderated(id);
        assertEquals("pending", stored.getString("status"));
        assertEquals(slug, stored.getString("articleSlug"));
        assertEquals(sam.name, stored.getString("authorName"));
        assertEquals(sam.email, stored.getString("authorEmail"));
        assertEquals("https://sam.example.org/blog", stored.getString("authorUrl"));
        assertEquals("First!\n\nReally enjoyed this.", stored.getString("body"));
        assertEquals("<p>First!</p><p>Really enjoyed this.</p>", stored.getString("bodyHtml"));
        assertEquals(false, stored.getBoolean("staff"));
        assertEquals(sam.address, stored.getString("clientAddress"));
        assertEquals(sam.userAgent, stored.getString("userAgent"));
    }

    @Test
    void shouldShowAReadersCommentOnTheArticleOnceAnEditorApprovesIt() {
        String slug = article().createSlug();
        String editor = token("editor");
        Transcript transcript = new Transcript("A reader's comment: pending, approved by an editor, then on the article");
        CommentBuilder form = comment(slug).name("Sam Rivera").body("Great piece.\nThe part about distillation matches what we see at work.");

        Response submitted = transcript.record("POST", form.endpoint(), form.headers(), form.body(), form.post(),
                "Content-Type", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
        submitted.then().statusCode(202).body("status", equalTo("pending"));
        long id = submitted.jsonPath().getLong("id");

        transcript.record("GET", commentsUrl(slug), Map.of(), null, thread(slug), "X-Total-Count")
                .then().statusCode(200).header("X-Total-Count", "0").body("items", empty());
        transcript.record("GET", Comments.MODERATION + "?status=pending&article=" + slug, Map.of("Authorization", "Bearer <editor token>"),
                null, Callers.as(editor).queryParam("status", "pending").queryParam("article", slug).when().get(Comments.MODERATION),
                "X-Total-Count", "Cache-Control")
                .then().statusCode(200).body("items.id", contains((int) id));
        Map<String, String> change = Map.of("status", "approved");
        transcript.record("PATCH", Comments.moderationUrl(id), Map.of("Authorization", "Bearer <editor token>"), change,
                Callers.as(editor).contentType(ContentType.JSON).body(change).when().patch(Comments.moderationUrl(id)), "ETag")
                .then().statusCode(200).body("status", equalTo("approved"));

        transcript.record("GET", commentsUrl(slug), Map.of(), null, thread(slug), "X-Total-Count", "Cache-Control")
                .then().statusCode(200).header("X-Total-Count", "1")
                .body("items.id", contains((int) id))
                .body("items[0].authorName", equalTo("Sam Rivera"))
                .body("items[0].bodyHtml", equalTo("<p>Great piece.<br>The part about distillation matches what we see at work.</p>"));
        transcript.record("GET", Comments.ARTICLES + "/" + slug + "?include=comments", Map.of(), null,
                given().queryParam("include", "comments").when().get(Comments.ARTICLES + "/" + slug), "ETag")
                .then().statusCode(200).body("commentCount", equalTo(1)).body("comments.items.id", contains((int) id));
        transcript.print();
    }

    @Test
    void shouldKeepAskingForModerationWhileTheEarlierCommentIsStillPending() {
        String slug = article().createSlug();
        Reader sam = reader();
        sam.on(slug).submit();

        sam.on(slug).body("Still waiting?").post().then().statusCode(202).body("status", equalTo("pending"));

        thread(slug).then().body("items", empty());
    }

    // ---- validation -------------------------------------------------------------------------------

    static Stream<Arguments> invalidForms() {
        return Stream.of(
                invalid("authorName", "missing", c -> c.without("authorName")),
                invalid("authorName", "blank", c -> c.name("   ")),
                invalid("authorName", "over 100 characters", c -> c.name("n".repeat(101))),
                invalid("authorEmail", "missing", c -> c.without("authorEmail")),
                invalid("authorEmail", "blank", c -> c.email("")),
                invalid("authorEmail", "not an email", c -> c.email("sam at example dot org")),
                invalid("authorEmail", "no domain", c -> c.email("sam@")),
                invalid("authorEmail", "two at signs", c -> c.email("sam@@example.org")),
                invalid("authorUrl", "javascript:", c -> c.url("javascript:alert(document.cookie)")),
                invalid("authorUrl", "ftp:", c -> c.url("ftp://files.example.org/me")),
                invalid("authorUrl", "data:", c -> c.url("data:text/html,<script>alert(1)</script>")),
                invalid("authorUrl", "relative", c -> c.url("/about-me")),
                invalid("body", "missing", c -> c.without("body")),
                invalid("body", "blank", c -> c.body(" \n\t ")),
                invalid("body", "over 5000 characters", c -> c.body("x".repeat(5001))),
                invalid("parentId", "zero", c -> c.with("parentId", 0)),
                invalid("parentId", "negative", c -> c.with("parentId", -3)));
    }

    private static Arguments invalid(String field, String why, UnaryOperator<CommentBuilder> change) {
        return Arguments.of(field, why, change);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidForms")
    void shouldNameTheInvalidFieldInErrors(String field, String why, UnaryOperator<CommentBuilder> change) {
        String slug = article().createSlug();

        Response response = change.apply(comment(slug)).post();

        assertInvalidField(response, field)
                .header("RateLimit-Limit", "5")
                .body("errors.find { it.field == '" + field + "' }.message", notNullValue());
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldNameEveryInvalidFieldAtOnce() {
        String slug = article().createSlug();

        Response response = comment(slug).without("authorName").email("nobody").url("javascript:alert(1)").without("body").post();

        assertInvalidField(response, "authorName")
                .body("errors.field", hasItems("authorName", "authorEmail", "authorUrl", "body"))
                .body("errors.findAll { it.field == 'authorEmail' }.message", everyItem(equalTo("must be a valid email")))
                .body("errors.find { it.field == 'authorName' }.message", equalTo("is required"))
                .body("errors.find { it.field == 'authorUrl' }.message", equalTo("must be an absolute http(s) URL"))
                .body("errors.find { it.field == 'body' }.message", equalTo("is required"));
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldNameAnInvalidEmailOnce() {
        String slug = article().createSlug();
        Reader sam = reader();

        assertInvalidField(comment(slug).from(sam.address).email("nobody").post(), "authorEmail")
                .body("errors", hasSize(1))
                .body("detail", equalTo("authorEmail: must be a valid email"));
        assertInvalidField(comment(slug).from(sam.address).without("authorName").email("nobody").post(), "authorEmail")
                .body("errors.field", contains("authorEmail", "authorName"))
                .body("detail", equalTo("The request has 2 invalid fields"));
    }

    @Test
    void shouldAcceptABodyOfExactly5000CharactersAndAnHttpUrlInAnyCase() {
        String slug = article().createSlug();

        comment(slug).body("y".repeat(5000)).url("HTTP://Sam.Example.org").post()
                .then().statusCode(202).body("status", equalTo("pending"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"authorName\": \"Sam\", ", "not json at all", "[\"an\", \"array\"]", "\"a string\"", "" })
    void shouldRefuseMalformedJsonWithAProblem(String json) {
        String slug = article().createSlug();

        Response response = anonymous().contentType(ContentType.JSON).body(json)
                .header("X-Forwarded-For", Comments.address())
                .when().post(commentsUrl(slug));

        assertProblem(response, 400);
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldRefuseValuesOfTheWrongTypeNamingTheField() {
        String slug = article().createSlug();
        Reader sam = reader();

        assertInvalidField(comment(slug).from(sam.address).with("parentId", "the first one").post(), "parentId");
        assertInvalidField(comment(slug).from(sam.address).with("authorName", Map.of("first", "Sam")).post(), "authorName");
        assertInvalidField(comment(slug).from(sam.address).with("body", List.of("a", "b")).post(), "body");
        assertInvalidField(comment(slug).from(sam.address).with("signature", "unexpected").post(), "signature");
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldSayANumberIsNotText() {
        String slug = article().createSlug();

        assertInvalidField(comment(slug).with("authorName", 42).post(), "authorName")
                .body("errors[0].message", equalTo("must be a string"));
    }

    @Test
    void shouldRefuseNulCharactersInTheForm() {
        String slug = article().createSlug();

        assertInvalidField(comment(slug).body("Hidden\u0000text").post(), "body")
                .body("errors[0].message", equalTo("must not contain NUL characters"));
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldRefuseAFormThatIsNotJson() {
        String slug = article().createSlug();

        Response response = anonymous().contentType("application/x-www-form-urlencoded")
                .formParam("authorName", "Sam").formParam("authorEmail", "sam@example.org").formParam("body", "Hi")
                .header("X-Forwarded-For", Comments.address())
                .when().post(commentsUrl(slug));

        assertProblem(response, 415);
        assertNothingStoredFor(slug);
    }

    // ---- replies ----------------------------------------------------------------------------------

    @Test
    void shouldAcceptAReplyToAnApprovedCommentOfTheSameArticle() {
        String slug = article().createSlug();
        long parent = comment(slug).approved();

        long reply = comment(slug).replyTo(parent).body("I disagree, politely.").submit();
        approve(reply);

        assertEquals(parent, moderated(reply).getLong("parentId"));
        thread(slug).then().statusCode(200)
                .header("X-Total-Count", "1")
                .body("items.id", contains((int) parent))
                .body("items[0].replies.id", contains((int) reply))
                .body("items[0].replies[0].parentId", equalTo((int) parent));
    }

    @Test
    void shouldRefuseAReplyToAPendingComment() {
        String slug = article().createSlug();
        long pending = comment(slug).submit();

        assertInvalidField(comment(slug).replyTo(pending).post(), "parentId");
    }

    @Test
    void shouldRefuseAReplyToACommentOfAnotherArticle() {
        String slug = article().createSlug();
        long elsewhere = comment(article().createSlug()).approved();

        assertInvalidField(comment(slug).replyTo(elsewhere).post(), "parentId");
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldRefuseAReplyToAnUnknownComment() {
        String slug = article().createSlug();

        assertInvalidField(comment(slug).replyTo(987_654_321L).post(), "parentId");
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldRefuseAReplyToASpamOrTrashedComment() {
        String slug = article().createSlug();
        long spam = comment(slug).approved();
        Comments.moderate(spam, "spam");
        long trash = comment(slug).approved();
        Comments.moderate(trash, "trash");

        assertInvalidField(comment(slug).replyTo(spam).post(), "parentId");
        assertInvalidField(comment(slug).replyTo(trash).post(), "parentId");
    }

    // ---- articles that take no comments -----------------------------------------------------------

    @Test
    void shouldAnswer404ForADraftArticle() {
        String slug = article().draft().createSlug();

        assertProblem(comment(slug).post(), 404).body("type", endsWith("/not-found"));
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldAnswer404ForAScheduledArticle() {
        String slug = article().publishedAt(Instant.now().plusSeconds(86_400)).createSlug();

        assertProblem(comment(slug).post(), 404).body("type", endsWith("/not-found"));
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldAnswer404ForAnArchivedArticle() {
        String slug = article().archived().createSlug();

        assertProblem(comment(slug).post(), 404).body("type", endsWith("/not-found"));
    }

    @Test
    void shouldAnswer404ForAnUnknownArticle() {
        String slug = unique("no-such-article");

        assertProblem(comment(slug).post(), 404)
                .body("type", endsWith("/not-found"))
                .header("RateLimit-Limit", "5");
    }

    @Test
    void shouldRefuseACommentWhenCommentsAreClosedWith403() {
        String slug = article().with("commentsOpen", false).createSlug();

        assertProblem(comment(slug).post(), 403)
                .body("type", endsWith("/forbidden"))
                .body("detail", containsString("closed"));
        assertNothingStoredFor(slug);
    }

    @Test
    void shouldRedirectAPostOnAnOldSlugWith308ToTheCurrentOne() {
        String oldSlug = article().createSlug();
        String newSlug = unique("renamed");
        patchArticle(oldSlug, Map.of("slug", newSlug));
        Reader sam = reader();

        Response moved = sam.on(oldSlug).post();

        assertProblem(moved, 308);
        URI location = URI.create(moved.header("Location"));
        assertEquals(commentsUrl(newSlug), location.getPath());
        assertNothingStoredFor(newSlug);

        anonymous().contentType(ContentType.JSON).body(sam.on(newSlug).body())
                .header("X-Forwarded-For", sam.address)
                .when().post(location)
                .then().statusCode(202).body("status", equalTo("pending"));
    }

    // ---- staff ------------------------------------------------------------------------------------

    @Test
    void shouldPublishAnEditorsReplyAtOnceMarkedAsStaff() {
        String slug = article().createSlug();
        long question = comment(slug).body("When is part two out?").approved();

        Response answer = comment(slug).name("The Newsdesk").email(unique("desk") + "@newsdesk.example")
                .body("Next Tuesday!").replyTo(question).withToken(token("editor")).post();

        answer.then().statusCode(201).body("status", equalTo("approved"))
                .header("X-Content-Type-Options", "nosniff");
        long answerId = answer.jsonPath().getLong("id");
        thread(slug).then().statusCode(200)
                .body("items[0].id", equalTo((int) question))
                .body("items[0].staff", equalTo(false))
                .body("items[0].replies.id", contains((int) answerId))
                .body("items[0].replies[0].staff", equalTo(true))
                .body("items[0].replies[0].authorName", equalTo("The Newsdesk"))
                .body("items[0].replies[0].bodyHtml", equalTo("<p>Next Tuesday!</p>"));
        assertEquals(2, commentCount(slug));
        assertEquals(true, moderated(answerId).getBoolean("staff"));
    }

    @Test
    void shouldTreatAnAuthorsCommentLikeAReadersOne() {
        String slug = article().createSlug();

        Response response = comment(slug).withToken(token("author")).post();

        response.then().statusCode(202).body("status", equalTo("pending"));
        assertEquals(false, moderated(response.jsonPath().getLong("id")).getBoolean("staff"));
    }

    @Test
    void shouldKeepTheStaffMarkOutOfReadersHands() {
        String slug = article().createSlug();

        Response response = comment(slug).with("staff", true).post();

        assertInvalidField(response, "staff");
        assertNothingStoredFor(slug);
    }

    /** The moderation queue of the article is empty: the refused submission left nothing behind. */
    private static void assertNothingStoredFor(String slug) {
        asAdmin().queryParam("article", slug).when().get(Comments.MODERATION)
                .then().statusCode(200).body("items", empty()).body("totalItems", equalTo(0));
    }
}
