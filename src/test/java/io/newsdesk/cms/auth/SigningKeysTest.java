package io.newsdesk.cms.auth;

import static io.newsdesk.cms.auth.AuthApi.ARTICLES;
import static io.newsdesk.cms.auth.AuthApi.assertNotFound;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.paging.Cursors;
import io.newsdesk.cms.support.Callers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue 18, finding 4 ("Signing keys"): the keys that sign preview tokens and cursors are derived with HKDF from one
 * master, tokens name the key that signed them, and after a rotation the previous master's keys still verify for one
 * preview lifetime. The test profile runs as just after a rotation: its master is the generated one the database keeps,
 * its CMS_SECRET_PREVIOUS the secret before.
 */
@QuarkusTest
class SigningKeysTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final byte[] NO_CONTEXT = new byte[0];
    private static final String FILTERS = "tag=signing-keys";

    @Inject
    EntityManager em;

    @Inject
    CmsConfig config;

    @Inject
    Cursors cursors;

    @Test
    void shouldDeriveEachPurposeKeyWithHkdfFromOneMaster() {
        // RFC 5869 appendix A, test cases 1 (salt and info) and 3 (neither)
        byte[] ikm = HEX.parseHex("0b".repeat(22));
        byte[] prk = Hkdf.extract(HEX.parseHex("000102030405060708090a0b0c"), ikm);
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", HEX.formatHex(prk));
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                HEX.formatHex(Hkdf.expand(prk, HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)));
        byte[] unsalted = Hkdf.extract(new byte[0], ikm);
        assertEquals("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", HEX.formatHex(unsalted));
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                HEX.formatHex(Hkdf.expand(unsalted, new byte[0], 42)));

        // What the service hands out is signed with keys derived from the one master it keeps, one key per purpose.
        byte[] servicePrk = Hkdf.extract(utf8("newsdesk"), storedMaster());
        String keyId = ENCODER.encodeToString(Hkdf.expand(servicePrk, utf8("newsdesk/key-id"), 6));
        byte[] previewKey = Hkdf.expand(servicePrk, utf8("newsdesk/preview/" + keyId), 32);
        byte[] cursorKey = Hkdf.expand(servicePrk, utf8("newsdesk/cursor/" + keyId), 32);
        assertFalse(Arrays.equals(previewKey, cursorKey), "each purpose has a key of its own");

        String[] preview = previewToken(createDraft()).split("\\.");
        assertEquals(keyId, preview[0], "a preview token names the key that signed it");
        assertArrayEquals(hmac(previewKey, preview[0] + "." + preview[1] + "."), DECODER.decode(preview[2]));

        String[] cursor = cursors.encode(new Cursors.Position(1_700_000_000L, 42L), FILTERS).split("\\.");
        assertEquals(keyId, cursor[0], "a cursor names the key that signed it");
        assertArrayEquals(Arrays.copyOf(hmac(cursorKey, cursor[0] + "." + cursor[1] + "." + FILTERS), 16), DECODER.decode(cursor[2]));
    }

    @Test
    void shouldAcceptAPreviewSignedWithThePreviousKeyAfterARotation() {
        String slug = createDraft();
        String current = previewToken(slug);
        // what an instance still running with the previous secret handed out for this article
        String byPrevious = previousKeys().sign(PreviewTokens.PURPOSE, payloadOf(current), NO_CONTEXT);
        assertNotEquals(keyIdOf(current), keyIdOf(byPrevious));

        given().queryParam("preview", byPrevious).when().get(ARTICLES + "/" + slug)
                .then().statusCode(200).body("slug", equalTo(slug)).body("status", equalTo("draft"));
        // cursors too, so a reader scrolling across the rotation goes on where they were
        String cursor = cursors.encode(new Cursors.Position(1_700_000_000L, 42L), FILTERS);
        String cursorByPrevious = previousKeys().sign(Cursors.PURPOSE, payloadOf(cursor), utf8(FILTERS));
        assertEquals(new Cursors.Position(1_700_000_000L, 42L), cursors.decode(cursorByPrevious, FILTERS));
    }

    @Test
    void shouldStopAcceptingThePreviousKeyOnePreviewLifetimeAfterTheRotation() {
        String slug = createDraft();
        String current = previewToken(slug);
        String byPrevious = previousKeys().sign(PreviewTokens.PURPOSE, payloadOf(current), NO_CONTEXT);
        String cursorByPrevious = previousKeys().sign(Cursors.PURPOSE, payloadOf(cursors.encode(new Cursors.Position(1L, 2L), FILTERS)),
                utf8(FILTERS));

        Instant firstUsed = firstUsed(keyIdOf(current));
        try {
            // as if the current key had been in use for one preview lifetime and a minute
            setFirstUsed(keyIdOf(current), Instant.now().minus(config.preview().ttl()).minusSeconds(60));

            assertNotFound(given().queryParam("preview", byPrevious).when().get(ARTICLES + "/" + slug));
            assertThrows(InvalidInput.class, () -> cursors.decode(cursorByPrevious, FILTERS));
            given().queryParam("preview", current).when().get(ARTICLES + "/" + slug).then().statusCode(200);
        } finally {
            setFirstUsed(keyIdOf(current), firstUsed);
        }
    }

    @Test
    void shouldRefuseATokenWithAnUnknownOrTamperedKeyId() {
        String slug = createDraft();
        String current = previewToken(slug);
        String[] parts = current.split("\\.");
        SigningKeys serviceKeys = new SigningKeys(storedMaster(), Optional.empty());
        // the construction below makes tokens the service takes when nothing is wrong with them
        given().queryParam("preview", serviceKeys.sign(PreviewTokens.PURPOSE, payloadOf(current), NO_CONTEXT))
                .when().get(ARTICLES + "/" + slug).then().statusCode(200);

        byte[] otherMaster = new byte[32];
        new SecureRandom().nextBytes(otherMaster);
        char changed = parts[0].charAt(3) == 'A' ? 'B' : 'A';
        for (String refused : new String[] {
                // signed with a key the service never had
                new SigningKeys(otherMaster, Optional.empty()).sign(PreviewTokens.PURPOSE, payloadOf(current), NO_CONTEXT),
                // a genuine token whose key id was changed: to an id no key has, and to the previous key's id
                parts[0].substring(0, 3) + changed + parts[0].substring(4) + "." + parts[1] + "." + parts[2],
                previousKeys().keyId() + "." + parts[1] + "." + parts[2],
                // without a key id, as tokens were before
                parts[1] + "." + parts[2],
                // signed by this service's own master under the same key id, but with the cursor key
                serviceKeys.sign(new SigningKeys.Purpose(Cursors.PURPOSE.name(), PreviewTokens.PURPOSE.signatureLength()),
                        payloadOf(current), NO_CONTEXT) }) {
            assertNotFound(given().queryParam("preview", refused).when().get(ARTICLES + "/" + slug));
        }

        // a cursor with a tampered key id is the 400 of any cursor this list did not give out
        String tag = unique("signing-keys");
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + Callers.ADMIN_TOKEN).contentType(ContentType.JSON)
                    .body(article().tags(tag).body()).when().post(ARTICLES).then().statusCode(201);
        }
        String cursor = given().queryParam("tag", tag).queryParam("size", 1).queryParam("cursor", "").when().get(ARTICLES)
                .then().statusCode(200).extract().path("nextCursor");
        given().queryParam("tag", tag).queryParam("cursor", cursor).when().get(ARTICLES).then().statusCode(200);
        String tampered = previousKeys().keyId() + cursor.substring(cursor.indexOf('.'));
        given().queryParam("tag", tag).queryParam("cursor", tampered).when().get(ARTICLES)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    /** The keys of an instance that still runs with the test profile's previous secret. */
    private SigningKeys previousKeys() {
        return new SigningKeys(utf8(config.secretPrevious().orElseThrow()), Optional.empty());
    }

    private static String createDraft() {
        JsonPath created = given().header("Authorization", "Bearer " + Callers.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(article().draft().body()).when().post(ARTICLES)
                .then().statusCode(201).extract().jsonPath();
        return created.getString("slug");
    }

    private static String previewToken(String slug) {
        Response issued = given().header("Authorization", "Bearer " + Callers.ADMIN_TOKEN)
                .when().post(ARTICLES + "/" + slug + "/preview-token");
        issued.then().statusCode(200);
        return issued.jsonPath().getString("token");
    }

    private static String keyIdOf(String token) {
        return token.substring(0, token.indexOf('.'));
    }

    private static byte[] payloadOf(String token) {
        return DECODER.decode(token.split("\\.")[1]);
    }

    private byte[] storedMaster() {
        return QuarkusTransaction.requiringNew().call(() -> (byte[]) em
                .createNativeQuery("select value from app_secret where name = 'master'").getSingleResult());
    }

    private Instant firstUsed(String keyId) {
        return QuarkusTransaction.requiringNew().call(() -> Instant.ofEpochMilli(((Number) em
                .createNativeQuery("select (extract(epoch from first_used_at) * 1000)::bigint from signing_key where id = :id")
                .setParameter("id", keyId).getSingleResult()).longValue()));
    }

    private void setFirstUsed(String keyId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update signing_key set first_used_at = :at where id = :id")
                .setParameter("at", at).setParameter("id", keyId).executeUpdate());
    }

    private static byte[] hmac(byte[] key, String signed) {
        return Hkdf.hmac(key).doFinal(utf8(signed));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
