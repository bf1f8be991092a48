package io.newsdesk.cms.comment;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Comments.assertInvalidField;
import static io.newsdesk.cms.support.Comments.assertProblem;
import static io.newsdesk.cms.support.Comments.comment;
import static io.newsdesk.cms.support.Comments.commentCount;
import static io.newsdesk.cms.support.Comments.commentsUrl;
import static io.newsdesk.cms.support.Comments.moderated;
import static io.newsdesk.cms.support.Comments.reader;
import static io.newsdesk.cms.support.Comments.thread;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.Comments.CommentBuilder;
import io.newsdesk.cms.support.Comments.Reader;
import io.newsdesk.cms.support.TestClock;
import io.newsdesk.cms.support.Transcript;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The defences of the comment form: honeypot, links, blocked words and domains, duplicates and the rate limit. */
@QuarkusTest
class SpamDefenceTest {

    @Inject
    TestClock clock;

    @Inject
    CmsConfig config;

    @Inject
    EntityManager em;

    // ---- quietly kept as spam ---------------------------------------------------------------------

    @Test
    void shouldKeepAFilledHoneypotAsSpam() {
        String slug = article().createSlug();
        Reader bot = reader();

        Response response = bot.on(slug).homepage("https://cheap-pills.example.net").post();

        // answered exactly like a comment waiting for moderation, so the bot learns nothing
        response.then().statusCode(202)
                .contentType(ContentType.JSON)
                .header("RateLimit-Remaining", "4")
                .body("status", equalTo("pending"));
        assertEquals(Set.of("id", "status", "commenterKey"), response.jsonPath().getMap("$").keySet());
        long id = response.jsonPath().getLong("id");
        assertListedAsSpam(slug, id, "honeypot");
        asAdmin().queryParam("status", "pending").queryParam("article", slug).when().get(Comments.MODERATION)
                .then().statusCode(200).body("items", empty());
        assertNeverPublic(slug);
    }

    @Test
    void shouldKeepAFilledHoneypotAsSpamEvenFromAReturningCommenter() {
        String slug = article().createSlug();
        Reader sam = reader();
        sam.on(slug).approved();

        Response response = sam.on(slug).homepage("x").post();

        response.then().statusCode(202).body("status", equalTo("pending"));
        assertEquals("spam", moderated(response.jsonPath().getLong("id")).getString("status"));
        assertEquals(1, commentCount(slug));
    }

    @Test
    void shouldKeepACommentWithMoreThanTwoLinksAsSpam() {
        String slug = article().createSlug();

        long id = comment(slug)
                .body("Visit https://one.example.com and http://two.example.com or https://three.example.com/x?y=1").submit();

        assertListedAsSpam(slug, id, "too many links");
        assertNeverPublic(slug);
    }

    @Test
    void shouldQueueACommentWithTwoLinksForModeration() {
        String slug = article().createSlug();

        long id = comment(slug).url("https://my.example.org").body("Sources: https://one.example.com and https://two.example.com.").submit();

        assertEquals("pending", moderated(id).getString("status"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Cheap viagra here", "CHEAP VIAGRA", "Best Viagra, fast.", "(viagra)", "Get your Casino Bonus today",
            "casino bonus", "A CASINO BONUS!" })
    void shouldKeepACommentWithABlockedWordInAnyCaseAsSpam(String text) {
        String slug = article().createSlug();

        long id = comment(slug).body(text).submit();

        assertListedAsSpam(slug, id, "blocked word");
        assertNeverPublic(slug);
    }

    @Test
    void shouldKeepACommentWhoseAuthorNameHasABlockedWordAsSpam() {
        String slug = article().createSlug();

        long id = comment(slug).name("Viagra Deals").submit();

        assertListedAsSpam(slug, id, "blocked word");
    }

    @ParameterizedTest
    @ValueSource(strings = { "We toured the Viagrande vineyards last year.", "Their casino bonuses page was empty.", "casinobonus" })
    void shouldMatchBlockedWordsAsWholeWordsOnly(String text) {
        String slug = article().createSlug();

        long id = comment(slug).body(text).submit();

        assertEquals("pending", moderated(id).getString("status"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "spam.example", "SPAM.Example", "mail.spam.example", "a.b.spam.example" })
    void shouldKeepACommentFromABlockedEmailDomainOrItsSubdomainsAsSpam(String domain) {
        String slug = article().createSlug();

        long id = comment(slug).email(unique("bot") + "@" + domain).submit();

        assertListedAsSpam(slug, id, "blocked email domain");
        assertNeverPublic(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = { "notspam.example", "spam.example.org", "spam-example.org" })
    void shouldNotBlockADomainThatOnlyLooksLikeABlockedOne(String domain) {
        String slug = article().createSlug();

        long id = comment(slug).email(unique("reader") + "@" + domain).submit();

        assertEquals("pending", moderated(id).getString("status"));
    }

    @Test
    void shouldPublishAStaffCommentWithoutSpamChecks() {
        String slug = article().createSlug();

        comment(slug).body("Links: https://a.example.com https://b.example.com https://c.example.com")
                .withToken(token("editor")).post()
                .then().statusCode(201).body("status", equalTo("approved"));

        assertEquals(1, commentCount(slug));
    }

    // ---- duplicates -------------------------------------------------------------------------------

    @Test
    void shouldRefuseTheSameBodyFromTheSameEmailWithA409() {
        String slug = article().createSlug();
        Reader sam = reader();
        sam.on(slug).body("Great piece about small language models").submit();

        Response again = sam.on(slug).body("Great piece about small language models").post();
        Response reformatted = sam.on(slug).body("  great piece\nabout   SMALL language\tmodels ").post();

        assertProblem(again, 409).body("type", endsWith("/conflict")).header("RateLimit-Remaining", "3");
        assertProblem(reformatted, 409).body("type", endsWith("/conflict"));
        asAdmin().queryParam("article", slug).when().get(Comments.MODERATION)
                .then().statusCode(200).body("totalItems", equalTo(1));
    }

    @Test
    void shouldRefuseTheSameBodyFromTheSameEmailOnAnotherArticleOrInAnotherCase() {
        String first = article().createSlug();
        String second = article().createSlug();
        Reader sam = reader();
        sam.on(first).body("Copy and paste everywhere").submit();

        assertProblem(sam.on(second).email(sam.email.toUpperCase()).body("Copy and paste everywhere").post(), 409);
    }

    @Test
    void shouldAcceptTheSameBodyFromAnotherEmail() {
        String slug = article().createSlug();
        comment(slug).body("+1, exactly my experience").submit();

        comment(slug).body("+1, exactly my experience").post().then().statusCode(202);
    }

    @Test
    void shouldAcceptTheSameBodyAgainOnceTheDuplicateWindowHasPassed() {
        String slug = article().createSlug();
        Reader sam = reader();
        long first = sam.on(slug).body("Happy new year, everyone").submit();
        long minutes = config.comments().duplicateWindow().toMinutes() + 1;
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("update comment set created_at = created_at - make_interval(mins => :minutes) where id = :id")
                .setParameter("minutes", (int) minutes).setParameter("id", first).executeUpdate());

        sam.on(slug).body("Happy new year, everyone").post().then().statusCode(202).body("status", equalTo("pending"));
    }

    // ---- the rate limit ---------------------------------------------------------------------------

    @Test
    void shouldAnswerTheSixthCommentFromOneAddressWithA429AndRetryAfter() {
        String slug = article().createSlug();
        Reader sam = reader();
        int limit = config.comments().rateLimit();
        assertEquals(5, limit, "the test profile's limit");
        stopTheClockForABurst();

        Transcript transcript = new Transcript("A burst of comments from one client address");
        List<Integer> remaining = new ArrayList<>();
        for (int i = 1; i <= limit; i++) {
            Response accepted = burst(transcript, sam.on(slug).body("Comment number " + i + " in a burst"));
            accepted.then().statusCode(202).header("RateLimit-Limit", Integer.toString(limit));
            remaining.add(Integer.parseInt(accepted.header("RateLimit-Remaining")));
            assertResetWithinTheWindow(accepted);
        }
        Response refused = burst(transcript, sam.on(slug).body("Comment number 6 in a burst"));
        transcript.print();

        assertEquals(List.of(4, 3, 2, 1, 0), remaining);
        assertProblem(refused, 429)
                .body("type", endsWith("/rate-limited"))
                .header("RateLimit-Limit", "5")
                .header("RateLimit-Remaining", "0");
        String retryAfter = refused.header("Retry-After");
        assertNotNull(retryAfter, "Retry-After");
        assertTrue(retryAfter.matches("[1-9][0-9]*"), "Retry-After is a positive number of seconds: " + retryAfter);
        assertTrue(Long.parseLong(retryAfter) <= config.comments().rateWindow().toSeconds(), retryAfter);
        assertResetWithinTheWindow(refused);
        // the refused comment was not stored, and the address stays refused
        asAdmin().queryParam("article", slug).when().get(Comments.MODERATION)
                .then().statusCode(200).body("totalItems", equalTo(limit));
        assertProblem(sam.on(slug).body("Comment number 7 in a burst").post(), 429);
        // another reader at another address is not affected
        Response other = comment(slug).post();
        other.then().statusCode(202).header("RateLimit-Remaining", "4");
    }

    @Test
    void shouldCountIpv6ClientsByTheirSlash64SoRotatingAddressesDoesNotEscapeTheLimit() {
        String slug = article().createSlug();
        int limit = config.comments().rateLimit();
        String network = "2001:db8:" + Integer.toHexString(Comments.address().hashCode() & 0xffff) + ":" + Integer.toHexString(limit) + ":";
        stopTheClockForABurst();

        for (int i = 1; i <= limit; i++) {
            comment(slug).from(network + "0:0:0:" + Integer.toHexString(i)).with("body", unique("From address " + i)).post()
                    .then().statusCode(202);
        }
        // Another address of the same /64, written another way: refused as the same client.
        assertProblem(comment(slug).from(network + "a1b2:c3d4:e5f6:789").with("body", unique("Rotated")).post(), 429)
                .header("RateLimit-Remaining", "0");
        // The next /64 is another client; an IPv4 address written as IPv6 counts as that IPv4 address.
        comment(slug).from("2001:db8:ffff:fffe::1").with("body", unique("Next network")).post().then().statusCode(202);
        String ipv4 = Comments.address();
        comment(slug).from("::ffff:" + ipv4).with("body", unique("Mapped")).post().then().statusCode(202)
                .header("RateLimit-Remaining", Integer.toString(limit - 1));
        comment(slug).from(ipv4).with("body", unique("Plain")).post().then().statusCode(202)
                .header("RateLimit-Remaining", Integer.toString(limit - 2));
    }

    @Test
    void shouldCountEveryPostAndSendRateLimitHeadersOnErrorsToo() {
        String open = article().createSlug();
        String closed = article().with("commentsOpen", false).createSlug();
        Reader sam = reader();
        stopTheClockForABurst();

        Response accepted = sam.on(open).body("Once").post();
        Response invalid = sam.on(open).email("not-an-email").post();
        Response duplicate = sam.on(open).body("Once").post();
        Response unknown = sam.on(unique("no-such-article")).post();
        Response refused = sam.on(closed).post();
        Response limited = sam.on(open).body("Twice").post();

        accepted.then().statusCode(202);
        assertInvalidField(invalid, "authorEmail");
        assertProblem(duplicate, 409);
        assertProblem(unknown, 404);
        assertProblem(refused, 403);
        assertProblem(limited, 429);
        List<Response> answers = List.of(accepted, invalid, duplicate, unknown, refused, limited);
        List<String> remaining = new ArrayList<>();
        long previousReset = Long.MAX_VALUE;
        for (Response answer : answers) {
            assertEquals("5", answer.header("RateLimit-Limit"), "RateLimit-Limit on " + answer.statusCode());
            remaining.add(answer.header("RateLimit-Remaining"));
            long reset = assertResetWithinTheWindow(answer);
            assertTrue(reset <= previousReset, "RateLimit-Reset counts down");
            previousReset = reset;
        }
        assertEquals(List.of("4", "3", "2", "1", "0", "0"), remaining);
    }

    @Test
    void shouldCountAndSendRateLimitHeadersOnAMalformedCommentPost() {
        String slug = article().createSlug();
        String address = Comments.address();
        stopTheClockForABurst();

        Response malformed = anonymous().contentType(ContentType.JSON).body("{\"authorName\": ")
                .header("X-Forwarded-For", address)
                .when().post(commentsUrl(slug));
        Response wrongType = comment(slug).from(address).with("parentId", "first").post();

        assertProblem(malformed, 400).header("RateLimit-Limit", "5").header("RateLimit-Remaining", "4");
        assertResetWithinTheWindow(malformed);
        assertInvalidField(wrongType, "parentId").header("RateLimit-Limit", "5").header("RateLimit-Remaining", "3");
    }

    @Test
    void shouldNotRateLimitAnEditorsComments() {
        String slug = article().createSlug();
        String editor = token("editor");
        String address = Comments.address();
        stopTheClockForABurst();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            statuses.add(comment(slug).from(address).withToken(editor).body("Staff note " + i).post().statusCode());
        }

        assertEquals(List.of(201, 201, 201, 201, 201, 201, 201), statuses);
        thread(slug).then().statusCode(200).header("X-Total-Count", "7");
        // and they do not eat into the readers' allowance at that address
        comment(slug).from(address).post().then().statusCode(202).header("RateLimit-Remaining", "4");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static Response burst(Transcript transcript, CommentBuilder comment) {
        return transcript.record("POST", comment.endpoint(), comment.headers(), comment.body(), comment.post(),
                "Content-Type", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After");
    }

    private static void assertListedAsSpam(String slug, long id, String reason) {
        asAdmin().queryParam("status", "spam").queryParam("article", slug).when().get(Comments.MODERATION)
                .then().statusCode(200)
                .body("items.id", contains((int) id))
                .body("items[0].status", equalTo("spam"))
                .body("items[0].spamReason", equalTo(reason));
    }

    private static void assertNeverPublic(String slug) {
        thread(slug).then().statusCode(200).header("X-Total-Count", "0").body("items", empty());
        given().queryParam("include", "comments").when().get(Comments.ARTICLES + "/" + slug)
                .then().statusCode(200).body("commentCount", equalTo(0)).body("comments.items", empty());
    }

    /** RateLimit-Reset is the whole number of seconds left in the window. */
    private long assertResetWithinTheWindow(Response response) {
        String reset = response.header("RateLimit-Reset");
        assertNotNull(reset, "RateLimit-Reset on " + response.statusCode());
        assertTrue(reset.matches("[0-9]+"), "RateLimit-Reset is a number of seconds: " + reset);
        long seconds = Long.parseLong(reset);
        assertTrue(seconds > 0 && seconds <= config.comments().rateWindow().toSeconds(), "RateLimit-Reset " + seconds);
        return seconds;
    }

    /**
     * Stops the service's clock, so that a burst falls in one window of the rate limit however long it takes:
     * the limit counts in fixed windows, and a burst that straddled two would be counted in both.
     */
    private void stopTheClockForABurst() {
        clock.stop();
    }
}
