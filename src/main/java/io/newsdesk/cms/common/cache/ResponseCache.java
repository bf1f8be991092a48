package io.newsdesk.cms.common.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.newsdesk.cms.common.config.CmsConfig;
import io.vertx.core.buffer.Buffer;

/**
 * Public answers kept in memory, so that a hot article, front page or thread is served without the
 * database.
 *
 * <p>Only what the service marks {@code Cache-Control: public} is kept, so nothing here is fresher or
 * more private than a CDN may hold. Each answer carries the {@link Keys} of what it shows; a write on
 * any instance announces the keys it changed ({@link ContentChanges}, {@link ChangeFeed}) and exactly
 * the answers carrying one of them are dropped, everywhere, while the rest stay. A scheduled article
 * going live drops its own keys at its publication time. An answer computed while a change to what it
 * shows was announced is never kept ({@link Invalidations}). The configured time to live is only a
 * safety net: once it has passed, one request computes the answer again while the others are still
 * served the previous one. While the change feed is down nothing is served from memory.
 */
@ApplicationScoped
public class ResponseCache {

    /**
     * One stored answer: status 200, its headers and body, and a gzip copy made on first demand. The
     * bodies are kept as read-only buffers that every hit writes without copying them.
     */
    public static final class Entry {
        final List<Map.Entry<String, String>> headers;
        final byte[] body;
        final String etag;
        final String lastModified;
        private final ByteBuf content;
        private volatile ByteBuf gzipped;

        Entry(List<Map.Entry<String, String>> headers, byte[] body, String etag, String lastModified) {
            this.headers = headers;
            this.body = body;
            this.etag = etag;
            this.lastModified = lastModified;
            this.content = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body).asReadOnly());
        }

        /** The body to write: a view of the kept bytes, not a copy. */
        Buffer content() {
            return Buffer.buffer(content.duplicate());
        }

        /** The gzip-compressed body to write, compressed once. */
        Buffer gzipped() {
            ByteBuf copy = gzipped;
            if (copy == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(body);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                copy = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(out.toByteArray()).asReadOnly());
                gzipped = copy;
            }
            return Buffer.buffer(copy.duplicate());
        }

        int weight() {
            int size = body.length + 256;
            for (Map.Entry<String, String> header : headers) {
                size += header.getKey().length() + header.getValue().length() + 32;
            }
            return size;
        }
    }

    /** No scheduled article is waiting to go live. */
    static final long NO_SCHEDULE = Long.MAX_VALUE;

    private final Invalidations invalidations;
    private final Clock clock;
    private final KeyedCache<Entry> entries;
    private final long ttlNanos;
    private final long searchTtlNanos;
    private final long staleNanos;
    private final Counter hits;
    private final Counter misses;
    private final Counter staleHits;

    /** Whether the change feed is connected; while it is not, nothing is served or stored. */
    private volatile boolean live;
    /** The service clock's millis at which the next scheduled article goes live, or {@link #NO_SCHEDULE}. */
    private volatile long nextGoLiveMillis = NO_SCHEDULE;
    /** Called when the next go-live time has passed, to drop what the new publications change (it runs once at a time). */
    private volatile Runnable onGoLive = () -> {
    };

    @Inject
    public ResponseCache(CmsConfig config, Invalidations invalidations, MeterRegistry registry, Clock clock) {
        this.invalidations = invalidations;
        this.clock = clock;
        this.ttlNanos = Math.max(0, config.cache().serverTtl().toNanos());
        this.searchTtlNanos = Math.max(0, Math.min(ttlNanos, config.cache().searchTtl().toNanos()));
        this.staleNanos = TimeUnit.SECONDS.toNanos(Math.max(0, config.cache().staleWhileRevalidate()));
        this.entries = new KeyedCache<>(invalidations, config.cache().serverMaxBytes());
        this.hits = Counter.builder("cms.response.cache.hits").description("Public answers served from memory").register(registry);
        this.misses = Counter.builder("cms.response.cache.misses").description("Public answers that had to be computed").register(registry);
        this.staleHits = Counter.builder("cms.response.cache.stale.hits")
                .description("Public answers served from memory past their time to live while one request refreshed them").register(registry);
        Gauge.builder("cms.response.cache.entries", entries, KeyedCache::size).description("Public answers kept in memory").register(registry);
    }

    public boolean enabled() {
        return ttlNanos > 0;
    }

    /** Whether answers may be served from memory and kept there right now. */
    public boolean serving() {
        if (!live) {
            return false;
        }
        if (clock.millis() >= nextGoLiveMillis) {
            // A scheduled article has just gone live: until its keys are dropped, nothing is served from memory.
            onGoLive.run();
            return false;
        }
        return true;
    }

    /** The stored answer for this key, fresh or stale, or null. */
    public KeyedCache.Item<Entry> lookup(String key) {
        KeyedCache.Item<Entry> item = entries.get(key);
        if (item == null) {
            misses.increment();
        } else if (item.fresh(System.nanoTime())) {
            hits.increment();
        } else {
            staleHits.increment();
        }
        return item;
    }

    /** The stored answer, without counting a hit or a miss (for requests that waited for another to compute it). */
    KeyedCache.Item<Entry> peek(String key) {
        return entries.get(key);
    }

    /** Keeps an answer computed since {@code stamp}, unless something it shows changed meanwhile. */
    public void store(String key, long stamp, Set<String> keys, List<Map.Entry<String, String>> headers, byte[] body,
            String etag, String lastModified) {
        if (!serving()) {
            return;
        }
        Entry entry = new Entry(headers, body, etag, lastModified);
        long ttl = keys.contains(Keys.SEARCH) ? searchTtlNanos : ttlNanos;
        entries.put(key, stamp, entry, keys, entry.weight(), ttl, staleNanos);
    }

    public long stamp() {
        return invalidations.stamp();
    }

    /** Forgets every answer (tests, and changes whose extent is unknown). */
    public void clear() {
        invalidations.invalidateAll();
    }

    /** The next scheduled go-live time, or null when nothing is scheduled. */
    void schedule(Instant nextGoLive) {
        nextGoLiveMillis = nextGoLive == null ? NO_SCHEDULE : nextGoLive.toEpochMilli();
    }

    void onGoLive(Runnable action) {
        onGoLive = action;
    }

    /** The change feed is connected (again): serve from memory. */
    void resume() {
        live = true;
    }

    /** The change feed is down: stop serving from memory until it is back (what is kept stays, to be checked then). */
    void suspend() {
        live = false;
    }

    public boolean live() {
        return live;
    }
}
