package io.newsdesk.cms.auth;

import static io.newsdesk.cms.auth.AuthApi.ARTICLES;
import static io.newsdesk.cms.auth.AuthApi.NO_STORE;
import static io.newsdesk.cms.auth.AuthApi.assertNotFound;
import static io.newsdesk.cms.auth.AuthApi.assertUnauthorized;
import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Draft preview for front-ends: a signed, expiring token shows one hidden article, as it stands now, to
 * whoever holds it, and is never cached; any other token is an ordinary 404.
 */
@QuarkusTest
class PreviewTest {

    @Inject
    TestClock clock;

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    PreviewTokens previewTokens;

    @Test
    void shouldShowADraftToWhoeverHoldsItsPreviewToken() {
        String slug = article().draft().title("Embargoed scoop").createSlug();
        assertNotFound(given().when().get(ARTICLES + "/" + slug));

        JsonPath issued = asAdmin().when().post(ARTICLES + "/" + slug + "/preview-token")
                .then().statusCode(200)
                .header("Cache-Control", NO_STORE)
                .body("slug", equalTo(slug))
                .body("token", matchesPattern("[A-Za-z0-9_.-]+"))
                .extract().jsonPath();
        Instant expiresAt = Instant.parse(issued.getString("expiresAt"));
        assertTrue(expiresAt.isAfter(clock.instant().plus(Duration.ofMinutes(50))), "valid for about an hour: " + expiresAt);
        assertTrue(expiresAt.isBefore(clock.instant().plus(Duration.ofMinutes(61))), "valid for about an hour: " + expiresAt);

        preview(slug, issued.getString("token")).then()
                .statusCode(200)
                .header("Cache-Control", NO_STORE)
                .body("slug", equalTo(slug))
                .body("title", equalTo("Embargoed scoop"))
                .body("status", equalTo("draft"))
                // a previewer is not a caller: no audit trail
                .body("$", not(hasKey("createdBy")));
    }

    @Test
    void shouldShowAScheduledArticleToWhoeverHoldsItsPreviewToken() {
        String slug = article().publishedAt(Instant.now().plus(Duration.ofDays(1))).createSlug();
        assertNotFound(given().when().get(ARTICLES + "/" + slug));

        preview(slug, previewToken(slug)).then()
                .statusCode(200)
                .header("Cache-Control", NO_STORE)
                .body("slug", equalTo(slug))
                .body("status", equalTo("published"));
    }

    @Test
    void shouldShowTheArticleAsItStandsAfterAnEdit() {
        String slug = article().draft().title("First draft").createSlug();
        String token = previewToken(slug);
        preview(slug, token).then().statusCode(200).body("title", equalTo("First draft"));

        asAdmin().contentType(MERGE_PATCH).body("{\"title\":\"Second draft\",\"body\":\"Now with *more* facts.\"}")
                .when().patch(ARTICLES + "/" + slug).then().statusCode(200);

        preview(slug, token).then()
                .statusCode(200)
                .header("Cache-Control", NO_STORE)
                .body("title", equalTo("Second draft"))
                .body("body", equalTo("Now with *more* facts."));
    }

    @Test
    void shouldNotCacheAPreviewOfAPublicArticleEither() {
        String slug = article().createSlug();

        preview(slug, previewToken(slug)).then().statusCode(200).header("Cache-Control", NO_STORE);
    }

    @Test
    void shouldRefuseAPreviewTokenOnAnotherArticle() {
        String shown = article().draft().createSlug();
        String hidden = article().draft().title("The other secret").createSlug();
        String token = previewToken(shown);

        assertNotFound(preview(hidden, token)).header("Cache-Control", NO_STORE);
        preview(shown, token).then().statusCode(200);
    }

    @Test
    void shouldRefuseAPreviewTokenWithATamperedSignature() {
        String slug = article().draft().createSlug();
        String token = previewToken(slug);
        int signature = token.lastIndexOf('.') + 1;
        // flip a character well inside the signature: the last one may only carry padding bits
        char flipped = token.charAt(signature + 2) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, signature + 2) + flipped + token.substring(signature + 3);

        assertNotFound(preview(slug, forged));
    }

    @Test
    void shouldRefuseAPreviewTokenWhosePayloadWasChangedToAnotherArticle() {
        JsonPath mine = article().draft().create();
        JsonPath other = article().draft().create();
        String token = previewToken(mine.getString("slug"));
        // re-sign nothing: keep my key id and signature, swap in a payload naming the other article
        String payloadForOther = previewTokens.issue(other.getLong("id"), Instant.now().plusSeconds(600)).split("\\.")[1];
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + payloadForOther + "." + parts[2];

        assertNotFound(preview(other.getString("slug"), forged));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "garbage", "AAAAAAAAAAEAAAAAf____w.AAAA", "....", "%00", "not.base64!" })
    void shouldRefuseAForgedPreviewToken(String forged) {
        String slug = article().draft().createSlug();

        assertNotFound(preview(slug, forged)).header("Cache-Control", NO_STORE);
    }

    @Test
    void shouldRefuseAnAbsurdlyLongPreviewToken() {
        String slug = article().draft().createSlug();

        assertNotFound(preview(slug, previewToken(slug) + "A".repeat(300)));
    }

    @Test
    void shouldRefuseAnExpiredPreviewToken() {
        JsonPath draft = article().draft().create();
        // signed with the service's real key, but expired a second ago: what a front-end holds after the TTL
        String expired = previewTokens.issue(draft.getLong("id"), Instant.now().minusSeconds(1));

        assertNotFound(preview(draft.getString("slug"), expired)).header("Cache-Control", NO_STORE);
    }

    @Test
    void shouldHonourAPreviewTokenUntilItExpiresAndNotAfter() {
        long articleId = 4242L;
        Instant expiresAt = Instant.parse("2030-01-01T12:00:00Z");
        String token = previewTokens.issue(articleId, expiresAt);

        assertEquals(OptionalLong.of(articleId), previewTokens.verify(token, expiresAt.minusSeconds(3600)));
        assertEquals(OptionalLong.of(articleId), previewTokens.verify(token, expiresAt.minusSeconds(1)));
        assertFalse(previewTokens.verify(token, expiresAt).isPresent(), "expired at expiresAt");
        assertFalse(previewTokens.verify(token, expiresAt.plusSeconds(1)).isPresent(), "expired after expiresAt");
        assertFalse(previewTokens.verify(null, expiresAt.minusSeconds(1)).isPresent());
    }

    @Test
    void shouldShowNothingButTheArticleToAPreviewTokenHolder() {
        String slug = article().draft().createSlug();
        String token = previewToken(slug);

        // a preview token is not an API token
        assertUnauthorized(as(token).queryParam("status", "draft").when().get(ARTICLES));
        assertUnauthorized(anonymous().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"title\":\"x\"}").when().put(ARTICLES + "/" + slug));
        // nor a list filter
        given().queryParam("preview", token).queryParam("status", "draft").when().get(ARTICLES).then().statusCode(401);
    }

    @Test
    void shouldRefuseAPreviewTokenWithoutAnAPIToken() {
        String slug = article().draft().createSlug();

        assertUnauthorized(anonymous().when().post(ARTICLES + "/" + slug + "/preview-token"));
    }

    @Test
    void shouldAnswer404ForAPreviewTokenOfAnArticleThatDoesNotExist() {
        assertNotFound(asAdmin().when().post(ARTICLES + "/no-such-article-anywhere/preview-token"));
    }

    private static String previewToken(String slug) {
        return asAdmin().when().post(ARTICLES + "/" + slug + "/preview-token")
                .then().statusCode(200).extract().path("token");
    }

    private static Response preview(String slug, String token) {
        return given().redirects().follow(false).queryParam("preview", token).when().get(ARTICLES + "/" + slug);
    }
}
