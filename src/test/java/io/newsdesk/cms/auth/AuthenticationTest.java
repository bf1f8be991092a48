package io.newsdesk.cms.auth;

import static io.newsdesk.cms.auth.AuthApi.ARTICLES;
import static io.newsdesk.cms.auth.AuthApi.CATEGORIES;
import static io.newsdesk.cms.auth.AuthApi.TOKENS;
import static io.newsdesk.cms.auth.AuthApi.as;
import static io.newsdesk.cms.auth.AuthApi.assertUnauthorized;
import static io.newsdesk.cms.auth.AuthApi.issue;
import static io.newsdesk.cms.auth.AuthApi.listed;
import static io.newsdesk.cms.auth.AuthApi.withAuthorization;
import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsdesk.cms.support.Callers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.auth.AuthApi.Issued;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;

/**
 * Who is calling: a missing, malformed, unknown, revoked or expired bearer token is a 401 with a
 * Bearer challenge, on writes and on public reads alike; the bootstrap token; and secrets never
 * reaching a log line or an answer.
 */
@QuarkusTest
class AuthenticationTest {

    @Inject
    TestClock clock;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    TokenService tokenService;

    @Inject
    CmsConfig config;

    // ---- refusals on writes -------------------------------------------------------------------

    @Test
    void shouldChallengeAWriteWithoutAToken() {
        String name = unique("Anonymous");

        assertUnauthorized(anonymous().contentType(ContentType.JSON).body(Map.of("name", name)).when().post(CATEGORIES))
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("token"));

        given().when().get(CATEGORIES + "/" + name.toLowerCase()).then().statusCode(404);
    }

    static Stream<Arguments> malformedAuthorizations() {
        return Stream.of(
                Arguments.of("another scheme", "Basic xyz"),
                Arguments.of("basic credentials", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes())),
                Arguments.of("the scheme alone", "Bearer"),
                Arguments.of("the scheme and blanks", "Bearer  "),
                Arguments.of("a token with a space", "Bearer nd_abc def"),
                Arguments.of("two tokens", "Bearer " + Callers.ADMIN_TOKEN + " " + Callers.ADMIN_TOKEN),
                Arguments.of("a token with non-ASCII", "Bearer nd_caf\u00e9-d\u00e9j\u00e0-vu"),
                Arguments.of("a token with a tab", "Bearer nd_abc\tdef"),
                Arguments.of("an absurdly long token", "Bearer nd_" + "a".repeat(2_000)),
                Arguments.of("a scheme glued to the token", "Bearer" + Callers.ADMIN_TOKEN),
                Arguments.of("an empty header", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAuthorizations")
    void shouldChallengeAWriteWithAMalformedAuthorization(String what, String authorization) {
        String name = unique("Malformed");

        assertUnauthorized(withAuthorization(authorization).contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post(CATEGORIES));

        given().when().get(CATEGORIES + "/" + name.toLowerCase()).then().statusCode(404);
    }

    @Test
    void shouldChallengeAWriteWithAnUnknownToken() {
        String title = unique("Unknown token");

        assertUnauthorized(withAuthorization("Bearer " + randomSecret()).contentType(ContentType.JSON).body(Map.of("title", title))
                .when().post(ARTICLES))
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void shouldChallengeAWriteWithATokenThatIsOneCharacterOff() {
        Issued token = issue("editor");
        String secret = token.secret();
        char last = secret.charAt(secret.length() - 1);
        String nearMiss = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertUnauthorized(withAuthorization("Bearer " + nearMiss).contentType(ContentType.JSON).body(Map.of("title", "Near miss"))
                .when().post(ARTICLES));
        assertUnauthorized(withAuthorization("Bearer " + secret.substring(0, secret.length() - 1)).contentType(ContentType.JSON)
                .body(Map.of("title", "Truncated")).when().post(ARTICLES));
    }

    @Test
    void shouldChallengeEveryKindOfWriteWithARevokedToken() {
        Issued token = issue("editor");
        String categorySlug = as(token).contentType(ContentType.JSON).body(category().body())
                .when().post(CATEGORIES).then().statusCode(201).extract().path("slug");
        String articleSlug = as(token).contentType(ContentType.JSON).body(article().body())
                .when().post(ARTICLES).then().statusCode(201).extract().path("slug");

        asAdmin().when().delete(TOKENS + "/" + token.id()).then().statusCode(204);

        assertUnauthorized(as(token).contentType(ContentType.JSON).body(article().body()).when().post(ARTICLES));
        assertUnauthorized(as(token).contentType(ContentType.JSON).body(Map.of("title", "Changed")).when().put(ARTICLES + "/" + articleSlug));
        assertUnauthorized(as(token).contentType("application/merge-patch+json").body("{\"title\":\"Changed\"}")
                .when().patch(ARTICLES + "/" + articleSlug));
        assertUnauthorized(as(token).when().delete(ARTICLES + "/" + articleSlug));
        assertUnauthorized(as(token).when().post(ARTICLES + "/" + articleSlug + "/preview-token"));
        assertUnauthorized(as(token).when().delete(CATEGORIES + "/" + categorySlug));

        // nothing changed
        given().when().get(ARTICLES + "/" + articleSlug).then().statusCode(200).body("title", containsString("Article"));
        given().when().get(CATEGORIES + "/" + categorySlug).then().statusCode(200);
    }

    @Test
    void shouldChallengeAWriteWithAnExpiredToken() {
        Instant expiresAt = clock.stop().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Issued token = issue("editor", expiresAt);
        String slug = as(token).contentType(ContentType.JSON).body(article().draft().body())
                .when().post(ARTICLES).then().statusCode(201).extract().path("slug");

        clock.passTo(expiresAt);

        assertUnauthorized(as(token).when().delete(ARTICLES + "/" + slug));
        assertUnauthorized(as(token).contentType(ContentType.JSON).body(article().body()).when().post(ARTICLES));
        asAdmin().when().get(ARTICLES + "/" + slug).then().statusCode(200).body("status", equalTo("draft"));
    }

    @Test
    void shouldChallengeAWriteOnAnOldSlugRatherThanRedirectIt() {
        String slug = article().createSlug();
        String renamed = unique("renamed");
        asAdmin().contentType("application/merge-patch+json").body("{\"slug\":\"" + renamed + "\"}")
                .when().patch(ARTICLES + "/" + slug).then().statusCode(200);

        assertUnauthorized(anonymous().redirects().follow(false).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .when().put(ARTICLES + "/" + slug));
        assertUnauthorized(anonymous().redirects().follow(false).when().delete(ARTICLES + "/" + slug));
    }

    @Test
    void shouldAcceptTheBearerSchemeInAnyCase() {
        Issued token = issue("editor");

        withAuthorization("bearer " + token.secret()).contentType(ContentType.JSON).body(category().body())
                .when().post(CATEGORIES).then().statusCode(201);
        withAuthorization("BEARER " + token.secret()).queryParam("status", "draft")
                .when().get(ARTICLES).then().statusCode(200);
    }

    // ---- refusals on public reads -------------------------------------------------------------

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("unknown", "Bearer " + randomSecret()),
                Arguments.of("malformed", "Basic xyz"),
                Arguments.of("empty", "Bearer"));
    }

    @ParameterizedTest(name = "{0} token")
    @MethodSource("badTokens")
    void shouldChallengeAPublicArticleReadWithABadTokenRatherThanServeItAnonymously(String what, String authorization) {
        String slug = article().createSlug();

        assertUnauthorized(withAuthorization(authorization).when().get(ARTICLES + "/" + slug));
        assertUnauthorized(withAuthorization(authorization).when().get(ARTICLES));
        given().when().get(ARTICLES + "/" + slug).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} token")
    @MethodSource("badTokens")
    void shouldChallengeAPublicCategoryReadWithABadTokenRatherThanServeItAnonymously(String what, String authorization) {
        String slug = category().createSlug();

        assertUnauthorized(withAuthorization(authorization).when().get(CATEGORIES + "/" + slug));
        assertUnauthorized(withAuthorization(authorization).when().get(CATEGORIES));
        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200);
    }

    @Test
    void shouldChallengeAPublicReadWithARevokedToken() {
        Issued token = issue("author");
        String slug = article().createSlug();
        as(token).when().get(ARTICLES + "/" + slug).then().statusCode(200);

        asAdmin().when().delete(TOKENS + "/" + token.id()).then().statusCode(204);

        assertUnauthorized(as(token).when().get(ARTICLES + "/" + slug));
    }

    // ---- bootstrap ----------------------------------------------------------------------------

    @Test
    void shouldMakeTheBootstrapTokenTheFirstAdminToken() {
        Map<String, Object> bootstrap = asAdmin().queryParam("size", 1).when().get(TOKENS)
                .then().statusCode(200).extract().path("items[0]");

        assertEquals("bootstrap", bootstrap.get("name"));
        assertEquals("admin", bootstrap.get("role"));
        assertFalse(bootstrap.containsKey("token"), "the bootstrap secret is not listed either");
        assertEquals("(env)", bootstrap.get("prefix"), "a chosen bootstrap secret shows nothing of itself");
        assertEquals(Instant.parse((String) bootstrap.get("createdAt")).plus(config.bootstrapTokenLifetime()),
                Instant.parse((String) bootstrap.get("expiresAt")), "it expires CMS_BOOTSTRAP_TOKEN_LIFETIME after it was made");
        // it may do what only admins may
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", unique("from bootstrap"), "role", "admin"))
                .when().post(TOKENS).then().statusCode(201);
    }

    @Test
    void shouldIgnoreANewBootstrapTokenWhileAnAdminTokenIsUsable() {
        String secret = randomSecret();

        assertFalse(tokenService.bootstrap(secret, Duration.ofHours(24)), "bootstrap on a database with a usable admin token");

        assertUnauthorized(withAuthorization("Bearer " + secret).contentType(ContentType.JSON).body(category().body())
                .when().post(CATEGORIES));
        asAdmin().when().get(TOKENS).then().statusCode(200)
                .body("items.findAll { it.name == 'bootstrap' }.size()", equalTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "short", "0123456789012345678901234567890" })
    void shouldRefuseABootstrapTokenShorterThan32Characters(String secret) {
        assertTrue(secret.length() < 32);

        RuntimeException refused = assertThrows(RuntimeException.class, () -> tokenService.bootstrap(secret, Duration.ofHours(24)));

        assertTrue(refused.getMessage().contains("32"), "the message says how long it must be: " + refused.getMessage());
        assertFalse(secret.length() > 4 && refused.getMessage().contains(secret), "the message does not repeat the secret");
    }

    @Test
    void shouldAcceptABootstrapTokenOf32CharactersWithoutCreatingASecondOne() {
        String secret = randomSecret().substring(0, 32);

        assertFalse(tokenService.bootstrap(secret, Duration.ofHours(24)));

        assertUnauthorized(withAuthorization("Bearer " + secret).when().get(TOKENS));
    }

    // ---- secrets stay secret ------------------------------------------------------------------

    @Test
    void shouldNeverWriteATokenToTheLogNorRepeatItInAnAnswer() {
        LogCapture logs = LogCapture.start();
        List<Response> answers = new ArrayList<>();
        String secret;
        long id;
        try {
            Logger.getLogger(AuthenticationTest.class.getName()).info("log capture canary");

            Response issued = asAdmin().contentType(ContentType.JSON).body(Map.of("name", unique("leak check"), "role", "editor"))
                    .when().post(TOKENS);
            issued.then().statusCode(201);
            secret = issued.jsonPath().getString("token");
            id = issued.jsonPath().getLong("id");
            String bearer = "Bearer " + secret;

            // use it for reads and writes
            answers.add(withAuthorization(bearer).queryParam("status", "all").when().get(ARTICLES));
            Response created = withAuthorization(bearer).contentType(ContentType.JSON).body(article().draft().body()).when().post(ARTICLES);
            answers.add(created);
            String slug = created.jsonPath().getString("slug");
            answers.add(withAuthorization(bearer).when().get(ARTICLES + "/" + slug));
            answers.add(withAuthorization(bearer).contentType("application/merge-patch+json").body("{\"title\":\"Leak check\"}")
                    .when().patch(ARTICLES + "/" + slug));
            answers.add(withAuthorization(bearer).when().post(ARTICLES + "/" + slug + "/preview-token"));
            // fail with wrong and malformed variants of it
            answers.add(withAuthorization(bearer + "x").when().get(ARTICLES));
            answers.add(withAuthorization(bearer + " " + secret).contentType(ContentType.JSON).body(category().body()).when().post(CATEGORIES));
            answers.add(withAuthorization("Basic " + secret).when().delete(ARTICLES + "/" + slug));
            answers.add(withAuthorization(bearer + "\u00e9").when().get(TOKENS));
            answers.add(withAuthorization(bearer).contentType(ContentType.JSON).body("{\"title\": ").when().post(ARTICLES));
            answers.add(withAuthorization(bearer).when().get(TOKENS));
            answers.add(asAdmin().when().get(TOKENS));
            // revoke it, then try it again
            answers.add(asAdmin().when().delete(TOKENS + "/" + id));
            answers.add(withAuthorization(bearer).when().get(ARTICLES + "/" + slug));
            answers.add(withAuthorization(bearer).contentType(ContentType.JSON).body(article().body()).when().post(ARTICLES));
        } finally {
            logs.stop();
        }

        assertTrue(logs.messages().stream().anyMatch(m -> m.contains("log capture canary")), "the log capture sees log records");
        for (String line : logs.messages()) {
            assertFalse(line.contains(secret), "a log line contains the token: " + line);
            assertFalse(line.contains(secret.substring(8)), "a log line contains most of the token: " + line);
        }
        for (Response answer : answers) {
            assertFalse(answer.asString().contains(secret), "an answer repeats the token: " + answer.asString());
            for (Header header : answer.headers()) {
                assertFalse(header.getValue().contains(secret), "an answer header repeats the token: " + header);
            }
        }
        assertFalse(listed(id).toString().contains(secret));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "nd_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Every record the root logger handles while started, as text: the formatted message, its raw
     * parameters and any stack trace. Security-related categories are turned up to DEBUG meanwhile,
     * since an operator chasing a login problem would do the same.
     */
    static final class LogCapture extends Handler {

        private static final String[] VERBOSE = { "io.newsdesk", "io.quarkus.security", "io.quarkus.vertx.http.runtime.security",
                "io.quarkus.resteasy.reactive.server.runtime.security", "org.jboss.resteasy.reactive.server" };

        private final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
        private final SimpleFormatter formatter = new SimpleFormatter();
        private final List<Level> previousLevels = new ArrayList<>();

        static LogCapture start() {
            LogCapture capture = new LogCapture();
            capture.setLevel(Level.ALL);
            for (String category : VERBOSE) {
                Logger logger = Logger.getLogger(category);
                capture.previousLevels.add(logger.getLevel());
                logger.setLevel(Level.FINE);
            }
            Logger.getLogger("").addHandler(capture);
            return capture;
        }

        void stop() {
            Logger.getLogger("").removeHandler(this);
            for (int i = 0; i < VERBOSE.length; i++) {
                Logger.getLogger(VERBOSE[i]).setLevel(previousLevels.get(i));
            }
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(record.getLoggerName() + ": ");
            text.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatter.formatMessage(record));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(" | ").append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(" | ").append(trace);
            }
            messages.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
