package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM, as an orchestrator stops an instance during a deployment: requests already in flight are answered (200), and
 * /q/health/ready (on the management port) reports DOWN (503) while the API port still accepts connections, so a load
 * balancer stops sending traffic before the port closes. Clients keep sending after SIGTERM, as they do through a
 * balancer until it sees readiness fail: each of those requests is answered (200, or 503 once the service is going) or
 * refused at connect, never cut off mid-way.
 */
class GracefulShutdownIT {

    static final int CLIENTS = 8;
    static final int ARTICLES = 40;
    /** A heavy read: a full page of summaries, each with its related block. */
    static final String SLOW_READ = Api.ARTICLES + "?size=100&include=related";

    static TestDatabase db;
    static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("shutdown");
        service = ServiceProcess.on("shutdown", db.jdbcUrl()).start();
        Http http = service.http();
        String editor = Api.issueToken(http, service.bootstrapToken(), "shutdown seeder", "editor").secret();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < ARTICLES; i++) {
                int n = i;
                created.add(pool.submit(() -> Api.createPublished(http, editor, "Shutdown story " + n, "shutdown-story-" + n,
                        List.of("shutdown", "group-" + (n % 5), "story-" + n))));
            }
            for (Future<String> f : created) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void sigtermLetsRequestsInFlightFinishAndTakesReadinessDownFirst() throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(i, service.http()));
        }
        clients.forEach(Thread::start);
        Await.until("every client to be served twice", Duration.ofSeconds(60), () -> clients.stream().allMatch(c -> c.served() >= 2));
        long typical = clients.stream().flatMap(c -> c.answers.stream()).mapToLong(Http.Response::millis).sorted()
                .skip(clients.stream().mapToLong(c -> c.answers.size()).sum() / 2).findFirst().orElse(0);

        long sigtermAt = System.nanoTime();
        service.terminate();
        clients.forEach(c -> c.sigtermAt = sigtermAt);

        // Readiness right after SIGTERM, each time on a new connection, until the API port refuses connections.
        List<String> timeline = new ArrayList<>();
        long firstDown = -1;
        long firstRefused = -1;
        long deadline = sigtermAt + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline && service.isAlive()) {
            Http.Response ready = RawHttp.get(service.managementUrl(), "/q/health/ready", 2_000);
            long at = (ready.startNanos() - sigtermAt) / 1_000_000;
            if (timeline.isEmpty() || !timeline.get(timeline.size() - 1).startsWith(label(ready))) {
                timeline.add(label(ready) + " at +" + at + " ms");
            }
            if (ready.status() == 503 && "DOWN".equals(ready.text("status")) && firstDown < 0) {
                firstDown = at;
            }
            if (ready.status() != 200) {
                clients.forEach(c -> c.routedAway = true); // the balancer stops sending to this instance
            }
            if (!RawHttp.accepts(service.baseUrl(), 2_000)) {
                firstRefused = (System.nanoTime() - sigtermAt) / 1_000_000;
                timeline.add("API port refuses connections at +" + firstRefused + " ms");
                break;
            }
            ServiceProcess.pause(50);
        }
        boolean exited = service.process().waitFor(45, TimeUnit.SECONDS);
        long exitedAfter = (System.nanoTime() - sigtermAt) / 1_000_000;
        clients.forEach(c -> c.running = false);
        for (Client c : clients) {
            c.join(Http.DEFAULT_TIMEOUT.toMillis() + 5_000);
        }

        List<Http.Response> inFlight = clients.stream().flatMap(c -> c.answers.stream())
                .filter(r -> r.startNanos() < sigtermAt && r.endNanos() >= sigtermAt).toList();
        System.out.printf("[it] shutdown: typical slow read %d ms; %d requests in flight at SIGTERM: %s%n", typical, inFlight.size(),
                inFlight.stream().map(r -> (r.answered() ? Integer.toString(r.status()) : "no answer (" + r.error() + ")")
                        + " after +" + (r.endNanos() - sigtermAt) / 1_000_000 + " ms").collect(Collectors.joining(", ")));
        List<Http.Response> after = clients.stream().flatMap(c -> c.answers.stream()).filter(r -> r.startNanos() >= sigtermAt).toList();
        System.out.printf("[it] shutdown: %d requests sent after SIGTERM, until readiness failed: %s%n", after.size(), Http.summary(after));
        System.out.printf("[it] shutdown: readiness after SIGTERM: %s%n", timeline);
        System.out.printf("[it] shutdown: process %s %d ms after SIGTERM (exit code %s)%n", exited ? "exited" : "still running",
                exitedAfter, exited ? service.process().exitValue() : "-");

        List<Http.Response> failed = inFlight.stream().filter(r -> r.status() != 200).toList();
        long down = firstDown;
        long refused = firstRefused;
        List<Http.Response> cut = after.stream()
                .filter(r -> r.answered() ? r.status() != 200 && r.status() != 503 : !(r.error() instanceof java.net.ConnectException)).toList();
        assertAll(
                () -> assertFalse(inFlight.isEmpty(), "no request was in flight at SIGTERM: the test proves nothing"),
                () -> assertTrue(failed.isEmpty(), () -> failed.size() + " of " + inFlight.size()
                        + " requests in flight at SIGTERM did not get 200:\n  "
                        + failed.stream().map(Http.Response::toString).collect(Collectors.joining("\n  "))),
                () -> assertTrue(down >= 0 && (refused < 0 || down < refused),
                        () -> "readiness must answer 503 DOWN after SIGTERM before connections are refused; seen: " + timeline),
                () -> assertTrue(cut.isEmpty(), () -> cut.size()
                        + " requests sent after SIGTERM, before readiness failed, were neither answered 200/503 nor refused at connect:\n  "
                        + cut.stream().map(Http.Response::toString).collect(Collectors.joining("\n  "))),
                () -> assertTrue(exited, "the service must exit after SIGTERM, within its shutdown timeout"));
    }

    private static String label(Http.Response r) {
        if (!r.answered()) {
            return "no answer (" + r.error().getClass().getSimpleName() + ")";
        }
        return r.status() + (r.contentType().endsWith("json") ? " " + r.text("status") : "");
    }

    /**
     * A client behind a balancer repeating a heavy read; its request may be in flight at SIGTERM. After SIGTERM it goes on
     * until the balancer sees readiness fail, or the service refuses it or turns it away (503).
     */
    static final class Client extends Thread {
        final Http http;
        final List<Http.Response> answers = new CopyOnWriteArrayList<>();
        volatile boolean running = true;
        volatile long sigtermAt = Long.MAX_VALUE;
        volatile boolean routedAway;

        Client(int id, Http http) {
            super("shutdown-client-" + id);
            setDaemon(true);
            this.http = http;
        }

        @Override
        public void run() {
            while (running && !routedAway) {
                Http.Response answer = http.send("GET", SLOW_READ, null, null, null, Duration.ofSeconds(40));
                answers.add(answer);
                if (answer.startNanos() >= sigtermAt && (answer.status() == 503 || !answer.answered())) {
                    return;
                }
            }
        }

        long served() {
            return answers.stream().filter(r -> r.status() == 200).count();
        }
    }
}
