package io.newsdesk.cms.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * The service's clock in the tests, in place of {@code DatabaseClock}: it runs with real time until a test stops it.
 * A test that needs a scheduled article to go live or a token to expire stops the clock ({@link #stop}), sets the
 * time a second or two ahead, moves the clock past it ({@link #passTo}) and asserts at once: exact, and with no waiting
 * for the wall clock. After each test the clock runs again ({@link Restart}): from real time if it stood still longer
 * than it was moved on, otherwise from where it stands. It never goes back, and it stays within the few seconds the
 * tests moved it of real time, so tests that date their articles hours or days from {@code Instant.now()} are unaffected.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    /** The stopped time, or null while the clock runs. */
    private Instant stopped;
    /** While running: this clock minus real time, in millis. */
    private long aheadMillis;

    /** Stops the clock and answers its time, which stays until {@link #advance} or {@link #passTo}. */
    public synchronized Instant stop() {
        if (stopped == null) {
            stopped = instant();
        }
        return stopped;
    }

    /** Moves the (stopped) clock on by {@code duration}. */
    public synchronized Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        if (stopped == null) {
            throw new IllegalStateException("stop() the clock before moving it");
        }
        stopped = stopped.plus(duration);
        return stopped;
    }

    /** Moves the (stopped) clock just past {@code moment}, by a millisecond, unless it is already there. */
    public synchronized Instant passTo(Instant moment) {
        Instant past = moment.plusMillis(1);
        Instant now = stop();
        return now.isBefore(past) ? advance(Duration.between(now, past)) : now;
    }

    /** Lets the clock run again, from real time or from where it stands if that is later. */
    public synchronized void restart() {
        if (stopped != null) {
            aheadMillis = Math.max(0, stopped.toEpochMilli() - System.currentTimeMillis());
            stopped = null;
        }
    }

    @Override
    public synchronized Instant instant() {
        return stopped != null ? stopped : Instant.now().plusMillis(aheadMillis);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? this : Clock.fixed(instant(), zone);
    }

    /** Runs the service's clock again after every test, whatever the test did with it. */
    public static class Restart implements QuarkusTestAfterEachCallback {

        @Override
        public void afterEach(QuarkusTestMethodContext context) {
            var clock = Arc.container().instance(TestClock.class);
            if (clock.isAvailable()) {
                clock.get().restart();
            }
        }
    }
}
