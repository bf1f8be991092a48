package io.newsdesk.cms.common.error;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognizes a failure that means "the database cannot be reached", as opposed to a bug: those answer
 * 503 with Retry-After, and the client may simply try again.
 */
public final class DatabaseOutage {

    /** Seconds a client is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseOutage() {
    }

    /**
     * Whether the failure, one of its causes, or one of their suppressed exceptions says the database is
     * unreachable. A failed commit carries it as a suppressed XAException: look there too.
     */
    public static boolean isCause(Throwable error) {
        return isCause(error, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean isCause(Throwable t, java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t) || seen.size() > 64) {
            return false;
        }
        if (t instanceof org.hibernate.exception.JDBCConnectionException || t instanceof SQLTransientConnectionException
                || t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof SocketException) {
            return true;
        }
        if (t instanceof SQLException sql && unreachable(sql)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (isCause(suppressed, seen)) {
                return true;
            }
        }
        return isCause(t.getCause(), seen);
    }

    private static boolean unreachable(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
            // 08: connection exception; 57P01-57P03: the server is shutting down or starting up.
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
        }
        String message = sql.getMessage();
        // The connection pool gave up waiting for a connection it could not open.
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
    }
}
