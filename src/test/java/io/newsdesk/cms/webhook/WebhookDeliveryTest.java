package io.newsdesk.cms.webhook;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.newsdesk.cms.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.newsdesk.cms.support.Management;

/** Deliveries as a receiver sees them, verified by the Standard Webhooks reference library. */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    TestClock clock;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the receiver got it. */
    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.get(name).get(0);
        }
    }

    @Inject
    WebhookService webhooks;

    @Inject
    EntityManager em;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Map<Long, Boolean> created = new ConcurrentHashMap<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, List<String>> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                received.add(new Received(headers, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        for (Long id : created.keySet()) {
            asAdmin().delete("/api/v1/webhooks/" + id);
        }
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private JsonNode createWebhook(String events, String category) throws IOException {
        String body = "{\"url\":\"" + url() + "\",\"events\":" + events + (category == null ? "" : ",\"categorySlug\":\"" + category + "\"") + "}";
        String answer = asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/webhooks")
                .then().statusCode(201).body("secret", startsWith("whsec_")).extract().asString();
        JsonNode node = JSON.readTree(answer);
        created.put(node.get("id").asLong(), true);
        return node;
    }

    private List<Received> of(String type) {
        return received.stream().filter(r -> r.body().contains("\"type\":\"" + type + "\"")).toList();
    }

    @Test
    void shouldDeliverAPublicationSignedByTheStandard() throws Exception {
        JsonNode hook = createWebhook("[\"article.*\"]", null);
        String slug = article().title(unique("Webhook story")).createSlug();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(r -> r.body().contains(slug)));
        Received r = received.stream().filter(x -> x.body().contains(slug)).findFirst().orElseThrow();
        new Webhook(hook.get("secret").asText()).verify(r.body(), r.headers());
        JsonNode payload = JSON.readTree(r.body());
        assertEquals("article.published", payload.get("type").asText());
        assertEquals(slug, payload.at("/data/slug").asText());
        assertTrue(payload.at("/data/revalidate/paths").toString().contains("/api/v1/articles/" + slug));
        assertTrue(r.header("webhook-id").startsWith("msg_"));
        assertTrue(r.body().length() < 20_000);
    }

    @Test
    void shouldSendOneEventPerEditorialAction() throws Exception {
        createWebhook("[\"article.*\"]", null);
        String slug = article().title(unique("One event")).draft().createSlug();
        asAdmin().contentType("application/merge-patch+json").body("{\"status\":\"published\"}").patch("/api/v1/articles/" + slug)
                .then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(r -> r.body().contains(slug)));
        asAdmin().contentType("application/merge-patch+json").body("{\"excerpt\":\"Changed\"}").patch("/api/v1/articles/" + slug)
                .then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().filter(r -> r.body().contains(slug)).count() >= 2);
        List<String> types = received.stream().filter(r -> r.body().contains(slug))
                .map(r -> r.body().replaceAll(".*\"type\":\"([a-z.]+)\".*", "$1")).toList();
        assertEquals(List.of("article.published", "article.updated"), types);
    }

    @Test
    void shouldRetryAFailingReceiverWithTheSameWebhookIdThenSucceed() throws Exception {
        JsonNode hook = createWebhook("[\"webhook.test\"]", null);
        failuresLeft.set(2);
        asAdmin().post("/api/v1/webhooks/" + hook.get("id").asLong() + "/test").then().statusCode(202);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> of("webhook.test").size() >= 3);
        List<Received> attempts = of("webhook.test");
        assertEquals(1, attempts.stream().map(a -> a.header("webhook-id")).distinct().count(), "one webhook-id across retries");
        for (Received a : attempts) {
            new Webhook(hook.get("secret").asText()).verify(a.body(), a.headers());
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> asAdmin()
                .get("/api/v1/webhooks/" + hook.get("id").asLong() + "/deliveries")
                .then().statusCode(200)
                .body("items[0].state", equalTo("delivered"))
                .body("items[0].attempts.size()", equalTo(3))
                .body("items[0].attempts[0].statusCode", equalTo(503))
                .body("items[0].attempts[2].statusCode", equalTo(204)));
    }

    @Test
    void shouldRefuseATargetInsideTheNetwork() {
        asAdmin().contentType(ContentType.JSON).body("{\"url\":\"http://169.254.169.254/latest/meta-data\",\"events\":[\"*\"]}")
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"));
        asAdmin().contentType(ContentType.JSON).body("{\"url\":\"http://10.1.2.3/hook\",\"events\":[\"*\"]}")
                .post("/api/v1/webhooks").then().statusCode(400);
    }

    @Test
    void shouldSignWithBothSecretsWhileTheOldOneOverlaps() throws Exception {
        JsonNode hook = createWebhook("[\"webhook.test\"]", null);
        long id = hook.get("id").asLong();
        String rotated = asAdmin().post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        asAdmin().post("/api/v1/webhooks/" + id + "/test").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !of("webhook.test").isEmpty());
        Received r = of("webhook.test").get(0);
        new Webhook(rotated).verify(r.body(), r.headers());
        new Webhook(hook.get("secret").asText()).verify(r.body(), r.headers());
    }

    @Test
    void shouldShowSecretsOnlyWhenMadeAndNeedAnAdmin() throws Exception {
        JsonNode hook = createWebhook("[\"*\"]", null);
        asAdmin().get("/api/v1/webhooks/" + hook.get("id").asLong())
                .then().statusCode(200).body("secret", org.hamcrest.Matchers.nullValue());
        given().get("/api/v1/webhooks").then().statusCode(401);
    }

    @Test
    void shouldAnnounceAScheduledArticleOnceAtItsTimeWithNoWrite() throws Exception {
        createWebhook("[\"article.published\", \"article.scheduled\"]", null);
        java.time.Instant at = clock.stop().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String slug = article().title(unique("Scheduled story")).publishedAt(at).createSlug();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> of("article.scheduled").stream().anyMatch(r -> r.body().contains(slug)));
        assertTrue(of("article.published").stream().noneMatch(r -> r.body().contains(slug)), "not announced before its time");

        clock.passTo(at);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> of("article.published").stream().anyMatch(r -> r.body().contains(slug)));
        Received published = of("article.published").stream().filter(r -> r.body().contains(slug)).findFirst().orElseThrow();
        assertTrue(!java.time.Instant.parse(JSON.readTree(published.body()).get("timestamp").asText()).isBefore(at),
                "announced no earlier than its publication time");
        assertTrue(of("article.scheduled").stream().anyMatch(r -> r.body().contains(slug)), "the scheduling was announced too");
        // Nothing more comes for it: one event for one publication.
        Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> of("article.published").stream().filter(r -> r.body().contains(slug)).count() == 1);
    }

    @Test
    void shouldAnnounceAnApprovedComment() throws Exception {
        JsonNode hook = createWebhook("[\"comment.approved\"]", null);
        String slug = article().title(unique("Commented story")).createSlug();
        long comment = io.newsdesk.cms.support.Comments.comment(slug).approved();

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> of("comment.approved").stream().anyMatch(r -> r.body().contains("\"id\":" + comment + ",")));
        Received r = of("comment.approved").stream().filter(x -> x.body().contains("\"id\":" + comment + ",")).findFirst().orElseThrow();
        new Webhook(hook.get("secret").asText()).verify(r.body(), r.headers());
        JsonNode data = JSON.readTree(r.body()).get("data");
        assertEquals(slug, data.get("articleSlug").asText());
        assertTrue(data.at("/revalidate/paths").toString().contains("/api/v1/articles/" + slug + "/comments"));
    }

    @Test
    void shouldAnnounceMediaUploadedUpdatedAndDeleted() throws Exception {
        createWebhook("[\"media.*\"]", null);
        byte[] png = io.newsdesk.cms.support.Images.png(40, 30, System.nanoTime());
        long id = ((Number) asAdmin().contentType("image/png").body(png).post("/api/v1/media").then().statusCode(201)
                .extract().path("id")).longValue();
        asAdmin().contentType("application/merge-patch+json").body("{\"alt\":\"A chart\"}").patch("/api/v1/media/" + id)
                .then().statusCode(200);
        asAdmin().delete("/api/v1/media/" + id).then().statusCode(204);

        String marker = "\"id\":" + id + ",";
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().filter(r -> r.body().contains(marker)).count() >= 3);
        List<String> types = received.stream().filter(r -> r.body().contains(marker))
                .map(r -> r.body().replaceAll(".*\"type\":\"([a-z.]+)\".*", "$1")).toList();
        assertEquals(List.of("media.uploaded", "media.updated", "media.deleted"), types);
    }

    @Test
    void shouldAnnounceCategoryChangesWithTheSlugBeforeARename() throws Exception {
        createWebhook("[\"category.*\"]", null);
        String slug = category().name(unique("Gadgets")).createSlug();
        String renamed = slug + "-and-more";
        asAdmin().contentType("application/merge-patch+json").body("{\"slug\":\"" + renamed + "\"}").patch("/api/v1/categories/" + slug)
                .then().statusCode(200);
        asAdmin().contentType("application/merge-patch+json").body("{\"slug\":\"" + renamed + "\"}").patch("/api/v1/categories/" + renamed)
                .then().statusCode(200);
        asAdmin().delete("/api/v1/categories/" + renamed).then().statusCode(204);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> of("category.deleted").stream().anyMatch(r -> r.body().contains(renamed)));
        List<String> types = received.stream().filter(r -> r.body().contains("\"slug\":\"" + slug + "\"") || r.body().contains(renamed))
                .map(r -> r.body().replaceAll(".*\"type\":\"([a-z.]+)\".*", "$1")).toList();
        assertEquals(List.of("category.created", "category.updated", "category.deleted"), types, "an edit that changes nothing sends nothing");
        JsonNode updated = JSON.readTree(of("category.updated").stream().filter(r -> r.body().contains(renamed)).findFirst().orElseThrow().body());
        assertEquals(renamed, updated.at("/data/slug").asText());
        assertEquals(slug, updated.at("/data/previousSlug").asText());
        String paths = updated.at("/data/revalidate/paths").toString();
        assertTrue(paths.contains("/api/v1/categories/" + slug) && paths.contains("/api/v1/articles?category=" + renamed), paths);
    }

    @Test
    void shouldSendAFilteredEndpointOnlyWhatHappensInItsCategoryOrBelow() throws Exception {
        String parent = category().name(unique("Science")).createSlug();
        String child = category().name(unique("Space")).parent(parent).createSlug();
        String elsewhere = category().name(unique("Sport")).createSlug();
        long hook = createWebhook("[\"article.published\", \"comment.approved\"]", parent).get("id").asLong();
        String outside = article().title(unique("Match report")).category(elsewhere).createSlug();
        String inside = article().title(unique("Launch report")).category(child).createSlug();
        long comment = io.newsdesk.cms.support.Comments.comment(inside).approved();

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> of("comment.approved").stream().anyMatch(r -> r.body().contains("\"id\":" + comment + ",")));
        assertEquals(1, of("article.published").stream().filter(r -> r.body().contains(inside)).count());
        // An endpoint's deliveries are written with their events: once the last has come, nothing else is on its way.
        asAdmin().get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(200)
                .body("items.type", org.hamcrest.Matchers.contains("comment.approved", "article.published"));
        assertTrue(received.stream().noneMatch(r -> r.body().contains(outside)), "an article in another category is not sent");
    }

    @Test
    void shouldRefuseEventNamesAndCategoriesThatDoNotExist() {
        asAdmin().contentType(ContentType.JSON).body("{\"url\":\"" + url() + "\",\"events\":[\"article.*\",\"article.publish\"]}")
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("events[1]"));
        asAdmin().contentType(ContentType.JSON).body("{\"url\":\"" + url() + "\",\"events\":[\"articles.*\"]}")
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("events[0]"));
        asAdmin().contentType(ContentType.JSON).body("{\"url\":\"" + url() + "\",\"events\":[\"*\"],\"categorySlug\":\"no-such-category\"}")
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("categorySlug"));
    }

    @Test
    void shouldSendNothingForAWriteThatRollsBack() throws Exception {
        long hook = createWebhook("[\"webhook.test\"]", null).get("id").asLong();
        QuarkusTransaction.begin();
        String rolledBack;
        try {
            rolledBack = webhooks.test(hook);
        } finally {
            QuarkusTransaction.rollback();
        }
        String committed = QuarkusTransaction.requiringNew().call(() -> webhooks.test(hook));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(r -> r.header("webhook-id").equals(committed)));
        assertTrue(received.stream().noneMatch(r -> r.header("webhook-id").equals(rolledBack)), "a rolled-back event is never sent");
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from webhook_event where id = :id").setParameter("id", rolledBack).getSingleResult()).longValue());
        assertEquals(0, rows, "nothing of it was kept");
        asAdmin().get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Inject
    OutboxHousekeeping housekeeping;

    @Test
    void shouldRemoveFinishedEventsPastTheirRetentionButKeepWhatIsStillRetried() throws Exception {
        long hook = createWebhook("[\"webhook.test\"]", null).get("id").asLong();
        String done = QuarkusTransaction.requiringNew().call(() -> webhooks.test(hook));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(r -> r.header("webhook-id").equals(done)));
        failuresLeft.set(1_000);
        String retried = QuarkusTransaction.requiringNew().call(() -> webhooks.test(hook));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(r -> r.header("webhook-id").equals(retried)));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update webhook_event set created_at = now() - interval '31 days' where id in (:ids)")
                .setParameter("ids", List.of(done, retried)).executeUpdate());

        assertTrue(housekeeping.removeExpired(java.time.Instant.now().minus(Duration.ofDays(30))) >= 1);
        asAdmin().get("/api/v1/webhooks/" + hook + "/deliveries")
                .then().statusCode(200).body("items.eventId", org.hamcrest.Matchers.contains(retried))
                .body("items[0].state", equalTo("pending"));
    }

    @Test
    void shouldReportTheOutboxInMetrics() throws Exception {
        long hook = createWebhook("[\"webhook.test\"]", null).get("id").asLong();
        failuresLeft.set(1_000);
        String waiting = QuarkusTransaction.requiringNew().call(() -> webhooks.test(hook));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(r -> r.header("webhook-id").equals(waiting)));
        housekeeping.measure();

        String metrics = Management.metrics();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("cms_webhooks_outbox_backlog ") && !l.endsWith(" 0.0")), "a delivery waits");
        assertTrue(metrics.contains("cms_webhooks_outbox_age_seconds "), "the oldest wait is reported");
        assertTrue(metrics.contains("cms_webhooks_endpoints_disabled "), "disabled endpoints are counted");
        assertTrue(metrics.contains("cms_webhooks_attempts_total{outcome=\"failed\"}"), "failed attempts are counted");
    }

    @Test
    void shouldGiveUpOnAReceiverThatTricklesItsAnswerAfterTheTimeout() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 100_000);
            exchange.getResponseBody().write("ok, and then nothing".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        slow.start();
        try {
            String body = "{\"url\":\"http://127.0.0.1:" + slow.getAddress().getPort() + "/hook\",\"events\":[\"webhook.test\"]}";
            long hook = ((Number) asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/webhooks").then().statusCode(201)
                    .extract().path("id")).longValue();
            created.put(hook, true);
            asAdmin().post("/api/v1/webhooks/" + hook + "/test").then().statusCode(202);

            // The test profile's CMS_WEBHOOKS_TIMEOUT is 2 s: the attempt is cut there, recorded, and retried.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> asAdmin()
                    .get("/api/v1/webhooks/" + hook + "/deliveries").then().extract().jsonPath()
                    .getList("items[0].attempts.error", String.class).stream().anyMatch(e -> e != null && e.startsWith("timed out after 2 s")));
            asAdmin().get("/api/v1/webhooks/" + hook + "/deliveries")
                    .then().body("items[0].state", equalTo("pending")).body("items[0].attempts[0].durationMs", org.hamcrest.Matchers.lessThan(4000));
        } finally {
            release.countDown();
            slow.stop(0);
        }
    }
}
