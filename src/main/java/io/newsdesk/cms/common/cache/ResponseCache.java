package io.newsdesk.cms.common.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsdesk.cms.common.config.CmsConfig;

/**
 * Public answers kept in memory, so a hot article or front page is served without the database.
 *
 * <p>Only what the service already marks {@code Cache-Control: public} is kept, so nothing here is
 * fresher or more private than a CDN may hold. It stays correct with several instances on one
 * database: every successful write clears it on its own instance at once and on the others through
 * PostgreSQL NOTIFY ({@link ChangeFeed}); an entry never outlives the configured TTL nor the moment
 * the next scheduled article goes live; and while the notification channel is down the cache is off.
 *
 * <p>An answer computed from data read before a write committed must not be stored after that
 * write cleared the cache: every request notes the generation it started in, and a store from an
 * older generation is dropped.
 */
@ApplicationScoped
public class ResponseCache {

    /** One stored answer: status 200, its headers and body, and a gzip copy made on first demand. */
    public static final class Entry {
        final List<Map.Entry<String, String>> headers;
        final byte[] body;
        final String etag;
        final String lastModified;
        final long expiresAtNanos;
        private volatile byte[] gzipped;

        Entry(List<Map.Entry<String, String>> headers, byte[] body, String etag, String lastModified, long expiresAtNanos) {
            this.headers = headers;
            this.body = body;
            this.etag = etag;
            this.lastModified = lastModified;
            this.expiresAtNanos = expiresAtNanos;
        }

        byte[] gzipped() {
            byte[] copy = gzipped;
            if (copy == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(body);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                copy = out.toByteArray();
                gzipped = copy;
            }
            return copy;
        }

        int weight() {
            int size = body.length * 2 + 256;
            for (Map.Entry<String, String> header : headers) {
                size += header.getKey().length() + header.getValue().length() + 32;
            }
            return size;
        }
    }

    /** No scheduled article is waiting to go live. */
    static final long NO_SCHEDULE = Long.MAX_VALUE;

    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final Cache<String, Entry> entries;
    private final Counter hits;
    private final Counter misses;

    /** Whether the change feed is connected; while it is not, nothing is served or stored. */
    private volatile boolean live;
    /** Wall-clock millis at which the next scheduled article goes live, or {@link #NO_SCHEDULE}. */
    private volatile long nextGoLiveMillis = NO_SCHEDULE;
    /** False from a write until the next go-live time has been read again; nothing is stored meanwhile. */
    private volatile boolean scheduleKnown;

    @Inject
    public ResponseCache(CmsConfig config, MeterRegistry registry) {
        long ttl = Math.min(config.cache().serverTtl().toNanos(), TimeUnit.SECONDS.toNanos(config.cache().maxAge()));
        this.ttlNanos = Math.max(0, ttl);
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.cache().serverMaxBytes())
                .<String, Entry>weigher((key, entry) -> key.length() * 2 + entry.weight())
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        return Math.max(0, entry.expiresAtNanos - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                        return Math.max(0, entry.expiresAtNanos - now);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .build();
        this.hits = Counter.builder("cms.response.cache.hits").description("Public answers served from memory").register(registry);
        this.misses = Counter.builder("cms.response.cache.misses").description("Public answers that had to be computed").register(registry);
    }

    public boolean enabled() {
        return ttlNanos > 0;
    }

    /** The generation a request starts in; pass it back to {@link #store}. */
    public long generation() {
        return generation.get();
    }

    /** The stored answer for this key, or null. */
    public Entry lookup(String key) {
        if (!live || !scheduleKnown) {
            return null;
        }
        if (System.currentTimeMillis() >= nextGoLiveMillis) {
            // A scheduled article has just gone live: every list and related block may change.
            contentChanged();
            return null;
        }
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return entry;
    }

    /** Keeps an answer computed in {@code startedIn}, unless something changed since. */
    public void store(String key, long startedIn, List<Map.Entry<String, String>> headers, byte[] body, String etag,
            String lastModified) {
        if (!live || !scheduleKnown || startedIn != generation.get()) {
            return;
        }
        long now = System.nanoTime();
        long expiresAt = now + ttlNanos;
        long goLive = nextGoLiveMillis;
        if (goLive != NO_SCHEDULE) {
            long untilGoLive = TimeUnit.MILLISECONDS.toNanos(goLive - System.currentTimeMillis());
            expiresAt = Math.min(expiresAt, now + Math.max(0, untilGoLive));
        }
        entries.put(key, new Entry(headers, body, etag, lastModified, expiresAt));
        // A write may have cleared the cache while this entry was being put: take it out again.
        if (startedIn != generation.get()) {
            entries.invalidate(key);
        }
    }

    /** Content changed (on this instance or another): forget everything, and re-read the schedule. */
    public synchronized void contentChanged() {
        scheduleKnown = false;
        clear();
    }

    /**
     * The next scheduled go-live time, read in generation {@code readIn} (taken before the read). A read
     * that a later change may have overtaken is ignored; whoever made that change reads it again.
     */
    public synchronized void schedule(Instant nextGoLive, long readIn) {
        if (readIn != generation.get()) {
            return;
        }
        nextGoLiveMillis = nextGoLive == null ? NO_SCHEDULE : nextGoLive.toEpochMilli();
        scheduleKnown = true;
    }

    boolean scheduleKnown() {
        return scheduleKnown;
    }

    /** The change feed is connected: start from empty, since anything may have changed meanwhile. */
    void resume(Instant nextGoLive, long readIn) {
        schedule(nextGoLive, readIn);
        live = true;
    }

    /** The change feed is down: stop serving from memory until it is back. */
    void suspend() {
        live = false;
        clear();
    }

    public boolean live() {
        return live;
    }

    private void clear() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }
}
