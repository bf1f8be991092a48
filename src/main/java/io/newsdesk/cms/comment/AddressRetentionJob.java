package io.newsdesk.cms.comment;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Privacy housekeeping: erases commenters' client addresses and user agents once they are older than
 * CMS_COMMENTS_ADDRESS_RETENTION_DAYS, and drops finished rate-limit windows. Safe to run on every instance.
 */
@ApplicationScoped
public class AddressRetentionJob {

    private static final Logger LOG = Logger.getLogger(AddressRetentionJob.class);

    @Inject
    Clock clock;

    @Inject
    CommentService comments;

    @Inject
    RateLimiter rateLimiter;

    @Scheduled(every = "${cms.comments.retention-job-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int erased = comments.eraseOldAddresses();
        rateLimiter.purgeBefore(clock.instant().minus(1, ChronoUnit.DAYS));
        if (erased > 0) {
            LOG.infof("Erased the client address and user agent of %d comments past their retention", erased);
        }
    }
}
