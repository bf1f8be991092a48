package io.newsdesk.cms.common.cache;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

/**
 * Values kept in memory under an id, each with the keys of what it shows, dropped when one of those
 * keys is invalidated ({@link Invalidations}). Bounded in bytes (least recently used go first) and in
 * time: an item is fresh until {@link Item#freshUntilNanos}, then kept a while longer so that it can be
 * served stale while one request refreshes it, then dropped.
 */
public final class KeyedCache<V> {

    /** One kept value. Identity matters: the index holds items, not ids, so a newer item under the same id is never confused with an older one. */
    public static final class Item<V> {
        final String id;
        final V value;
        final Set<String> keys;
        final int weight;
        final long freshUntilNanos;
        final long keptUntilNanos;
        private volatile boolean refreshing;

        Item(String id, V value, Set<String> keys, int weight, long freshUntilNanos, long keptUntilNanos) {
            this.id = id;
            this.value = value;
            this.keys = keys;
            this.weight = weight;
            this.freshUntilNanos = freshUntilNanos;
            this.keptUntilNanos = keptUntilNanos;
        }

        public V value() {
            return value;
        }

        public Set<String> keys() {
            return keys;
        }

        public boolean fresh(long nowNanos) {
            return nowNanos - freshUntilNanos < 0;
        }

        /** The first caller to see a stale item refreshes it; the others may serve it meanwhile. */
        public synchronized boolean claimRefresh() {
            if (refreshing) {
                return false;
            }
            refreshing = true;
            return true;
        }

        public void refreshAbandoned() {
            refreshing = false;
        }
    }

    private final Invalidations invalidations;
    private final Cache<String, Item<V>> items;
    private final ConcurrentMap<String, Set<Item<V>>> byKey = new ConcurrentHashMap<>();

    public KeyedCache(Invalidations invalidations, long maxBytes) {
        this.invalidations = invalidations;
        this.items = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<String, Item<V>>weigher((id, item) -> item.weight + id.length() * 2 + 64 + item.keys.size() * 48)
                .expireAfter(new Expiry<String, Item<V>>() {
                    @Override
                    public long expireAfterCreate(String id, Item<V> item, long now) {
                        return Math.max(0, item.keptUntilNanos - now);
                    }

                    @Override
                    public long expireAfterUpdate(String id, Item<V> item, long now, long current) {
                        return Math.max(0, item.keptUntilNanos - now);
                    }

                    @Override
                    public long expireAfterRead(String id, Item<V> item, long now, long current) {
                        return current;
                    }
                })
                // Synchronously, so the index never keeps an item the cache has let go.
                .executor(Runnable::run)
                .removalListener((String id, Item<V> item, RemovalCause cause) -> {
                    if (item != null) {
                        unindex(item);
                    }
                })
                .build();
        invalidations.register(this);
    }

    public Item<V> get(String id) {
        return items.getIfPresent(id);
    }

    /**
     * Keeps a value computed since {@code stamp}, fresh for {@code freshNanos} and kept (stale) for
     * {@code staleNanos} more, unless a change to one of its keys was announced since the stamp.
     * Answers whether it was kept.
     */
    public boolean put(String id, long stamp, V value, Set<String> keys, int weight, long freshNanos, long staleNanos) {
        long now = System.nanoTime();
        Item<V> item = new Item<>(id, value, Set.copyOf(keys), weight, now + freshNanos, now + freshNanos + staleNanos);
        return invalidations.keep(stamp, item.keys, () -> {
            items.put(id, item);
            for (String key : item.keys) {
                byKey.compute(key, (k, set) -> {
                    Set<Item<V>> out = set != null ? set : ConcurrentHashMap.newKeySet();
                    out.add(item);
                    return out;
                });
            }
        });
    }

    void drop(Collection<String> keys) {
        for (String key : keys) {
            Set<Item<V>> set = byKey.remove(key);
            if (set != null) {
                for (Item<V> item : set) {
                    items.asMap().remove(item.id, item);
                }
            }
        }
    }

    void dropAll() {
        items.invalidateAll();
        byKey.clear();
    }

    public long size() {
        return items.estimatedSize();
    }

    private void unindex(Item<V> item) {
        for (String key : item.keys) {
            byKey.computeIfPresent(key, (k, set) -> {
                set.remove(item);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
