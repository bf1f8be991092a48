package io.newsdesk.cms.article;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.scheduler.Scheduled;

/** Removes for good the articles that have been in the trash longer than CMS_TRASH_RETENTION, 100 per transaction. */
@ApplicationScoped
public class TrashPurge {

    private static final Logger LOG = Logger.getLogger(TrashPurge.class);
    private static final int BATCH = 100;

    @Inject
    ArticleService articles;

    @Inject
    CmsConfig config;

    @Scheduled(every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int removed = purge(Instant.now().minus(config.trash().retention()));
        if (removed > 0) {
            LOG.infof("Removed %d articles that were in the trash longer than CMS_TRASH_RETENTION", removed);
        }
    }

    /** Removes what was trashed before {@code cutoff}; answers how many articles went. */
    public int purge(Instant cutoff) {
        int total = 0;
        while (true) {
            int removed = articles.purgeTrash(cutoff, BATCH);
            total += removed;
            if (removed < BATCH) {
                return total;
            }
        }
    }
}
