package io.newsdesk.cms.comment;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newsdesk.cms.common.config.CmsConfig;

/**
 * Counts comment submissions per client ({@link #keyOf}: an IPv4 address, an IPv6 /64) in fixed windows, in the database, so the limit
 * holds across every instance of the service. Each hit commits on its own: a submission that fails
 * later still counts.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    CmsConfig config;

    /** The state after counting this hit: limit, remaining, seconds to the window's end, and whether it is over. */
    public record State(int limit, int remaining, long resetSeconds, boolean exceeded) {
    }

    /**
     * Whom a client address counts as: an IPv4 address itself, an IPv6 address its /64. A /64 is one network, often one
     * subscriber's, who can use any of its addresses, so rotating them must not escape the limit. An IPv4 address written
     * as IPv6 ({@code ::ffff:192.0.2.7}) counts as the IPv4 address.
     */
    public static String keyOf(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return "unknown";
        }
        if (clientAddress.indexOf(':') < 0) {
            return clientAddress;
        }
        try {
            InetAddress address = InetAddress.getByName(clientAddress); // a literal with ':' is parsed, never looked up
            if (address instanceof Inet4Address) {
                return address.getHostAddress();
            }
            byte[] network = address.getAddress();
            Arrays.fill(network, 8, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return clientAddress;
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public State hit(String clientKey) {
        int limit = config.comments().rateLimit();
        long window = Math.max(1, config.comments().rateWindow().toSeconds());
        long now = clock.instant().getEpochSecond();
        long start = now - Math.floorMod(now, window);
        int hits = ((Number) em.createNativeQuery("""
                with counted as (
                    insert into comment_rate (client_key, window_start, hits) values (:key, :start, 1)
                    on conflict (client_key, window_start) do update set hits = comment_rate.hits + 1
                    returning hits
                ) select hits from counted""")
                .setParameter("key", clientKey)
                .setParameter("start", Instant.ofEpochSecond(start))
                .getSingleResult()).intValue();
        return new State(limit, Math.max(0, limit - hits), start + window - now, hits > limit);
    }

    /** Drops windows that have ended long ago. */
    @Transactional
    public int purgeBefore(Instant cutoff) {
        return em.createNativeQuery("delete from comment_rate where window_start < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
