package io.newsdesk.cms.common.cache;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Drops what changed from every in-memory cache of this instance, and tells a computation whether a
 * change overtook it.
 *
 * <p>Something computed from the database must not be kept if a change to what it shows was announced
 * while it was being computed: it may hold the old state. A computation takes a {@link #stamp()} before
 * it reads; when it is done, {@link #keep} keeps it only if none of its keys was invalidated since. Keys
 * are hashed onto a fixed set of stripes, each holding the sequence number of its last invalidation, so
 * the bookkeeping has a fixed size; two keys sharing a stripe only make a computation be thrown away
 * that could have been kept.
 */
@ApplicationScoped
public class Invalidations {

    private static final int STRIPES = 8192;

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private volatile long everythingAt;
    private final List<KeyedCache<?>> caches = new CopyOnWriteArrayList<>();
    /**
     * Held exclusively while an invalidation drops what it changed, shared while something is kept. A
     * computation that read a kept block while it was being dropped has a stamp older than the
     * invalidation's end, and nothing can be kept while the drop is in progress.
     */
    private final ReentrantReadWriteLock guard = new ReentrantReadWriteLock();

    /** Take before reading what will be computed; pass to {@link #keep}. */
    public long stamp() {
        return sequence.get();
    }

    /** Whether a change to one of these keys (or to everything) was announced since the stamp. */
    public boolean overtaken(long stamp, Collection<String> keys) {
        if (everythingAt > stamp) {
            return true;
        }
        for (String key : keys) {
            if (stripes.get(stripe(key)) > stamp) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code store} unless a change to one of these keys was announced since the stamp; answers whether it ran. */
    boolean keep(long stamp, Collection<String> keys, Runnable store) {
        guard.readLock().lock();
        try {
            if (overtaken(stamp, keys)) {
                return false;
            }
            store.run();
            return true;
        } finally {
            guard.readLock().unlock();
        }
    }

    /** These keys changed: every cached thing that carries one of them goes, and nothing computed before is kept. */
    public void invalidate(Collection<String> keys) {
        if (keys.contains(Keys.EVERYTHING)) {
            invalidateAll();
            return;
        }
        guard.writeLock().lock();
        try {
            for (KeyedCache<?> cache : caches) {
                cache.drop(keys);
            }
            // Stamped after the drop: whatever was computed before it, from kept blocks or not, is older.
            long at = sequence.incrementAndGet();
            for (String key : keys) {
                stripes.accumulateAndGet(stripe(key), at, Math::max);
            }
        } finally {
            guard.writeLock().unlock();
        }
    }

    /** Anything may have changed. */
    public void invalidateAll() {
        guard.writeLock().lock();
        try {
            for (KeyedCache<?> cache : caches) {
                cache.dropAll();
            }
            everythingAt = sequence.incrementAndGet();
        } finally {
            guard.writeLock().unlock();
        }
    }

    void register(KeyedCache<?> cache) {
        caches.add(cache);
    }

    private static int stripe(String key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        return h & (STRIPES - 1);
    }
}
