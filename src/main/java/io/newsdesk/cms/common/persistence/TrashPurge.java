package io.newsdesk.cms.common.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;

/** Removes for good what has been in a trash (articles, comments) longer than CMS_TRASH_RETENTION, 100 per transaction. */
@ApplicationScoped
public class TrashPurge {

    private static final Logger LOG = Logger.getLogger(TrashPurge.class);
    private static final int BATCH = 100;

    @Inject
    Clock clock;

    @Inject
    @All
    List<TrashBin> bins;

    @Inject
    CmsConfig config;

    @Scheduled(every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        purge(clock.instant().minus(config.trash().retention()));
    }

    /** Removes what was trashed before {@code cutoff}; answers how many items went. */
    public int purge(Instant cutoff) {
        int total = 0;
        for (TrashBin bin : bins) {
            int removed = 0;
            int batch;
            do {
                batch = bin.purgeTrash(cutoff, BATCH);
                removed += batch;
            } while (batch == BATCH);
            if (removed > 0) {
                LOG.infof("Removed %d %s that were in the trash longer than CMS_TRASH_RETENTION", removed, bin.trashOf());
            }
            total += removed;
        }
        return total;
    }
}
