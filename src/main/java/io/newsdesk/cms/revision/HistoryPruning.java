package io.newsdesk.cms.revision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps history bounded: of each article, the newest CMS_HISTORY_KEEP revisions stay, and beyond them every
 * published state younger than CMS_HISTORY_KEEP_PUBLISHED; the rest go. Runs on every instance, an article at a
 * time in its own transaction, 100 articles per batch; lowering the settings prunes existing history at the next
 * run, and a second run removes nothing more. The revisions that stay keep their numbers and still read, compare
 * and restore: each one's patch is rewritten against the next one kept.
 */
@ApplicationScoped
public class HistoryPruning {

    private static final Logger LOG = Logger.getLogger(HistoryPruning.class);
    private static final int ARTICLES_PER_BATCH = 100;

    @Inject
    Clock clock;

    @Inject
    RevisionStore store;

    @Inject
    CmsConfig config;

    @Scheduled(every = "${cms.history.prune-every:1h}", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int removed = pruneAll(config.history().keep(), config.history().keepPublished());
        if (removed > 0) {
            LOG.infof("Pruned %d article revisions past CMS_HISTORY_KEEP and CMS_HISTORY_KEEP_PUBLISHED", removed);
        }
    }

    /** Prunes every article's history; answers how many revisions went. */
    public int pruneAll(int keep, Duration keepPublished) {
        int removed = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Long> articles = QuarkusTransaction.requiringNew().call(() -> store.articlesOver(keep, from, ARTICLES_PER_BATCH));
            if (articles.isEmpty()) {
                return removed;
            }
            for (long article : articles) {
                removed += QuarkusTransaction.requiringNew().call(() -> prune(article, keep, keepPublished));
            }
            after = articles.get(articles.size() - 1);
        }
    }

    /** Prunes one article's history in the current transaction; answers how many revisions went. */
    int prune(long articleId, int keep, Duration keepPublished) {
        List<RevisionStore.Row> chain = store.allForUpdate(articleId);
        if (chain.size() <= keep) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(keepPublished);
        List<Revisions.State> states = Revisions.states(chain);
        List<Integer> kept = new ArrayList<>();
        List<Long> gone = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            RevisionStore.Row row = chain.get(i);
            boolean publishedState = states.get(i).published() && !row.createdAt().isBefore(cutoff);
            if (i < keep || publishedState) {
                kept.add(i);
            } else {
                gone.add(row.id());
            }
        }
        if (gone.isEmpty()) {
            return 0;
        }
        // Each kept revision's patch now leads from the next kept one, skipping those that go.
        for (int k = 1; k < kept.size(); k++) {
            int newer = kept.get(k - 1);
            int older = kept.get(k);
            if (older != newer + 1) {
                Revisions.State from = states.get(newer);
                Revisions.State to = states.get(older);
                store.storeAsPatch(chain.get(older).id(), Deltas.fields(from.fields(), to.fields()), Deltas.text(from.body(), to.body()));
            }
        }
        store.deleteAll(gone);
        return gone.size();
    }
}
