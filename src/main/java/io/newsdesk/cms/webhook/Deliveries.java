package io.newsdesk.cms.webhook;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsdesk.cms.common.cache.ChangeFeed;
import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Drains the outbox: claims due deliveries with {@code FOR UPDATE SKIP LOCKED} (so several instances share
 * the work and never send the same attempt twice), signs and posts each on a pool of workers, and records
 * the attempt. 2xx is delivered; a redirect is not followed and counts as a failure; 410 disables the
 * endpoint; other failures are retried with exponential backoff and jitter over about three days (CMS_WEBHOOKS_RETRY_SCHEDULE),
 * honouring {@code Retry-After}. A claim holds a delivery for its lease (the attempt timeout plus 15 s): if the instance dies
 * mid-attempt, another sends it again after that, with the same {@code webhook-id}.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    /** Waits before each retry (CMS_WEBHOOKS_RETRY_SCHEDULE): the n-th failure waits the n-th, give or take a fifth. */
    private Duration[] schedule;
    /** How long a claim holds a delivery beyond the attempt's own timeout (connecting, recording). */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(15);
    private Duration lease;
    /** How long a claim waits for this instance's caches to catch up with the changes it announces. */
    private static final Duration CATCH_UP = Duration.ofSeconds(2);
    private static final int HEAD_BYTES = 2048;

    @Inject
    EntityManager em;

    @Inject
    CmsConfig config;

    @Inject
    TargetGuard guard;

    @Inject
    MeterRegistry registry;

    @Inject
    ChangeFeed feed;

    private Counter delivered;
    private Counter failedAttempts;

    private HttpClient client;
    private ExecutorService workers;
    private ScheduledExecutorService poller;
    private Semaphore free;

    void start(@Observes StartupEvent event) {
        schedule = config.webhooks().retrySchedule().toArray(Duration[]::new);
        lease = config.webhooks().timeout().plus(LEASE_MARGIN);
        delivered = Counter.builder("cms.webhooks.attempts").tag("outcome", "delivered")
                .description("Webhook attempts by this instance, by outcome").register(registry);
        failedAttempts = Counter.builder("cms.webhooks.attempts").tag("outcome", "failed")
                .description("Webhook attempts by this instance, by outcome").register(registry);
        int n = Math.max(1, config.webhooks().workers());
        free = new Semaphore(n);
        client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        workers = Executors.newFixedThreadPool(n, r -> daemon(r, "webhook-delivery"));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-outbox"));
        poller.scheduleWithFixedDelay(this::poll, 1000, 250, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.shutdownNow();
            workers.shutdown();
        }
    }

    /** What one attempt needs. */
    record Claimed(long id, long webhookId, String eventId, int attempt, String url, List<String> secrets, String body) {
    }

    /**
     * Claims what the workers can take, hands it to them, and goes on at once while there is more; otherwise it
     * looks again a quarter second later. A worker that finishes asks for the next one straight away.
     */
    private void poll() {
        try {
            while (true) {
                int slots = free.availablePermits();
                if (slots == 0) {
                    return;
                }
                Claims claims = claim(slots);
                List<Claimed> claimed = claims.items();
                if (claims.marker() != null) {
                    // A receiver that reads back what changed, from this instance, gets the new version.
                    feed.awaitMarker(claims.marker(), CATCH_UP);
                }
                for (Claimed c : claimed) {
                    free.acquireUninterruptibly();
                    workers.execute(() -> {
                        try {
                            attempt(c);
                        } catch (RuntimeException e) {
                            LOG.warnf(e, "Webhook delivery %d could not be recorded; it is tried again after its lease", c.id());
                        } finally {
                            free.release();
                            poller.execute(this::poll);
                        }
                    });
                }
                if (claimed.size() < slots) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "Webhook outbox not drained this time");
        }
    }

    /** Claimed deliveries, and the change-feed marker sent with the claim when there are any. */
    record Claims(List<Claimed> items, String marker) {
    }

    /**
     * Claims up to {@code limit} due deliveries, each the oldest pending one of its endpoint and subject. With them it
     * sends a change-feed marker: once this instance hears it, the changes the events announce are out of its caches.
     */
    Claims claim(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    with due as (
                        select d.id from webhook_delivery d join webhook w on w.id = d.webhook_id
                        where d.state = 'pending' and d.next_attempt_at <= clock_timestamp() and w.enabled
                          and not exists (select 1 from webhook_delivery p where p.webhook_id = d.webhook_id and p.subject = d.subject
                                          and p.state = 'pending' and p.id < d.id)
                        order by d.next_attempt_at, d.id limit :limit
                        for update of d skip locked)
                    update webhook_delivery d set attempts = d.attempts + 1, next_attempt_at = clock_timestamp() + make_interval(secs => :lease)
                    from due, webhook w, webhook_event e
                    where d.id = due.id and w.id = d.webhook_id and e.id = d.event_id
                    returning d.id, d.webhook_id, d.event_id, d.attempts, w.url, w.secret, w.previous_secret, w.previous_secret_until,
                              e.payload""")
                    .setParameter("limit", limit).setParameter("lease", (double) lease.toSeconds()).getResultList();
            List<Claimed> out = new ArrayList<>();
            Instant now = Instant.now();
            for (Object[] r : rows) {
                List<String> secrets = new ArrayList<>();
                secrets.add((String) r[5]);
                Instant until = r[7] == null ? null : io.newsdesk.cms.common.persistence.Times.instant(r[7]);
                if (r[6] != null && until != null && until.isAfter(now)) {
                    secrets.add((String) r[6]);
                }
                out.add(new Claimed(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2], ((Number) r[3]).intValue(),
                        (String) r[4], secrets, (String) r[8]));
            }
            String marker = null;
            if (!out.isEmpty()) {
                marker = feed.marker();
                em.createNativeQuery("select pg_notify('cms_content', :marker)").setParameter("marker", marker).getSingleResult();
            }
            return new Claims(out, marker);
        });
    }

    /** One attempt, then its record: delivered, retried later, failed for good, or the endpoint disabled. */
    void attempt(Claimed c) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Integer status = null;
        String error = null;
        String head = null;
        Optional<Duration> retryAfter = Optional.empty();
        Optional<String> refused = guard.refusal(c.url());
        if (refused.isPresent()) {
            error = "target refused: the URL " + refused.get();
        } else {
            byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(c.url())).timeout(config.webhooks().timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Newsdesk-Webhooks/1.0")
                    .header("webhook-id", c.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", Signatures.header(c.eventId(), timestamp, body, c.secrets()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            CompletableFuture<HttpResponse<String>> sent = client.sendAsync(request, info -> new Head());
            try {
                // The request's timeout covers the answer's headers; this one the whole answer, so a receiver that
                // trickles its body cannot hold a worker.
                HttpResponse<String> response = sent.get(config.webhooks().timeout().toMillis(), TimeUnit.MILLISECONDS);
                status = response.statusCode();
                head = response.body();
                retryAfter = response.headers().firstValue("Retry-After").flatMap(Deliveries::retryAfter);
            } catch (TimeoutException e) {
                sent.cancel(true);
                error = timedOut();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                error = cause instanceof HttpTimeoutException ? timedOut()
                        : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            } catch (InterruptedException e) {
                sent.cancel(true);
                Thread.currentThread().interrupt();
                return;
            }
        }
        int duration = (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        record(c, started, status, duration, error, head, retryAfter);
    }

    private String timedOut() {
        return "timed out after " + config.webhooks().timeout().toSeconds() + " s";
    }

    /** Reads the first {@link #HEAD_BYTES} of an answer's body, then stops reading (the rest is never downloaded). */
    static final class Head implements HttpResponse.BodySubscriber<String> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), HEAD_BYTES - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= HEAD_BYTES) {
                subscription.cancel();
                finish();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            finish();
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void finish() {
            body.complete(new String(bytes.toByteArray(), StandardCharsets.UTF_8).replace("\u0000", ""));
        }
    }

    private void record(Claimed c, Instant at, Integer status, int durationMs, String error, String head, Optional<Duration> retryAfter) {
        boolean ok = status != null && status >= 200 && status < 300;
        if (status != null && !ok && error == null) {
            error = status >= 300 && status < 400 ? "redirect not followed (" + status + ")" : "answered " + status;
        }
        String finalError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        (ok ? delivered : failedAttempts).increment();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    insert into webhook_attempt (delivery_id, attempted_at, status_code, duration_ms, error, response_head)
                    values (:delivery, :at, :status, :duration, :error, :head)""")
                    .setParameter("delivery", c.id()).setParameter("at", at).setParameter("status", status)
                    .setParameter("duration", durationMs).setParameter("error", finalError).setParameter("head", head)
                    .executeUpdate();
            if (ok) {
                em.createNativeQuery("update webhook_delivery set state = 'delivered', finished_at = clock_timestamp() where id = :id")
                        .setParameter("id", c.id()).executeUpdate();
                em.createNativeQuery("update webhook set failing_since = null where id = :id and failing_since is not null")
                        .setParameter("id", c.webhookId()).executeUpdate();
                return;
            }
            if (status != null && status == 410) {
                disable(c.webhookId(), "the receiver answered 410 Gone");
            }
            if (c.attempt() > schedule.length) {
                em.createNativeQuery("update webhook_delivery set state = 'failed', finished_at = clock_timestamp() where id = :id")
                        .setParameter("id", c.id()).executeUpdate();
            } else {
                Duration wait = backoff(schedule, c.attempt(), retryAfter);
                em.createNativeQuery("update webhook_delivery set next_attempt_at = clock_timestamp() + make_interval(secs => :wait) where id = :id")
                        .setParameter("wait", wait.toMillis() / 1000.0).setParameter("id", c.id()).executeUpdate();
            }
            em.createNativeQuery("update webhook set failing_since = coalesce(failing_since, clock_timestamp()) where id = :id")
                    .setParameter("id", c.webhookId()).executeUpdate();
            Number failingFor = (Number) em.createNativeQuery(
                    "select extract(epoch from clock_timestamp() - failing_since) from webhook where id = :id")
                    .setParameter("id", c.webhookId()).getSingleResult();
            if (failingFor != null && failingFor.longValue() > config.webhooks().disableAfter().toSeconds()) {
                disable(c.webhookId(), "failing without a success since " + config.webhooks().disableAfter().toHours() + " hours: " + finalError);
            }
        });
    }

    private void disable(long webhookId, String reason) {
        em.createNativeQuery("update webhook set enabled = false, disabled_reason = :reason, updated_at = now(), version = version + 1 where id = :id and enabled")
                .setParameter("reason", reason.length() > 500 ? reason.substring(0, 500) : reason).setParameter("id", webhookId).executeUpdate();
        LOG.warnf("Webhook %d disabled: %s", webhookId, reason);
    }

    /** The wait after the n-th failed attempt: the schedule's, give or take a fifth, or longer if the receiver asked. */
    static Duration backoff(Duration[] schedule, int attempt, Optional<Duration> retryAfter) {
        Duration base = schedule[Math.min(attempt, schedule.length) - 1];
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        Duration wait = Duration.ofMillis((long) (base.toMillis() * jitter));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            wait = retryAfter.get().compareTo(Duration.ofHours(24)) > 0 ? Duration.ofHours(24) : retryAfter.get();
        }
        return wait;
    }

    /** Retry-After as seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(Instant.now(), at).isNegative() ? Duration.ZERO : Duration.between(Instant.now(), at));
            } catch (RuntimeException ignored) {
                return Optional.empty();
            }
        }
    }
}
