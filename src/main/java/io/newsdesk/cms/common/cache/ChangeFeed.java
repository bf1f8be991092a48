package io.newsdesk.cms.common.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells every instance on the database that content changed, so each clears its
 * {@link ResponseCache} within milliseconds of a write anywhere.
 *
 * <p>A write announces itself with {@code pg_notify} once it has committed. Each instance listens on
 * a connection of its own (outside the pool, so the pool's size is unchanged) and checks it every
 * second; while that connection is down the cache is suspended, so a lost notification can never
 * leave a stale answer in place.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final String NEXT_GO_LIVE =
            "select min(published_at) from article where status = 'published' and published_at > now()";
    private static final String ANNOUNCE = "select (select min(published_at) from article where status = 'published' "
            + "and published_at > now()), pg_notify('cms_content', ?)";
    private static final long POLL_MILLIS = 250;
    private static final long CHECK_MILLIS = 1000;
    private static final long RETRY_MILLIS = 1000;

    /** Tells this instance's own notifications from the others'. */
    private final String instance = UUID.randomUUID().toString();

    @Inject
    ResponseCache cache;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Config config;

    private volatile boolean running;
    private Thread listener;

    void start(@Observes StartupEvent event) {
        if (!cache.enabled()) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "cms-change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /**
     * Called after a write has committed: clears this instance's cache now and tells the others. Runs
     * on the request's worker thread, in one round trip that also reads the next go-live time.
     */
    public void published() {
        cache.contentChanged();
        long generation = cache.generation();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(ANNOUNCE)) {
            statement.setString(1, instance);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                cache.schedule(instant(row.getTimestamp(1)), generation);
            }
        } catch (SQLException e) {
            // The write itself has committed; other instances fall back to their TTL or lose their feed.
            LOG.warnf("Could not announce a content change: %s", e.getMessage());
        }
    }

    private void listen() {
        boolean announcedOutage = false;
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN cms_content");
                }
                cache.contentChanged();
                long generation = cache.generation();
                cache.resume(nextGoLive(connection), generation);
                if (announcedOutage) {
                    LOG.info("Change feed reconnected; the response cache is on again");
                    announcedOutage = false;
                }
                follow(connection);
            } catch (SQLException e) {
                cache.suspend();
                if (!announcedOutage && running) {
                    LOG.warnf("Change feed lost (%s); the response cache is off until the database answers", e.getMessage());
                    announcedOutage = true;
                }
            }
            pause(RETRY_MILLIS);
        }
        cache.suspend();
    }

    /** Reads notifications until the connection fails or the service stops. */
    private void follow(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications((int) POLL_MILLIS);
            boolean changed = false;
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    changed |= !instance.equals(notification.getParameter());
                }
            }
            if (changed) {
                cache.contentChanged();
            }
            long now = System.nanoTime();
            if (changed || !cache.scheduleKnown() || now - lastCheck > TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS)) {
                // Doubles as the liveness check of this connection: a dead one throws here.
                long generation = cache.generation();
                cache.schedule(nextGoLive(connection), generation);
                lastCheck = now;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(u -> properties.setProperty("user", u));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "newsdesk-cms change feed");
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }

    private static Instant nextGoLive(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(NEXT_GO_LIVE)) {
            row.next();
            return instant(row.getTimestamp(1));
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
