package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, finding 4 ("Signing keys"), as the packaged service runs: it does not start with a secret too short to derive
 * keys from, and the token made from CMS_BOOTSTRAP_TOKEN works for CMS_BOOTSTRAP_TOKEN_LIFETIME, then never again.
 */
class SigningKeysIT {

    /** Exactly the shortest secret allowed. */
    static final String SECRET_OF_32_BYTES = "0123456789abcdefghijklmnopqrstuv";

    @Test
    void shouldRefuseToStartWithASecretShorterThan32Bytes() throws InterruptedException {
        TestDatabase db = TestDatabase.create("short_secret");
        for (String setting : List.of("CMS_SECRET", "CMS_SECRET_PREVIOUS")) {
            try (ServiceProcess service = ServiceProcess.on("short-" + setting.toLowerCase().replace('_', '-'), db.jdbcUrl())
                    .env("CMS_SECRET", SECRET_OF_32_BYTES).env(setting, SECRET_OF_32_BYTES.substring(1)).build()) {
                service.launch();

                assertTrue(service.process().waitFor(ServiceProcess.STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                        () -> "started with a " + setting + " of 31 bytes; log:\n" + service.logTail(20));
                assertNotEquals(0, service.process().exitValue(), "exit status");
                assertTrue(service.log().contains(setting + " must be at least 32 bytes long"),
                        () -> "the log names the setting and the minimum:\n" + service.logTail(40));
                assertFalse(service.log().contains(SECRET_OF_32_BYTES.substring(1)), "the log does not repeat the secret");
            }
        }
    }

    @Test
    void shouldStopAcceptingTheBootstrapTokenAfterItsLifetime() {
        TestDatabase db = TestDatabase.create("bootstrap_lifetime");
        String first = ServiceProcess.randomSecret();
        String second = ServiceProcess.randomSecret();
        Api.IssuedToken admin;

        try (ServiceProcess service = start(db, "bootstrap-first", first)) {
            Http http = service.http();
            assertExpiresTwoHoursAfterItWasMade(bootstrapTokens(http, first).get(0));
            admin = Api.issueToken(http, first, "admin after bootstrap", "admin");

            // two hours pass
            assertEquals(1, db.update("update api_token set created_at = created_at - interval '2 hours',"
                    + " expires_at = expires_at - interval '2 hours' where name = 'bootstrap'"));
            assertEquals(401, http.get(Api.TOKENS, first).status(), "the bootstrap token after its lifetime");
            assertEquals(200, http.get(Api.TOKENS, admin.secret()).status(), "an admin token issued with it");
        }

        // a new value is not made a token while an admin token is usable
        try (ServiceProcess service = start(db, "bootstrap-second-refused", second)) {
            Http http = service.http();
            assertEquals(401, http.get(Api.TOKENS, second).status(), "a new bootstrap token beside a usable admin token");
            assertEquals(204, http.delete(Api.TOKENS + "/" + admin.id(), admin.secret()).status(), "the last admin revokes itself");
        }

        // no admin token is usable now, yet a restart with the expired value does not revive it
        try (ServiceProcess service = start(db, "bootstrap-first-again", first)) {
            assertEquals(401, service.http().get(Api.TOKENS, first).status(), "the expired bootstrap token after a restart");
        }

        // the way back in: a new value, which works for one lifetime like the first
        try (ServiceProcess service = start(db, "bootstrap-second", second)) {
            Http http = service.http();
            List<JsonNode> bootstraps = bootstrapTokens(http, second);
            assertEquals(2, bootstraps.size(), () -> "two bootstrap tokens: " + bootstraps);
            assertExpiresTwoHoursAfterItWasMade(bootstraps.get(1));
            assertEquals(401, http.get(Api.TOKENS, first).status());
        }
    }

    private static ServiceProcess start(TestDatabase db, String name, String bootstrapToken) {
        return ServiceProcess.on(name, db.jdbcUrl()).bootstrapToken(bootstrapToken)
                .env("CMS_BOOTSTRAP_TOKEN_LIFETIME", "PT2H")
                // the shortest secret allowed is allowed
                .env("CMS_SECRET", SECRET_OF_32_BYTES)
                .start();
    }

    /** CMS_BOOTSTRAP_TOKEN_LIFETIME is PT2H here; GET /tokens answers the expiry as {@code expiresAt}. */
    private static void assertExpiresTwoHoursAfterItWasMade(JsonNode token) {
        assertTrue(token.path("expiresAt").isTextual(), () -> "a bootstrap token has an expiry: " + token);
        assertEquals(Instant.parse(token.path("createdAt").asText()).plus(Duration.ofHours(2)), Instant.parse(token.path("expiresAt").asText()),
                () -> "expires two hours after it was made: " + token);
    }

    /** The tokens named "bootstrap", oldest first, as GET /tokens lists them to this admin. */
    private static List<JsonNode> bootstrapTokens(Http http, String admin) {
        Http.Response listed = http.get(Api.TOKENS + "?size=100", admin);
        assertEquals(200, listed.status(), () -> "GET /tokens: " + listed);
        return StreamSupport.stream(listed.json().path("items").spliterator(), false)
                .filter(token -> token.path("name").asText().equals("bootstrap")).toList();
    }
}
