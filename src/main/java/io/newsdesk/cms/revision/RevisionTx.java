package io.newsdesk.cms.revision;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.transaction.TransactionScoped;

/**
 * What one transaction has done to history: the revision it recorded per article (a second change in the same
 * transaction, such as a restore's article and related links, goes into that one), the newest revision it locked
 * before a change, and the articles it restores.
 */
@TransactionScoped
class RevisionTx {

    private final Map<Long, Integer> recorded = new HashMap<>();
    private final Set<Long> restoring = new HashSet<>();
    private final Map<Long, RevisionStore.Row> locked = new HashMap<>();

    /** The article's newest revision, locked before a change: the change's revision follows it. */
    void locked(long articleId, RevisionStore.Row newest) {
        locked.put(articleId, newest);
    }

    /** The newest revision locked before the change now being recorded, once; null when none was. */
    RevisionStore.Row takeLocked(long articleId) {
        return locked.remove(articleId);
    }

    Integer recorded(long articleId) {
        return recorded.get(articleId);
    }

    void recorded(long articleId, int number) {
        recorded.put(articleId, number);
    }

    void forget(long articleId) {
        recorded.remove(articleId);
    }

    void restoring(long articleId) {
        restoring.add(articleId);
    }

    boolean isRestoring(long articleId) {
        return restoring.contains(articleId);
    }
}
