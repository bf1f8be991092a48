package io.newsdesk.cms.common.cache;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * How a write says what it changed. Called inside the write's transaction with the {@link Keys} of
 * everything public it changed (a write that changes nothing public announces nothing): the keys are
 * logged and sent to every instance with {@code pg_notify} in that same transaction, so they go out if
 * and only if the write commits, and this instance drops them the moment it commits, before the writer
 * gets its answer.
 */
@ApplicationScoped
public class ContentChanges {

    /** PostgreSQL refuses notification payloads of 8,000 bytes or more; longer key lists go as "everything". */
    static final int MAX_KEYS_LENGTH = 7800;

    private static final Object RESOURCE = new Object();

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry registry;

    @Inject
    Invalidations invalidations;

    @Inject
    ChangeFeed feed;

    @Inject
    PublicationSchedule schedule;

    /** What this transaction has announced so far, and whether it moved a publication time. */
    private static final class Pending implements Synchronization {
        final Set<String> keys = new LinkedHashSet<>();
        final ChangeFeed feed;
        final Invalidations invalidations;
        Instant nextGoLive;
        boolean scheduleRead;

        Pending(ChangeFeed feed, Invalidations invalidations) {
            this.feed = feed;
            this.invalidations = invalidations;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                invalidations.invalidate(keys);
                if (scheduleRead) {
                    feed.scheduledByWrite(nextGoLive);
                }
            }
        }
    }

    /** The write changed what these keys name. */
    public void changed(Collection<String> keys) {
        announce(keys, false);
    }

    /**
     * The write changed what these keys name, and may have moved a publication time (scheduled,
     * rescheduled or unscheduled an article): every instance reads the next publication time again.
     */
    public void changedSchedule(Collection<String> keys) {
        announce(keys, true);
    }

    private void announce(Collection<String> keys, boolean scheduleChanged) {
        Pending pending = (Pending) registry.getResource(RESOURCE);
        if (pending == null) {
            pending = new Pending(feed, invalidations);
            registry.putResource(RESOURCE, pending);
            registry.registerInterposedSynchronization(pending);
        }
        Set<String> fresh = new LinkedHashSet<>(keys);
        fresh.removeAll(pending.keys);
        if (fresh.isEmpty() && !scheduleChanged) {
            return;
        }
        pending.keys.addAll(fresh);
        String listed = String.join(" ", fresh);
        String payload = feed.payload(scheduleChanged, listed.length() < MAX_KEYS_LENGTH ? listed : Keys.EVERYTHING);
        // Logged for instances that reconnect after missing the notification (see ChangeFeed).
        em.createNativeQuery("with logged as (insert into content_change (keys) values (:keys) returning id) "
                + "select pg_notify('cms_content', :payload) from logged")
                .setParameter("payload", payload)
                .setParameter("keys", listed.isEmpty() ? "-" : listed)
                .getSingleResult();
        if (scheduleChanged) {
            pending.nextGoLive = schedule.next();
            pending.scheduleRead = true;
        }
    }
}
