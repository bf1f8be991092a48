package io.newsdesk.cms.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

import io.newsdesk.cms.common.cache.ResponseCache;

/**
 * Counts the SQL statements a call makes, from Hibernate's statistics (enabled in the test profile;
 * the application runs in the test's JVM). The response cache is cleared before each call, so what is
 * counted is the cost of computing the answer, not of serving it again from memory (which is none).
 */
public final class Statements {

    private final Statistics statistics;
    private final ResponseCache cache;

    public Statements(SessionFactory sessionFactory, ResponseCache cache) {
        this.statistics = sessionFactory.getStatistics();
        this.cache = cache;
        assertTrue(statistics.isStatisticsEnabled(), "the test profile enables Hibernate statistics");
    }

    /**
     * The fewest statements of five identical calls: a scheduled job (the webhook poller every 250 ms, the go-live job
     * every second) shares the counter and may run meanwhile. A first, uncounted call warms the code up, so the counted
     * ones take milliseconds and a job rarely falls inside all five.
     */
    public long of(Runnable call) {
        cache.clear();
        call.run();
        long least = Long.MAX_VALUE;
        long[] counts = new long[5];
        // The answers were checked against the document on the first call; the counted ones take only their own time.
        DocumentedAnswers.unchecked(() -> {
            for (int run = 0; run < counts.length; run++) {
                cache.clear();
                long before = statistics.getPrepareStatementCount();
                call.run();
                counts[run] = statistics.getPrepareStatementCount() - before;
            }
        });
        for (long count : counts) {
            least = Math.min(least, count);
        }
        return least;
    }
}
