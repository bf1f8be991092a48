package io.newsdesk.cms.comment;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Comments.commentCount;
import static io.newsdesk.cms.support.Comments.moderationUrl;
import static io.newsdesk.cms.support.Comments.reader;
import static io.newsdesk.cms.support.Comments.thread;
import static io.newsdesk.cms.support.Fixtures.article;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.support.Callers;
import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.Comments.Reader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Issue 18, finding 3: "Auto-approval trusts an email address anyone can type". A reader's comment skips moderation
 * only when it presents the commenter key handed out with an approved comment of the same email. Readers post
 * anonymously; moderators act with the admin token.
 */
@QuarkusTest
class CommenterKeyTest {

    /** The signing key's id, the comment id, the signature (see SigningKeys). */
    private static final String KEY = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{11}\\.[A-Za-z0-9_-]{43}$";

    @Inject
    CmsConfig config;

    @Test
    void shouldTrustOnlyCommenterKeysUnlessConfiguredOtherwise() {
        assertEquals(CmsConfig.Comments.AutoApprove.COMMENTER_KEY, config.comments().autoApprove(),
                "the test profile leaves CMS_COMMENTS_AUTO_APPROVE at its default");
    }

    @Test
    void shouldHoldACommentWithAKnownEmailButNoKeyForModeration() {
        String slug = article().createSlug();
        Reader sam = reader();
        long first = sam.on(slug).submit();
        moderate(first, "approved");
        Reader impostor = Comments.reader(sam.email, "Impostor/1.0");

        Response typed = impostor.on(slug).name(sam.name).body("Sam here: this shop is great, https://shop.example.net").post();
        Response samElsewhere = sam.on(slug).body("Written on my other laptop, which has no key.").post();

        for (Response held : new Response[] { typed, samElsewhere }) {
            held.then().statusCode(202).contentType(ContentType.JSON).body("status", equalTo("pending"));
            held.then().body("commenterKey", matchesPattern(KEY));
            assertEquals("pending", moderatedStatus(held.jsonPath().getLong("id")));
        }
        thread(slug).then().statusCode(200).header("X-Total-Count", "1").body("items.id", contains((int) first));
        assertEquals(1, commentCount(slug));
    }

    @Test
    void shouldApproveAtOnceACommentThatPresentsItsCommentersKey() {
        String slug = article().createSlug();
        Reader sam = reader();
        Response firstAnswer = sam.on(slug).body("My first comment here.").post();
        firstAnswer.then().statusCode(202).body("status", equalTo("pending")).body("commenterKey", matchesPattern(KEY));
        long first = firstAnswer.jsonPath().getLong("id");
        String key = firstAnswer.jsonPath().getString("commenterKey");
        moderate(first, "approved");

        Response second = sam.on(slug).body("And a second thought.").commenterKey(key).post();

        second.then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("X-Content-Type-Options", "nosniff")
                .header("RateLimit-Remaining", "3")
                .body("status", equalTo("approved"))
                .body("commenterKey", equalTo(key));
        long secondId = second.jsonPath().getLong("id");
        thread(slug).then().statusCode(200)
                .header("X-Total-Count", "2")
                .body("items.id", contains((int) first, (int) secondId))
                .body("items[1].bodyHtml", equalTo("<p>And a second thought.</p>"));
        assertEquals(2, commentCount(slug));
    }

    @Test
    void shouldRecogniseACommentersKeyOnAnotherArticleAndInAnotherCaseOfTheEmail() {
        String first = article().createSlug();
        String second = article().createSlug();
        Reader sam = reader();
        String key = approvedFirstComment(sam, first).key;

        sam.on(second).email(sam.email.toUpperCase()).commenterKey(key).post()
                .then().statusCode(201).body("status", equalTo("approved"));

        assertEquals(1, commentCount(second));
    }

    @Test
    void shouldKeepAFirstCommentsKeyWaitingUntilAModeratorApprovesThatComment() {
        String slug = article().createSlug();
        Reader sam = reader();
        Response firstAnswer = sam.on(slug).post();
        long first = firstAnswer.jsonPath().getLong("id");
        String key = firstAnswer.jsonPath().getString("commenterKey");

        sam.on(slug).commenterKey(key).post().then().statusCode(202).body("status", equalTo("pending"));

        moderate(first, "approved");
        sam.on(slug).commenterKey(key).post().then().statusCode(201).body("status", equalTo("approved"));

        moderate(first, "trash");
        sam.on(slug).commenterKey(key).post().then().statusCode(202).body("status", equalTo("pending"));
    }

    @Test
    void shouldRefuseAKeyIssuedForAnotherEmail() {
        String slug = article().createSlug();
        Reader sam = reader();
        Approved samsFirst = approvedFirstComment(sam, slug);
        Reader alex = reader();
        Approved alexsFirst = approvedFirstComment(alex, slug);

        Response asSam = alex.on(slug).email(sam.email).name(sam.name).commenterKey(alexsFirst.key).post();
        Response graftedOnSamsComment = alex.on(slug).email(sam.email).name(sam.name)
                .commenterKey(samsFirst.key.substring(0, samsFirst.key.lastIndexOf('.')) + alexsFirst.key.substring(alexsFirst.key.lastIndexOf('.')))
                .post();

        for (Response held : new Response[] { asSam, graftedOnSamsComment }) {
            held.then().statusCode(202).body("status", equalTo("pending")).body("commenterKey", matchesPattern(KEY));
            assertNotEquals(alexsFirst.key, held.jsonPath().getString("commenterKey"));
            assertNotEquals(samsFirst.key, held.jsonPath().getString("commenterKey"));
        }
        alex.on(slug).commenterKey(alexsFirst.key).post().then().statusCode(201).body("status", equalTo("approved"));
        assertEquals(3, commentCount(slug));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not-a-key", "a.b", "AAAAAAAAABI.", ".AAAA", "%%%.%%%", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAA" })
    void shouldAnswerAMalformedKeyLikeNoKey(String key) {
        String slug = article().createSlug();
        Reader sam = reader();
        approvedFirstComment(sam, slug);

        Comments.reader(sam.email, "Prober/1.0").on(slug).commenterKey(key).post()
                .then().statusCode(202).body("status", equalTo("pending")).body("commenterKey", matchesPattern(KEY));
    }

    @Test
    void shouldAnswerAKeyWithOneCharacterChangedLikeNoKey() {
        String slug = article().createSlug();
        Reader sam = reader();
        String key = approvedFirstComment(sam, slug).key;
        int at = key.lastIndexOf('.') + 20; // inside the signature, where every bit counts
        String forged = key.substring(0, at) + (key.charAt(at) == 'A' ? 'B' : 'A') + key.substring(at + 1);

        sam.on(slug).commenterKey(forged).post().then().statusCode(202).body("status", equalTo("pending"));
    }

    @Test
    void shouldRevokeAKeyWhenAModeratorMarksACommentItPublishedAsSpam() {
        String slug = article().createSlug();
        Reader sam = reader();
        Approved first = approvedFirstComment(sam, slug);
        long published = sam.on(slug).body("Cheap watches at https://watches.example.net").commenterKey(first.key).post()
                .then().statusCode(201).extract().jsonPath().getLong("id");

        moderate(published, "spam");

        sam.on(slug).commenterKey(first.key).post().then().statusCode(202).body("status", equalTo("pending"));
        thread(slug).then().statusCode(200).body("items.id", contains((int) first.id));
    }

    @Test
    void shouldStillApplyTheSpamRulesToACommentThatPresentsAWorkingKeyAndKeepTheKeyWorking() {
        String slug = article().createSlug();
        Reader sam = reader();
        Approved first = approvedFirstComment(sam, slug);

        Response blockedWord = sam.on(slug).body("Try viagra today").commenterKey(first.key).post();
        Response honeypot = sam.on(slug).homepage("https://bot.example.net").commenterKey(first.key).post();

        for (Response held : new Response[] { blockedWord, honeypot }) {
            held.then().statusCode(202).body("status", equalTo("pending")).body("commenterKey", equalTo(first.key));
            assertEquals("spam", moderatedStatus(held.jsonPath().getLong("id")));
        }
        sam.on(slug).commenterKey(first.key).post().then().statusCode(201).body("status", equalTo("approved"));
    }

    @Test
    void shouldPublishAStaffCommentAtOnceWithoutAKey() {
        String slug = article().createSlug();

        Comments.comment(slug).name("The Newsdesk").withToken(Callers.ADMIN_TOKEN).post()
                .then().statusCode(201).body("status", equalTo("approved")).body("$", not(hasKey("commenterKey")));
    }

    private record Approved(long id, String key) {
    }

    /** A reader's first comment, held for moderation and then approved by a moderator, with the key it was given. */
    private static Approved approvedFirstComment(Reader reader, String slug) {
        Response answer = reader.on(slug).post();
        answer.then().statusCode(202).body("status", equalTo("pending")).body("commenterKey", matchesPattern(KEY));
        long id = answer.jsonPath().getLong("id");
        moderate(id, "approved");
        return new Approved(id, answer.jsonPath().getString("commenterKey"));
    }

    private static void moderate(long id, String status) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("status", status))
                .when().patch(moderationUrl(id))
                .then().statusCode(200).body("status", equalTo(status));
    }

    private static String moderatedStatus(long id) {
        return asAdmin().when().get(moderationUrl(id)).then().statusCode(200).extract().path("status");
    }
}
