package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The database goes away under load and comes back, while the service keeps running: service -> {@link TcpProxy} ->
 * PostgreSQL, and the proxy is cut. Clients must get a quick 503 problem with Retry-After (never a 500, a 401 or a hang),
 * readiness must report DOWN while liveness stays UP, the service must recover by itself once the database is back, and
 * nothing it acknowledged may be lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIT {

    /** The longest a client may wait for an answer while the database is away. */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    /** The longest the service may take to serve again once the database is back. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);

    static TestDatabase db;
    static TcpProxy proxy;
    static ServiceProcess service;
    static Http http;
    /** Its management interface, where the health endpoints are. */
    static Http management;
    static String writer;
    static final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    static final AtomicInteger sequence = new AtomicInteger();

    @BeforeAll
    static void startBehindAProxy() throws IOException {
        db = TestDatabase.create("outage");
        proxy = TcpProxy.start(TestDatabase.HOST, TestDatabase.PORT);
        service = ServiceProcess.on("outage", db.jdbcUrl(proxy.host(), proxy.port())).start();
        http = service.http();
        management = service.management();
        writer = Api.issueToken(http, service.bootstrapToken(), "outage writer", "editor").secret();
        for (int i = 1; i <= 3; i++) {
            acknowledged.add(Api.createPublished(http, writer, "Before the outage " + i, "before-outage-" + i, List.of("outage", "seed")));
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void requestsDuringTheOutageAnswer503WithRetryAfterQuickly() {
        List<Worker> workers = List.of(
                new Worker("list", () -> http.get(Api.ARTICLES + "?size=5&page=" + sequence.incrementAndGet())),
                new Worker("read", () -> http.get(Api.ARTICLES + "/" + anyAcknowledged(), writer)),
                new Worker("write", DatabaseOutageIT::write));
        workers.forEach(Worker::start);
        try {
            Await.until("every worker to be served 3 times before the outage", Duration.ofSeconds(60),
                    () -> workers.stream().allMatch(w -> w.successes() >= 3));
            long cutAt = System.nanoTime();
            proxy.cut();
            Await.until("every worker to get 2 answers to requests sent during the outage", Duration.ofSeconds(60),
                    () -> workers.stream().allMatch(w -> w.startedAfter(cutAt) >= 2));
            workers.forEach(Worker::stop);

            List<Http.Response> during = new ArrayList<>();
            List<Http.Response> overlapping = new ArrayList<>();
            for (Worker w : workers) {
                for (Http.Response r : w.answers) {
                    if (r.startNanos() >= cutAt) {
                        during.add(r);
                    } else if (r.endNanos() >= cutAt) {
                        overlapping.add(r);
                    }
                }
            }
            System.out.printf("[it] outage: %d requests sent during the outage %s; %d in flight when it began %s; %d writes acknowledged%n",
                    during.size(), Http.summary(during), overlapping.size(), Http.summary(overlapping), acknowledged.size());

            List<String> violations = new ArrayList<>();
            for (Http.Response r : during) {
                violations.addAll(unavailableViolations(r));
            }
            for (Http.Response r : overlapping) {
                if (!r.is2xx() && r.status() != 503) {
                    violations.add("in flight when the database went away, answered neither 2xx nor 503: " + r);
                }
                if (r.took().compareTo(ANSWER_BOUND) >= 0) {
                    violations.add("in flight when the database went away, took " + r.millis() + " ms: " + r);
                }
            }
            assertTrue(violations.isEmpty(), () -> violations.size() + " of " + (during.size() + overlapping.size())
                    + " answers during the outage are not a quick 503 problem with Retry-After, e.g.:\n  "
                    + violations.stream().limit(12).collect(Collectors.joining("\n  ")));
        } finally {
            workers.forEach(Worker::stop);
        }
    }

    @Test
    @Order(2)
    void readinessIsDownAndLivenessUpWhileTheDatabaseIsAway() {
        proxy.cut(); // still cut after the previous test; cut again if it ran alone
        Http.Response ready = management.get("/q/health/ready");
        Http.Response live = management.get("/q/health/live");
        System.out.printf("[it] outage health: ready %s%n[it] outage health: live %s%n", ready, live);
        assertEquals(503, ready.status(), () -> "readiness while the database is away: " + ready);
        assertEquals("DOWN", ready.text("status"), () -> "readiness while the database is away: " + ready);
        assertTrue(ready.took().compareTo(ANSWER_BOUND) < 0, () -> "readiness took " + ready.millis() + " ms");
        assertEquals(200, live.status(), () -> "liveness while the database is away: " + live);
        assertEquals("UP", live.text("status"), () -> "liveness while the database is away: " + live);
        assertTrue(live.took().compareTo(ANSWER_BOUND) < 0, () -> "liveness took " + live.millis() + " ms");
    }

    @Test
    @Order(3)
    void theServiceRecoversByItselfWhenTheDatabaseComesBack() throws IOException {
        proxy.cut();
        long pid = service.pid();
        proxy.restore();
        Await.Polled list = Await.poll(Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> http.get(Api.ARTICLES, writer), r -> r.status() == 200);
        System.out.printf("[it] outage recovery: GET /api/v1/articles answered 200 again %d ms after the database came back "
                + "(%d attempts); last %s%n", list.millis(), list.attempts(), list.last());
        Await.Polled ready = Await.poll(Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> management.get("/q/health/ready"), r -> r.status() == 200);
        System.out.printf("[it] outage recovery: /q/health/ready UP %d ms after the database came back%n", list.millis() + ready.millis());

        assertTrue(service.isAlive(), "the service must survive the outage");
        assertEquals(pid, service.pid(), "no restart");
        assertTrue(list.reached(), () -> "GET /api/v1/articles never answered 200 again: " + list.last());
        assertTrue(list.took().compareTo(RECOVERY_BOUND) < 0,
                () -> "GET /api/v1/articles took " + list.millis() + " ms to answer 200 again, more than " + RECOVERY_BOUND.toSeconds() + " s");
        assertTrue(ready.reached(), () -> "readiness never came back: " + ready.last());
        Http.Response anonymous = http.get(Api.ARTICLES);
        assertEquals(200, anonymous.status(), () -> "anonymous list after recovery: " + anonymous);
    }

    @Test
    @Order(4)
    void everyAcknowledgedWriteIsKept() throws IOException {
        proxy.restore();
        Await.poll(Duration.ofSeconds(30), Duration.ofMillis(100), () -> management.get("/q/health/ready"), r -> r.status() == 200);
        List<String> missing = new ArrayList<>();
        for (String slug : acknowledged) {
            Http.Response read = http.get(Api.ARTICLES + "/" + slug, writer);
            if (read.status() != 200 || !slug.equals(read.text("slug"))) {
                missing.add(read.toString());
            }
        }
        System.out.printf("[it] outage: %d acknowledged articles checked, %d missing%n", acknowledged.size(), missing.size());
        assertTrue(missing.isEmpty(), () -> "acknowledged writes not readable after the outage:\n  " + String.join("\n  ", missing));
    }

    /** Why an answer to a request sent while the database was away is not what a client should see (empty: it is). */
    static List<String> unavailableViolations(Http.Response r) {
        List<String> out = new ArrayList<>();
        if (r.status() != 503) {
            out.add("expected 503, got " + r);
        } else {
            if (!Http.PROBLEM.equals(r.contentType())) {
                out.add("503 not application/problem+json: " + r);
            } else if (r.json().path("status").asInt() != 503) {
                out.add("problem without status 503: " + r);
            }
            String retryAfter = r.header("Retry-After").orElse("");
            if (!retryAfter.matches("\\d+")) {
                out.add("503 without Retry-After seconds: " + r);
            }
        }
        if (r.took().compareTo(ANSWER_BOUND) >= 0) {
            out.add("took " + r.millis() + " ms (bound " + ANSWER_BOUND.toMillis() + " ms): " + r);
        }
        return out;
    }

    private static Http.Response write() {
        int n = sequence.incrementAndGet();
        String slug = "outage-write-" + n;
        Http.Response created = http.post(Api.ARTICLES, writer,
                Api.publishedArticle("Written under load " + n, slug, List.of("outage", "load", "n" + n)));
        if (created.is2xx()) {
            acknowledged.add(created.text("slug"));
        }
        return created;
    }

    private static String anyAcknowledged() {
        List<String> slugs = new ArrayList<>(acknowledged);
        return slugs.get(ThreadLocalRandom.current().nextInt(slugs.size()));
    }

    /** A client thread sending one kind of request after another, recording every answer. */
    static final class Worker {
        final String name;
        final Supplier<Http.Response> request;
        final List<Http.Response> answers = new CopyOnWriteArrayList<>();
        final Thread thread;
        volatile boolean running = true;

        Worker(String name, Supplier<Http.Response> request) {
            this.name = name;
            this.request = request;
            this.thread = new Thread(this::run, "outage-" + name);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            while (running) {
                answers.add(request.get());
            }
        }

        long successes() {
            return answers.stream().filter(Http.Response::is2xx).count();
        }

        long startedAfter(long nanos) {
            return answers.stream().filter(r -> r.startNanos() >= nanos).count();
        }

        void stop() {
            running = false;
            try {
                thread.join(Http.DEFAULT_TIMEOUT.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
