package io.newsdesk.cms.common.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures mean "the database cannot be reached" (503 with Retry-After) rather than a bug (500). */
class DatabaseOutageTest {

    @Test
    void shouldRecognizeALostConnectionAnywhereInTheChain() {
        PSQLException lost = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);

        assertTrue(DatabaseOutage.isCause(new IllegalStateException("wrapped", lost)));
    }

    @Test
    void shouldRecognizeAFailedCommitWhoseCauseIsSuppressed() {
        // As Narayana reports a commit on a connection that went away: the reason is a suppressed XAException.
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);

        assertTrue(DatabaseOutage.isCause(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void shouldRecognizeThePoolGivingUp() {
        assertTrue(DatabaseOutage.isCause(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void shouldNotMistakeOtherFailuresForAnOutage() {
        assertFalse(DatabaseOutage.isCause(new IllegalStateException("a bug")));
        assertFalse(DatabaseOutage.isCause(new SQLException("duplicate key value", "23505")));
    }
}
