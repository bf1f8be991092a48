package io.newsdesk.cms.wordpress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Which failures make an import write its batch again: PostgreSQL's deadlock and serialization errors, however wrapped. */
class DeadlockRetryTest {

    @Test
    void shouldWriteABatchAgainWhenPostgresChoseItAsADeadlockVictim() {
        SQLException deadlock = new SQLException("ERROR: deadlock detected", "40P01");
        assertTrue(WordPressImporter.deadlocked(new IllegalStateException("commit", new RuntimeException(deadlock))));
        // Narayana reports a failed one-phase commit as a rollback whose XA cause is suppressed, not chained.
        RuntimeException rollback = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction", deadlock);
        rollback.addSuppressed(xa);
        assertTrue(WordPressImporter.deadlocked(new IllegalStateException(rollback)));
        assertTrue(WordPressImporter.deadlocked(new SQLException("could not serialize access", "40001")));
    }

    @Test
    void shouldNotWriteABatchAgainForAnyOtherFailure() {
        assertFalse(WordPressImporter.deadlocked(new SQLException("duplicate key", "23505")));
        assertFalse(WordPressImporter.deadlocked(new IllegalStateException("boom")));
        assertFalse(WordPressImporter.deadlocked(new IllegalStateException(new SQLException("no state"))));
    }
}
