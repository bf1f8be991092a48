package io.newsdesk.cms.media;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.media.storage.MediaStorage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Removes stored files that belong to no item. An upload stores its file before its row, so a crash
 * between the two, or a delete whose file removal failed, can leave files behind; they are removed once
 * older than CMS_MEDIA_ORPHAN_GRACE, which leaves uploads in progress alone.
 */
@ApplicationScoped
public class OrphanCleanup {

    private static final Logger LOG = Logger.getLogger(OrphanCleanup.class);

    @Inject
    Clock clock;

    @Inject
    MediaStorage storage;

    @Inject
    MediaRepository repository;

    @Inject
    CmsConfig config;

    @Scheduled(every = "1h", delay = 5, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int removed = removeOrphans(clock.instant().minus(config.media().orphanGrace()));
            if (removed > 0) {
                LOG.infof("Removed %d media files that belonged to no item", removed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Media orphan cleanup failed; it runs again within the hour", e);
        }
    }

    /** Removes every file written before the cutoff whose item does not exist; returns how many went. */
    public int removeOrphans(Instant cutoff) throws IOException {
        Map<String, List<MediaStorage.StoredObject>> byItem = new HashMap<>();
        for (MediaStorage.StoredObject object : storage.list("")) {
            String[] parts = object.key().split("/");
            if (parts.length == 3 && MediaFiles.isHash(parts[1])) {
                byItem.computeIfAbsent(parts[1], k -> new java.util.ArrayList<>()).add(object);
            }
        }
        int removed = 0;
        for (Map.Entry<String, List<MediaStorage.StoredObject>> item : byItem.entrySet()) {
            boolean stale = item.getValue().stream().allMatch(o -> o.lastModified().isBefore(cutoff));
            if (stale && !QuarkusTransaction.requiringNew().call(() -> repository.shaExists(item.getKey()))) {
                for (MediaStorage.StoredObject object : item.getValue()) {
                    storage.delete(object.key());
                    removed++;
                }
            }
        }
        return removed;
    }
}
