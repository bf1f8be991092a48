package io.newsdesk.cms.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The outbox's upkeep on every instance: removes events past CMS_WEBHOOKS_RETENTION with their deliveries and
 * attempts, and keeps the gauges of what waits: {@code cms.webhooks.outbox.backlog} (pending deliveries to
 * enabled endpoints), {@code cms.webhooks.outbox.age.seconds} (how long the oldest of them has waited) and
 * {@code cms.webhooks.endpoints.disabled}. The gauges are read from the database every 15 seconds, not on each scrape; the bean
 * starts with the service, so they are there from the first scrape.
 */
@Startup
@ApplicationScoped
public class OutboxHousekeeping {

    private static final Logger LOG = Logger.getLogger(OutboxHousekeeping.class);
    private static final int BATCH = 1000;

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong ageSeconds = new AtomicLong();
    private final AtomicLong disabled = new AtomicLong();

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    CmsConfig config;

    @Inject
    public OutboxHousekeeping(MeterRegistry registry) {
        Gauge.builder("cms.webhooks.outbox.backlog", backlog, AtomicLong::get)
                .description("Webhook deliveries waiting to be sent to enabled endpoints, retries included").register(registry);
        Gauge.builder("cms.webhooks.outbox.age.seconds", ageSeconds, AtomicLong::get)
                .description("How long the oldest waiting webhook delivery has waited since its event").register(registry);
        Gauge.builder("cms.webhooks.endpoints.disabled", disabled, AtomicLong::get)
                .description("Webhook endpoints that are disabled (by an admin, a 410 answer or failing too long)").register(registry);
    }

    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                    select count(*), coalesce(extract(epoch from clock_timestamp() - min(d.created_at)), 0),
                           (select count(*) from webhook where not enabled)
                    from webhook_delivery d join webhook w on w.id = d.webhook_id
                    where d.state = 'pending' and w.enabled""").getSingleResult());
            backlog.set(((Number) row[0]).longValue());
            ageSeconds.set(((Number) row[1]).longValue());
            disabled.set(((Number) row[2]).longValue());
        } catch (RuntimeException e) {
            LOG.debugf(e, "Webhook outbox gauges not refreshed this time");
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        int removed = removeExpired(clock.instant().minus(config.webhooks().retention()));
        if (removed > 0) {
            LOG.infof("Removed %d webhook events past their retention, with their deliveries and attempts", removed);
        }
    }

    /**
     * Removes the events written before {@code cutoff} that nothing still waits to send, in batches of a
     * thousand, each in its own short transaction; answers how many went.
     */
    int removeExpired(Instant cutoff) {
        int total = 0;
        while (true) {
            int removed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    delete from webhook_event where id in (
                        select e.id from webhook_event e
                        where e.created_at < :cutoff
                          and not exists (select 1 from webhook_delivery d where d.event_id = e.id and d.state = 'pending')
                        order by e.created_at limit :batch)""")
                    .setParameter("cutoff", cutoff).setParameter("batch", BATCH).executeUpdate());
            total += removed;
            if (removed < BATCH) {
                return total;
            }
        }
    }
}
