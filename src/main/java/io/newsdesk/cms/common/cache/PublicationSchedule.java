package io.newsdesk.cms.common.cache;

import java.time.Instant;
import java.util.Set;

/**
 * When scheduled content goes public, and what that changes: implemented by the feature that owns the
 * publication rule, so that the caches need not know it.
 */
public interface PublicationSchedule {

    /** The earliest publication time after the service clock's now, or null when nothing is scheduled. */
    Instant next();

    /** What went public after {@code after}, up to the service clock's now ({@link GoLive#upTo}). */
    GoLive since(Instant after);

    /** The keys of what went public, and the time up to which that was looked for. */
    record GoLive(Instant upTo, Set<String> keys) {
    }
}
