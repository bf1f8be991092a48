package io.newsdesk.cms.common.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.newsdesk.cms.common.time.DatabaseClock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Brings every other instance's changes to this one, and scheduled publications when their time comes.
 *
 * <p>A write sends the keys it changed with {@code pg_notify} ({@link ContentChanges}); each instance
 * listens on a connection of its own (outside the pool, so the pool's size is unchanged), drops those
 * keys from its caches, and checks that connection every second. While it is down the response cache
 * serves nothing. Changes are also logged in {@code content_change} for an hour: after a reconnect the
 * instance drops the keys of every change logged since it last heard from the database (everything,
 * if that is longer ago than the log goes back), so what it kept meanwhile survives unless it changed.
 *
 * <p>Scheduled articles need no job: the response cache knows the next publication time and, when it
 * passes, this feed asks {@link PublicationSchedule} what went public and drops its keys.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final long POLL_MILLIS = 250;
    private static final long CHECK_MILLIS = 1000;
    private static final long SCHEDULE_CHECK_MILLIS = 10_000;
    private static final long PRUNE_MILLIS = 600_000;
    private static final long RETRY_MILLIS = 1000;
    /** Replay reaches back this much further than the last time the database answered: a transaction commits a little after it logs. */
    private static final String REPLAY_MARGIN = "1 minute";

    /** Tells this instance's own notifications from the others'. */
    private final String instance = UUID.randomUUID().toString();

    @Inject
    ResponseCache cache;

    @Inject
    Invalidations invalidations;

    @Inject
    PublicationSchedule schedule;

    @Inject
    Config config;

    @Inject
    Clock clock;

    @Inject
    DatabaseClock databaseClock;

    private volatile boolean running;
    private Thread listener;
    private ExecutorService worker;
    private final AtomicBoolean goLivePending = new AtomicBoolean();
    /** The time (service clock) up to which publications have been dropped from the caches. */
    private volatile Instant liveUpTo;
    /** Bumped whenever a write lowers the next publication time, so an older read of it is not applied over it. */
    private final AtomicLong scheduleWrites = new AtomicLong();
    private volatile Instant nextGoLive;
    /** Database time of the last answer on the listening connection. */
    private volatile Instant lastAlive;
    /** Markers this instance sent and waits to hear back, by token (see {@link #marker}). */
    private final Map<String, CountDownLatch> markers = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        if (!cache.enabled()) {
            return;
        }
        running = true;
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cms-go-live");
            t.setDaemon(true);
            return t;
        });
        cache.onGoLive(this::goLiveDue);
        listener = new Thread(this::listen, "cms-change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
            try {
                // Let it finish while the beans it calls still exist (a short-lived command stops right after starting).
                listener.join(POLL_MILLIS * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** The notification this instance sends for a change: {@code v1 <instance> <S|-> <keys>}. */
    String payload(boolean scheduleChanged, String keys) {
        return "v1 " + instance + " " + (scheduleChanged ? "S" : "-") + " " + (keys.isEmpty() ? "-" : keys);
    }

    /**
     * A marker to send with {@code pg_notify('cms_content', marker)} in a transaction. Notifications arrive in commit
     * order, so once this instance hears it back ({@link #awaitMarker}), every change committed before that
     * transaction has been dropped from its caches. Other instances ignore it.
     */
    public String marker() {
        String token = UUID.randomUUID().toString();
        markers.put(token, new CountDownLatch(1));
        return "v1 " + instance + " M " + token;
    }

    /**
     * Waits, at most {@code timeout}, until this instance has heard back a marker it sent. Answers at once when
     * nothing is served from memory (the cache is off, or suspended while the feed is down).
     */
    public void awaitMarker(String marker, Duration timeout) {
        CountDownLatch heard = markers.get(marker.substring(marker.lastIndexOf(' ') + 1));
        try {
            if (heard != null && running && cache.live()) {
                heard.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            markers.remove(marker.substring(marker.lastIndexOf(' ') + 1));
        }
    }

    /** A write on this instance read the next publication time in its transaction, which has committed. */
    void scheduledByWrite(Instant next) {
        if (next == null) {
            return;
        }
        synchronized (this) {
            scheduleWrites.incrementAndGet();
            if (nextGoLive == null || next.isBefore(nextGoLive)) {
                nextGoLive = next;
                cache.schedule(next);
            }
        }
    }

    private void listen() {
        boolean connectedBefore = false;
        boolean announcedOutage = false;
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN cms_content");
                }
                Instant now = databaseNow(connection);
                if (connectedBefore) {
                    replay(connection);
                } else {
                    liveUpTo = clock.instant();
                }
                lastAlive = now;
                refreshSchedule();
                processGoLive();
                cache.resume();
                connectedBefore = true;
                if (announcedOutage) {
                    LOG.info("Change feed reconnected; the response cache is on again");
                    announcedOutage = false;
                }
                follow(connection);
            } catch (SQLException | RuntimeException e) {
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
        long lastSchedule = lastCheck;
        long lastPrune = 0;
        while (running) {
            PGNotification[] notifications = pg.getNotifications((int) POLL_MILLIS);
            boolean rescheduled = false;
            if (notifications != null) {
                Set<String> keys = new HashSet<>();
                List<String> heard = new ArrayList<>();
                for (PGNotification notification : notifications) {
                    rescheduled |= apply(notification.getParameter(), keys, heard);
                }
                if (!keys.isEmpty()) {
                    invalidations.invalidate(keys);
                }
                // Only now: everything committed before the markers has been dropped.
                heard.forEach(token -> {
                    CountDownLatch latch = markers.get(token);
                    if (latch != null) {
                        latch.countDown();
                    }
                });
            }
            long now = System.nanoTime();
            if (rescheduled || now - lastSchedule > TimeUnit.MILLISECONDS.toNanos(SCHEDULE_CHECK_MILLIS)) {
                refreshSchedule();
                lastSchedule = now;
            }
            if (now - lastCheck > TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS)) {
                // Doubles as the liveness check of this connection: a dead one throws here.
                lastAlive = databaseNow(connection);
                lastCheck = now;
            }
            if (now - lastPrune > TimeUnit.MILLISECONDS.toNanos(PRUNE_MILLIS)) {
                prune(connection);
                lastPrune = now;
            }
        }
    }

    /**
     * Applies another instance's notification: adds the keys it names to {@code keys}; answers whether it
     * moved a publication time. Anything that does not parse counts as "everything changed".
     */
    boolean apply(String payload, Set<String> keys, List<String> markersHeard) {
        String[] parts = payload == null ? new String[0] : payload.split(" ");
        if (parts.length < 4 || !parts[0].equals("v1")) {
            keys.add(Keys.EVERYTHING);
            return true;
        }
        if (parts[2].equals("M")) {
            if (parts[1].equals(instance)) {
                markersHeard.add(parts[3]);
            }
            return false;
        }
        if (parts[1].equals(instance)) {
            return false; // this instance dropped its own changes when they committed
        }
        if (!parts[3].equals("-")) {
            keys.addAll(Arrays.asList(parts).subList(3, parts.length));
        }
        return parts[2].equals("S");
    }

    /** Drops the keys of every change logged since the database last answered this instance. */
    private void replay(Connection connection) throws SQLException {
        Instant since = lastAlive;
        if (since == null) {
            invalidations.invalidateAll();
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                select (select min(changed_at) from content_change) > cast(? as timestamptz) - cast(? as interval),
                       coalesce(string_agg(keys, ' '), '')
                from content_change where changed_at >= cast(? as timestamptz) - cast(? as interval)""")) {
            statement.setString(1, since.toString());
            statement.setString(2, REPLAY_MARGIN);
            statement.setString(3, since.toString());
            statement.setString(4, REPLAY_MARGIN);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                boolean logTooShort = row.getBoolean(1);
                Set<String> keys = new HashSet<>(List.of(row.getString(2).split(" ")));
                keys.remove("");
                keys.remove("-");
                if (logTooShort) {
                    invalidations.invalidateAll();
                } else if (!keys.isEmpty()) {
                    invalidations.invalidate(keys);
                }
            }
        }
    }

    private static void prune(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("delete from content_change where changed_at < now() - interval '1 hour'");
        }
    }

    /**
     * Reads the next publication time; a write that lowered it meanwhile wins. A publication time whose keys have not
     * been dropped yet (after {@link #liveUpTo}) is kept even when the service's clock has passed it, so the cache
     * keeps bypassing itself until {@link #processGoLive} has dropped them: otherwise a refresh just after that time
     * would skip it, and lists kept from before would go on without the new article.
     */
    private void refreshSchedule() {
        long writes = scheduleWrites.get();
        Instant next = schedule.next();
        synchronized (this) {
            if (writes == scheduleWrites.get()) {
                Instant due = nextGoLive;
                Instant processed = liveUpTo;
                if (due != null && processed != null && due.isAfter(processed) && (next == null || next.isAfter(due))) {
                    next = due;
                }
                nextGoLive = next;
                cache.schedule(next);
            }
        }
    }

    /** Called by the response cache, on a request's thread, once the next publication time has passed. */
    private void goLiveDue() {
        if (goLivePending.compareAndSet(false, true)) {
            worker.execute(() -> {
                try {
                    processGoLive();
                    refreshSchedule();
                } catch (RuntimeException e) {
                    LOG.warnf("Could not process scheduled publications (%s); retrying", e.getMessage());
                } finally {
                    goLivePending.set(false);
                }
            });
        }
    }

    /** Drops the keys of everything that went public since the last time this was done. */
    private synchronized void processGoLive() {
        Instant after = liveUpTo;
        if (after == null) {
            return;
        }
        PublicationSchedule.GoLive live = schedule.since(after);
        if (!live.keys().isEmpty()) {
            invalidations.invalidate(live.keys());
        }
        liveUpTo = live.upTo();
    }

    private Instant databaseNow(Connection connection) throws SQLException {
        long before = System.currentTimeMillis();
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("select clock_timestamp()")) {
            row.next();
            long after = System.currentTimeMillis();
            Timestamp at = row.getTimestamp(1);
            databaseClock.measured(at.getTime() - (before + after) / 2);
            return at.toInstant();
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
