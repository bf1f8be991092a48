package io.newsdesk.cms.common.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The service's one "now": what decides whether an article is public, whether a token or a preview link has
 * expired, and when the caches drop a scheduled article's lists. It is this machine's clock corrected by the
 * database's, as the change feed measures it, so that every instance reading the same database agrees on the
 * moment an article goes live. Inject {@link Clock}, never call {@code Instant.now()} where visibility is decided:
 * tests replace the clock and move it forward instead of waiting.
 */
@Singleton
public class DatabaseClock extends Clock {

    /** The database's clock minus this machine's, in millis; zero until first measured. */
    private volatile long offsetMillis;

    /** Records a measurement of the database's clock against this machine's. */
    public void measured(long databaseMinusLocalMillis) {
        offsetMillis = databaseMinusLocalMillis;
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), Duration.ofMillis(offsetMillis));
    }
}
