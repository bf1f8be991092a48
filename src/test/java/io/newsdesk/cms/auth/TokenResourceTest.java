package io.newsdesk.cms.auth;

import static io.newsdesk.cms.auth.AuthApi.ARTICLES;
import static io.newsdesk.cms.auth.AuthApi.TOKENS;
import static io.newsdesk.cms.auth.AuthApi.as;
import static io.newsdesk.cms.auth.AuthApi.assertForbidden;
import static io.newsdesk.cms.auth.AuthApi.assertNotFound;
import static io.newsdesk.cms.auth.AuthApi.assertProblem;
import static io.newsdesk.cms.auth.AuthApi.assertUnauthorized;
import static io.newsdesk.cms.auth.AuthApi.issue;
import static io.newsdesk.cms.auth.AuthApi.listed;
import static io.newsdesk.cms.auth.AuthApi.tokenPages;
import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.auth.AuthApi.Issued;
import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Admins issue, list and revoke API tokens on /tokens: secrets shown once, never listed, refused once revoked or expired. */
@QuarkusTest
class TokenResourceTest {

    @Inject
    TestClock clock;

    /** "nd_" then at least 32 random bytes as unpadded base64url (43 characters). */
    private static final String SECRET = "nd_[A-Za-z0-9_-]{43,}";

    // ---- issue --------------------------------------------------------------------------------

    @Test
    void shouldIssueATokenWhoseSecretIsShownOnceAndNeverCached() {
        String name = unique("Maya's laptop");
        Response response = asAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "role", "editor"))
                .when().post(TOKENS);

        response.then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Cache-Control", containsString("no-store"))
                .header("X-Content-Type-Options", "nosniff")
                .body("name", equalTo(name))
                .body("role", equalTo("editor"))
                .body("token", matchesPattern(SECRET))
                .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"))
                .body("revokedAt", nullValue())
                .body("expiresAt", nullValue())
                .body("lastUsedAt", nullValue());
        String secret = response.jsonPath().getString("token");
        long id = response.jsonPath().getLong("id");
        assertEquals(secret.substring(0, response.jsonPath().getString("prefix").length()), response.jsonPath().getString("prefix"),
                "the prefix is the start of the secret");
        assertTrue(response.jsonPath().getString("prefix").length() < 12, "the prefix gives away only a few characters");
        assertEquals(TOKENS + "/" + id, URI.create(response.header("Location")).getPath());

        // the secret is a working editor token
        as(secret).queryParam("status", "draft")
                .when().get(ARTICLES)
                .then().statusCode(200);
    }

    @Test
    void shouldIssueADifferentRandomSecretEachTime() {
        Issued first = issue("author");
        Issued second = issue("author");

        assertTrue(first.secret().matches(SECRET), first.secret());
        assertTrue(second.secret().matches(SECRET), second.secret());
        assertNotEquals(first.secret(), second.secret());
        assertNotEquals(first.id(), second.id());
    }

    @Test
    void shouldIssueATokenThatExpiresWhenAskedTo() {
        Instant expiresAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

        asAdmin().contentType(ContentType.JSON).body(Map.of("name", unique("ci"), "role", "author", "expiresAt", expiresAt.toString()))
                .when().post(TOKENS)
                .then().statusCode(201)
                .body("expiresAt", equalTo(expiresAt.toString()));
    }

    // ---- list ---------------------------------------------------------------------------------

    @Test
    void shouldListTokensWithoutEverShowingASecret() {
        Issued token = issue("editor");
        as(token).queryParam("status", "all").when().get(ARTICLES).then().statusCode(200);

        for (String page : tokenPages()) {
            assertFalse(page.contains(token.secret()), "GET /tokens shows the secret: " + page);
            assertFalse(page.contains(token.secret().substring(3)), "GET /tokens shows the random part of the secret");
        }
        Map<String, Object> listed = listed(token.id());
        assertEquals(token.name(), listed.get("name"));
        assertEquals("editor", listed.get("role"));
        assertFalse(listed.containsKey("token"), "a listed token has no secret: " + listed);
        assertTrue(token.secret().startsWith((String) listed.get("prefix")), "the prefix tells tokens apart: " + listed);
    }

    @Test
    void shouldPageTheTokenListLikeEveryList() {
        issue("author");

        asAdmin().queryParam("size", 1).when().get(TOKENS)
                .then().statusCode(200)
                .header("Cache-Control", AuthApi.NO_STORE)
                .header("X-Total-Count", notNullValue())
                .header("Link", containsString("rel=\"next\""))
                .body("items.size()", equalTo(1))
                .body("page", equalTo(1))
                .body("size", equalTo(1))
                // the bootstrap token is the first one there ever was
                .body("items[0].name", equalTo("bootstrap"))
                .body("items[0].role", equalTo("admin"));
    }

    @Test
    void shouldRecordWhenATokenWasLastUsed() {
        Issued token = issue("author");
        assertNull(listed(token.id()).get("lastUsedAt"), "a token never used has no lastUsedAt");
        Instant before = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        as(token).when().get(ARTICLES).then().statusCode(200);

        Object lastUsedAt = listed(token.id()).get("lastUsedAt");
        assertNotNull(lastUsedAt, "lastUsedAt after a request with the token");
        Instant used = Instant.parse((String) lastUsedAt);
        assertFalse(used.isBefore(before), "lastUsedAt " + used + " is the time of use, not before " + before);
        assertFalse(used.isAfter(clock.instant().plusSeconds(1)), "lastUsedAt " + used + " is not in the future");
    }

    // ---- revoke -------------------------------------------------------------------------------

    @Test
    void shouldRefuseARevokedTokenOnTheVeryNextRequest() {
        Issued token = issue("editor");
        as(token).queryParam("status", "draft").when().get(ARTICLES).then().statusCode(200);

        asAdmin().when().delete(TOKENS + "/" + token.id())
                .then().statusCode(204)
                .body(emptyString());

        assertUnauthorized(as(token).queryParam("status", "draft").when().get(ARTICLES));
        assertUnauthorized(as(token).contentType(ContentType.JSON).body(Map.of("title", "After revocation")).when().post(ARTICLES));
        Map<String, Object> listed = listed(token.id());
        assertNotNull(listed.get("revokedAt"), "the list shows when it was revoked: " + listed);
    }

    @Test
    void shouldAcceptRevokingATokenTwice() {
        Issued token = issue("author");
        asAdmin().when().delete(TOKENS + "/" + token.id()).then().statusCode(204);
        Object revokedAt = listed(token.id()).get("revokedAt");

        asAdmin().when().delete(TOKENS + "/" + token.id()).then().statusCode(204);

        assertEquals(revokedAt, listed(token.id()).get("revokedAt"), "revoking again changes nothing");
        assertUnauthorized(as(token).when().get(ARTICLES));
    }

    @Test
    void shouldAnswer404ForRevokingATokenThatDoesNotExist() {
        assertNotFound(asAdmin().when().delete(TOKENS + "/987654321"))
                .body("detail", containsString("987654321"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "-1", "1.5", "99999999999999999999999" })
    void shouldAnswer404ForATokenIdThatIsNotANumber(String id) {
        assertNotFound(asAdmin().when().delete(TOKENS + "/" + id));
    }

    // ---- validation ---------------------------------------------------------------------------

    @Test
    void shouldRequireAName() {
        assertInvalid(Map.of("role", "editor"), "name");
    }

    @Test
    void shouldRequireANameThatIsNotBlank() {
        assertInvalid(Map.of("name", "   ", "role", "editor"), "name");
    }

    @Test
    void shouldRequireARole() {
        assertInvalid(Map.of("name", unique("no role")), "role");
    }

    @ParameterizedTest
    @ValueSource(strings = { "superuser", "ADMIN", "" })
    void shouldRefuseAnUnknownRole(String role) {
        assertInvalid(Map.of("name", unique("bad role"), "role", role), "role");
    }

    @Test
    void shouldRefuseAnExpiryInThePast() {
        String past = Instant.now().minus(Duration.ofHours(1)).toString();
        assertInvalid(Map.of("name", unique("expired"), "role", "editor", "expiresAt", past), "expiresAt");
    }

    @Test
    void shouldRefuseAnExpiryThatIsNotATimestamp() {
        assertInvalid(Map.of("name", unique("garbled"), "role", "editor", "expiresAt", "next tuesday"), "expiresAt");
    }

    @Test
    void shouldRefuseATokenRequestWithNoBody() {
        assertProblem(asAdmin().contentType(ContentType.JSON).when().post(TOKENS), 400);
    }

    private static void assertInvalid(Map<String, Object> body, String field) {
        Response response = asAdmin().contentType(ContentType.JSON).body(new HashMap<>(body)).when().post(TOKENS);
        assertProblem(response, 400)
                .body("type", endsWith("/invalid-input"))
                .body("errors.field", hasItem(field))
                .body("detail", containsString(field));
    }

    // ---- expiry -------------------------------------------------------------------------------

    @Test
    void shouldRefuseATokenOnceItHasExpired() {
        Instant expiresAt = clock.stop().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Issued token = issue("editor", expiresAt);
        clock.passTo(expiresAt.minusSeconds(1));
        as(token).queryParam("status", "draft").when().get(ARTICLES).then().statusCode(200);

        clock.passTo(expiresAt);

        assertUnauthorized(as(token).queryParam("status", "draft").when().get(ARTICLES));
        assertUnauthorized(as(token).contentType(ContentType.JSON).body(Map.of("title", "Too late")).when().post(ARTICLES));
    }

    // ---- who may ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "editor", "author" })
    void shouldRefuseTokenRoutesToAnyoneButAdmins(String role) {
        Issued caller = issue(role);
        Issued victim = issue("author");

        assertForbidden(as(caller).contentType(ContentType.JSON).body(Map.of("name", unique("escalate"), "role", "admin"))
                .when().post(TOKENS));
        assertForbidden(as(caller).when().get(TOKENS));
        assertForbidden(as(caller).when().delete(TOKENS + "/" + victim.id()));

        assertNull(listed(victim.id()).get("revokedAt"), "the refused DELETE revoked nothing");
        as(victim).when().get(ARTICLES).then().statusCode(200);
    }

    @Test
    void shouldLetATokenIssuedToAnAdminManageTokens() {
        Issued admin = issue("admin");

        Response issued = as(admin).contentType(ContentType.JSON).body(Map.of("name", unique("by admin"), "role", "author"))
                .when().post(TOKENS);
        issued.then().statusCode(201).body("token", matchesPattern(SECRET));
        as(admin).when().get(TOKENS).then().statusCode(200);
        as(admin).when().delete(TOKENS + "/" + issued.jsonPath().getLong("id")).then().statusCode(204);
    }

    @Test
    void shouldChallengeACallerWithoutAToken() {
        Issued victim = issue("author");

        assertUnauthorized(anonymous().contentType(ContentType.JSON).body(Map.of("name", unique("anon"), "role", "admin"))
                .when().post(TOKENS));
        assertUnauthorized(given().when().get(TOKENS))
                .body("$", not(hasKey("items")));
        assertUnauthorized(anonymous().when().delete(TOKENS + "/" + victim.id()));

        assertNull(listed(victim.id()).get("revokedAt"), "the refused DELETE revoked nothing");
    }
}
