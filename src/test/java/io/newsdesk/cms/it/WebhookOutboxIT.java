package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook outbox with real processes and a real receiver: an event committed with a write reaches the receiver
 * exactly once, signed by the Standard Webhooks specification, whether two instances share the outbox, the process is
 * SIGKILLed right after the commit, or a scheduled publication time passes while the service is down.
 */
class WebhookOutboxIT {

    static final String WEBHOOKS = "/api/v1/webhooks";
    static final int ARTICLE_COUNT = 10;
    static final int WRITERS = 5;
    static final List<String> EVENTS_PER_ARTICLE = List.of("article.published", "article.updated", "article.updated");
    static final Duration SCHEDULE_LEAD = Duration.ofSeconds(5);
    static final Duration SETTLE = Duration.ofSeconds(30);

    /** A webhook's deliveries: claims (attempts), recorded attempts, 2xx attempts, and seconds until the next attempt is due. */
    static final String DELIVERIES = """
            select d.id, d.event_id, d.subject, d.state, d.attempts,
                   (select count(*) from webhook_attempt a where a.delivery_id = d.id) as recorded,
                   (select count(*) from webhook_attempt a where a.delivery_id = d.id and a.status_code between 200 and 299) as succeeded,
                   ceil(extract(epoch from d.next_attempt_at - clock_timestamp())) as due_in_seconds
            from webhook_delivery d""";

    static TestDatabase db;
    static ServiceProcess service;
    static String admin;
    static String editor;

    @BeforeAll
    static void start() {
        db = TestDatabase.create("webhook_outbox");
        service = ServiceProcess.on("webhook-outbox", db.jdbcUrl())
                .env("CMS_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1")
                .env("CMS_WEBHOOKS_RETRY_SCHEDULE", "PT1S,PT1S,PT1S,PT1S,PT1S")
                .start();
        admin = service.bootstrapToken();
        editor = Api.issueToken(service.http(), admin, "webhook outbox editor", "editor").secret();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /**
     * Two instances on one database, 30 article writes spread over both by concurrent editors: every event reaches the
     * receiver exactly once (one webhook-id each, each delivery claimed and attempted once), the events about one
     * article arrive in the order they were written, and every signature verifies.
     */
    @Test
    @ExtendWith(TwoInstances.Shared.class)
    void twoInstancesDeliverEveryEventExactlyOnceInOrderPerArticle(TwoInstances two) throws Exception {
        String run = run();
        try (Receiver receiver = Receiver.readingBackFrom(List.of(two.httpA, two.httpB))) {
            Hook hook = register(two.httpA, two.admin, receiver.url(), List.of("*"));
            two.secretsSent.add(hook.secret());
            try {
                String writer = two.issueToken("webhook outbox writer " + run, "editor").secret();
                List<Http> instances = List.of(two.httpA, two.httpB);
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                List<Future<Long>> written = new ArrayList<>();
                for (int i = 0; i < ARTICLE_COUNT; i++) {
                    int n = i;
                    written.add(writers.submit(() -> writeArticle(instances.get(n % 2), instances.get((n + 1) % 2), writer,
                            "outbox-" + run + "-" + n)));
                }
                writers.shutdown();
                List<Long> articleIds = new ArrayList<>();
                for (Future<Long> article : written) {
                    articleIds.add(article.get(60, TimeUnit.SECONDS));
                }
                int writes = ARTICLE_COUNT * EVENTS_PER_ARTICLE.size();

                Duration settled = Await.until("no pending delivery to the webhook", SETTLE, () -> pending(two.db, hook) == 0);
                List<Map<String, Object>> deliveries = deliveries(two.db, hook);
                List<Received> receipts = receiver.all();
                Set<String> subjects = articleIds.stream().map(id -> "article-" + id).collect(Collectors.toSet());
                long events = two.db.number("select count(*) from webhook_event where subject in (" + articleIds.stream()
                        .map(id -> "'article-" + id + "'").collect(Collectors.joining(",")) + ")");
                System.out.printf("[it] webhook outbox: %d writes over two instances, %d events, %d deliveries, %d receipts "
                        + "(%d distinct ids), settled %d ms after the last write%n", writes, events, deliveries.size(), receipts.size(),
                        receipts.stream().map(Received::id).distinct().count(), settled.toMillis());

                assertEquals(writes, events, "one event per write in webhook_event");
                assertEquals(writes, deliveries.size(), () -> "one delivery per event: " + deliveries);
                List<String> strangers = deliveries.stream().filter(d -> !subjects.contains((String) d.get("subject")))
                        .map(Object::toString).toList();
                assertTrue(strangers.isEmpty(), () -> "deliveries about articles this test did not write: " + strangers);
                List<String> notOnce = deliveries.stream().filter(d -> !deliveredOnce(d)).map(Object::toString).toList();
                assertTrue(notOnce.isEmpty(), () -> "deliveries not claimed, attempted and answered 2xx exactly once:\n  "
                        + String.join("\n  ", notOnce));

                Map<String, Long> perId = receipts.stream().collect(Collectors.groupingBy(Received::id, Collectors.counting()));
                List<String> duplicates = perId.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " x" + e.getValue())
                        .toList();
                assertTrue(duplicates.isEmpty(), () -> "webhook-ids received more than once: " + duplicates);
                assertEquals(writes, receipts.size(), () -> "receipts: " + summary(receipts));
                assertEquals(deliveries.stream().map(d -> (String) d.get("event_id")).collect(Collectors.toCollection(TreeSet::new)),
                        new TreeSet<>(perId.keySet()), "the receiver got exactly the events in the outbox");

                for (long id : articleIds) {
                    List<Received> about = receiver.about(id);
                    assertEquals(EVENTS_PER_ARTICLE, types(about), "events about article " + id + " in the order received");
                    // Read back while the delivery was handled, both instances already show the version the event announces.
                    for (Received r : about.subList(1, about.size())) {
                        for (JsonNode seen : r.readBack()) {
                            assertEquals(r.json().at("/data/title").asText(), seen.path("title").asText(), () -> "read back during " + r.body());
                        }
                    }
                    Received last = about.get(about.size() - 1);
                    for (JsonNode seen : last.readBack()) {
                        assertEquals("A new excerpt of " + last.json().at("/data/slug").asText(), seen.path("excerpt").asText(),
                                () -> "read back during the last event: " + seen);
                    }
                }
                assertSigned(hook, receipts);
                assertDeliveriesApi(two.httpB, two.admin, hook, writes);
            } finally {
                remove(two.httpA, two.admin, hook);
            }
        }
    }

    /**
     * An article published, then SIGKILL the moment the write is acknowledged, while the receiver is not listening: the
     * event is in the outbox and not delivered at the kill; after the restart it reaches the receiver once, with the
     * webhook-id stored in webhook_event.
     */
    @Test
    void anEventCommittedRightBeforeASigkillIsDeliveredOnceAfterTheRestart() throws Exception {
        ensureRunning();
        int port = ServiceProcess.freePort();
        Hook hook = register(service.http(), admin, "http://127.0.0.1:" + port + "/hook", List.of("article.published"));
        String slug = "killed-after-commit-" + run();
        try {
            Http.Response created = service.http().post(Api.ARTICLES, editor, Api.publishedArticle("Killed after commit", slug, List.of("outbox")));
            int exit = service.kill();
            assertEquals(201, created.status(), () -> "publishing before the kill: " + created);
            long articleId = created.json().path("id").asLong();

            List<Map<String, Object>> events = db.rows("select id from webhook_event where type = 'article.published' and subject = ?",
                    "article-" + articleId);
            assertEquals(1, events.size(), () -> "the publication's event committed with it: " + events);
            String eventId = (String) events.get(0).get("id");
            Map<String, Object> atKill = delivery(db, hook, eventId);
            System.out.printf("[it] webhook outbox: SIGKILL (exit %d) right after the 201; the delivery at the kill: %s%n", exit, atKill);
            assertEquals("pending", atKill.get("state"), () -> "not delivered at the kill: " + atKill);
            assertEquals(0L, ((Number) atKill.get("succeeded")).longValue(), () -> "no 2xx attempt before the kill: " + atKill);

            try (Receiver receiver = Receiver.start(port)) {
                assertEquals(List.of(), receiver.all(), "nothing reaches the receiver while the service is down");
                long dueIn = Math.max(0, ((Number) atKill.get("due_in_seconds")).longValue());
                Duration restart = service.restart();
                Duration delivered = Await.until("the delivery of " + eventId + " after the restart", SETTLE.plusSeconds(dueIn),
                        () -> "delivered".equals(delivery(db, hook, eventId).get("state")));
                System.out.printf("[it] webhook outbox: restarted in %d ms, delivered %d ms later%n", restart.toMillis(), delivered.toMillis());

                List<Received> receipts = receiver.all();
                assertEquals(1, receipts.size(), () -> "one receipt: " + summary(receipts));
                Received receipt = receipts.get(0);
                assertEquals(eventId, receipt.id(), "the webhook-id stored with the event");
                assertEquals("article.published", receipt.type());
                assertEquals(slug, receipt.json().at("/data/slug").asText());
                assertSigned(hook, receipts);
                JsonNode item = deliveryItem(service.http(), hook, eventId);
                assertEquals("delivered", item.path("state").asText(), () -> "deliveries API: " + item);
                long successes = 0;
                for (JsonNode attempt : item.path("attempts")) {
                    successes += attempt.path("statusCode").asInt() / 100 == 2 ? 1 : 0;
                }
                assertEquals(1, successes, () -> "one 2xx attempt in the deliveries API: " + item);
            }
        } finally {
            if (service.isAlive()) {
                remove(service.http(), admin, hook);
            }
        }
    }

    /**
     * An article scheduled a few seconds ahead announces article.scheduled, then the service is SIGKILLed and stays down
     * until the database clock has passed the publication time: after the restart article.published arrives exactly once,
     * after article.scheduled, for that very time.
     */
    @Test
    void aPublicationTimeThatPassedWhileTheServiceWasDownIsAnnouncedOnceAfterTheRestart() throws Exception {
        ensureRunning();
        try (Receiver receiver = Receiver.start(0)) {
            Hook hook = register(service.http(), admin, receiver.url(), List.of("article.*"));
            try {
                String slug = "scheduled-while-down-" + run();
                Instant publishAt = Instant.now().plus(SCHEDULE_LEAD).truncatedTo(ChronoUnit.SECONDS);
                Map<String, Object> write = new LinkedHashMap<>(Api.publishedArticle("Scheduled while down", slug, List.of("outbox")));
                write.put("publishedAt", publishAt.toString());
                Http.Response created = service.http().post(Api.ARTICLES, editor, write);
                assertEquals(201, created.status(), () -> "scheduling: " + created);
                long articleId = created.json().path("id").asLong();
                String subject = "article-" + articleId;

                Await.until("article.scheduled at the receiver", SETTLE, () -> types(receiver.about(articleId)).contains("article.scheduled"));
                Await.until("article.scheduled recorded as delivered", SETTLE, () -> pending(db, hook) == 0);
                int exit = service.kill();
                Instant killedAt = Instant.now();
                assertTrue(killedAt.isBefore(publishAt), () -> "the service must be down before " + publishAt + ", killed at " + killedAt);
                assertEquals(0, db.number("select count(*) from webhook_event where type = 'article.published' and subject = ?", subject),
                        "no article.published before the publication time");
                assertEquals(1, db.number("select count(*) from article_go_live where article_id = ?", articleId),
                        "the publication waits in article_go_live");

                Duration down = Await.until("the database clock past " + publishAt, SCHEDULE_LEAD.plus(SETTLE),
                        () -> db.number("select count(*) from article_go_live where article_id = ? and published_at < now()", articleId) == 1);
                assertEquals(List.of("article.scheduled"), types(receiver.about(articleId)), "what arrived before the restart");
                Duration restart = service.restart();
                Await.until("article.published at the receiver", SETTLE, () -> types(receiver.about(articleId)).contains("article.published"));
                Await.until("nothing left to announce or deliver", SETTLE, () -> db.number(
                        "select count(*) from article_go_live where article_id = ?", articleId) == 0 && pending(db, hook) == 0);
                System.out.printf("[it] webhook outbox: SIGKILL (exit %d) %d ms before the publication time, down %d ms more, "
                        + "restarted in %d ms%n", exit, Duration.between(killedAt, publishAt).toMillis(), down.toMillis(), restart.toMillis());

                List<Received> receipts = receiver.about(articleId);
                assertEquals(List.of("article.scheduled", "article.published"), types(receipts), () -> summary(receipts));
                List<Map<String, Object>> published = db.rows("select id from webhook_event where type = 'article.published' and subject = ?",
                        subject);
                assertEquals(1, published.size(), () -> "one article.published event: " + published);
                Received announcement = receipts.get(1);
                assertEquals(published.get(0).get("id"), announcement.id(), "the webhook-id stored with the event");
                assertEquals(publishAt, Instant.parse(announcement.json().at("/data/publishedAt").asText()), "announced for its time");
                assertFalse(Instant.parse(announcement.json().path("timestamp").asText()).isBefore(publishAt),
                        () -> "announced no earlier than its publication time: " + announcement.body());
                assertSigned(hook, receipts);
                List<String> notOnce = deliveries(db, hook).stream().filter(d -> !deliveredOnce(d)).map(Object::toString).toList();
                assertTrue(notOnce.isEmpty(), () -> "deliveries not attempted and answered 2xx exactly once: " + notOnce);
                assertEquals(200, service.http().get(Api.ARTICLES + "/" + slug).status(), "the article is public");
            } finally {
                if (service.isAlive()) {
                    remove(service.http(), admin, hook);
                }
            }
        }
    }

    /** Creates a published article on one instance, retitles it on the other, changes its excerpt on the first. */
    private static long writeArticle(Http first, Http second, String token, String slug) {
        Http.Response created = first.post(Api.ARTICLES, token, Api.publishedArticle("Outbox " + slug, slug, List.of("outbox")));
        assertEquals(201, created.status(), () -> "creating " + slug + ": " + created);
        Http.Response retitled = second.patch(Api.ARTICLES + "/" + slug, token, Map.of("title", "Outbox " + slug + " retitled"));
        assertEquals(200, retitled.status(), () -> "retitling " + slug + ": " + retitled);
        Http.Response excerpt = first.patch(Api.ARTICLES + "/" + slug, token, Map.of("excerpt", "A new excerpt of " + slug));
        assertEquals(200, excerpt.status(), () -> "changing the excerpt of " + slug + ": " + excerpt);
        return created.json().path("id").asLong();
    }

    private static void ensureRunning() {
        if (!service.isAlive()) {
            service.restart();
        }
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    record Hook(long id, String secret) {
    }

    private static Hook register(Http http, String token, String url, List<String> events) {
        Http.Response created = http.post(WEBHOOKS, token, Map.of("url", url, "events", events, "description", "WebhookOutboxIT"));
        assertEquals(201, created.status(), () -> "registering " + url + ": " + created);
        String secret = created.text("secret");
        assertTrue(secret != null && secret.startsWith("whsec_"), () -> "the signing secret in the answer: " + created);
        return new Hook(created.json().path("id").asLong(), secret);
    }

    private static void remove(Http http, String token, Hook hook) {
        Http.Response removed = http.delete(WEBHOOKS + "/" + hook.id(), token);
        assertEquals(204, removed.status(), () -> "removing webhook " + hook.id() + ": " + removed);
    }

    private static long pending(TestDatabase database, Hook hook) {
        return database.number("select count(*) from webhook_delivery where webhook_id = ? and state = 'pending'", hook.id());
    }

    /** Each delivery of the webhook with its claims (attempts), recorded attempts and 2xx attempts. */
    private static List<Map<String, Object>> deliveries(TestDatabase database, Hook hook) {
        return database.rows(DELIVERIES + " where d.webhook_id = ? order by d.id", hook.id());
    }

    private static Map<String, Object> delivery(TestDatabase database, Hook hook, String eventId) {
        List<Map<String, Object>> rows = database.rows(DELIVERIES + " where d.webhook_id = ? and d.event_id = ?", hook.id(), eventId);
        assertEquals(1, rows.size(), () -> "one delivery of " + eventId + " to webhook " + hook.id() + ": " + rows);
        return rows.get(0);
    }

    private static boolean deliveredOnce(Map<String, Object> delivery) {
        return "delivered".equals(delivery.get("state")) && ((Number) delivery.get("attempts")).intValue() == 1
                && ((Number) delivery.get("recorded")).longValue() == 1 && ((Number) delivery.get("succeeded")).longValue() == 1;
    }

    /** Every receipt verifies with the webhook's secret by the Standard Webhooks reference library. */
    private static void assertSigned(Hook hook, List<Received> receipts) {
        Webhook verifier = new Webhook(hook.secret());
        List<String> bad = new ArrayList<>();
        for (Received r : receipts) {
            try {
                verifier.verify(r.body(), r.headers());
            } catch (WebhookVerificationException e) {
                bad.add(r.id() + " " + r.type() + ": " + e.getMessage());
            }
        }
        assertTrue(bad.isEmpty(), () -> "signatures that do not verify: " + bad);
    }

    /** The deliveries API agrees: every delivery delivered at its one attempt, answered 2xx. */
    private static void assertDeliveriesApi(Http http, String token, Hook hook, int expected) {
        Http.Response page = http.get(WEBHOOKS + "/" + hook.id() + "/deliveries?size=100", token);
        assertEquals(200, page.status(), () -> "deliveries API: " + page);
        List<String> wrong = new ArrayList<>();
        JsonNode items = page.json().path("items");
        for (JsonNode item : items) {
            JsonNode attempts = item.path("attempts");
            if (!"delivered".equals(item.path("state").asText()) || attempts.size() != 1 || attempts.get(0).path("statusCode").asInt() / 100 != 2) {
                wrong.add(item.toString());
            }
        }
        assertEquals(expected, items.size(), () -> "deliveries listed: " + page);
        assertTrue(wrong.isEmpty(), () -> "deliveries API shows deliveries not delivered at one 2xx attempt:\n  " + String.join("\n  ", wrong));
    }

    private static JsonNode deliveryItem(Http http, Hook hook, String eventId) {
        Http.Response page = http.get(WEBHOOKS + "/" + hook.id() + "/deliveries?size=100", admin);
        assertEquals(200, page.status(), () -> "deliveries API: " + page);
        for (JsonNode item : page.json().path("items")) {
            if (eventId.equals(item.path("eventId").asText())) {
                return item;
            }
        }
        throw new AssertionError("no delivery of " + eventId + " in " + page);
    }

    private static List<String> types(List<Received> receipts) {
        return receipts.stream().map(Received::type).toList();
    }

    private static String summary(List<Received> receipts) {
        return receipts.stream().map(r -> "#" + r.n() + " " + r.id() + " " + r.type() + " article " + r.articleId())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** One request as the receiver got it: its arrival number, headers (names in lower case) and body. */
    /** One request as the receiver got it, with the article as each instance answered it while the request was handled. */
    record Received(int n, Map<String, List<String>> headers, String body, JsonNode json, List<JsonNode> readBack) {

        String id() {
            return headers.getOrDefault("webhook-id", List.of("")).get(0);
        }

        String type() {
            return json.path("type").asText();
        }

        long articleId() {
            return json.path("data").path("id").asLong();
        }
    }

    /** A webhook endpoint as a front-end runs one: a JDK HTTP server that records every request and answers 204. */
    static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(8);
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final AtomicInteger arrivals = new AtomicInteger();
        private final List<Http> readFrom;

        private Receiver(int port, List<Http> readFrom) throws IOException {
            this.readFrom = readFrom;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.setExecutor(threads);
            server.createContext("/hook", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    int n = arrivals.incrementAndGet();
                    Map<String, List<String>> headers = new HashMap<>();
                    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    JsonNode json = parse(body);
                    // As a front-end revalidating on the event does: read the article back, from every instance.
                    List<JsonNode> readBack = new ArrayList<>();
                    String slug = json.path("data").path("slug").asText("");
                    if (json.path("type").asText().startsWith("article.") && !slug.isEmpty()) {
                        for (Http instance : readFrom) {
                            readBack.add(instance.get(Api.ARTICLES + "/" + slug).json());
                        }
                    }
                    received.add(new Received(n, headers, body, json, readBack));
                    exchange.sendResponseHeaders(204, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        /** Listening on this port (0: any free one). */
        static Receiver start(int port) throws IOException {
            return new Receiver(port, List.of());
        }

        /** Listening on any free port, reading each article event's article back from these instances before answering. */
        static Receiver readingBackFrom(List<Http> instances) throws IOException {
            return new Receiver(0, instances);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        /** Everything received so far, in arrival order. */
        List<Received> all() {
            return received.stream().sorted((x, y) -> Integer.compare(x.n(), y.n())).toList();
        }

        /** What was received about one article, in arrival order. */
        List<Received> about(long articleId) {
            return all().stream().filter(r -> r.articleId() == articleId).toList();
        }

        private static JsonNode parse(String body) {
            try {
                return Http.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                return Http.MAPPER.createObjectNode();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
