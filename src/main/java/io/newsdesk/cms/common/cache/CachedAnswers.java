package io.newsdesk.cms.common.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.newsdesk.cms.common.web.ConditionalGet;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves anonymous reads of the API from the {@link ResponseCache} before the REST layer sees them,
 * conditional requests included, and marks the others so their answers can be kept.
 *
 * <p>One computation per answer: while a request computes an answer that is not in memory, others
 * asking for the same one wait for it instead of computing it again. An answer past its time to live is
 * still served to everyone but the one request that computes it again.
 */
@ApplicationScoped
public class CachedAnswers {

    /** Routing-context keys set on a miss, read back when the answer is ready. */
    public static final String KEY = "cms.cache.key";
    public static final String STAMP = "cms.cache.stamp";
    /** How a public answer was served: {@code hit} (from memory), {@code stale} (from memory, being refreshed) or {@code miss}. */
    public static final String X_CACHE = "X-Cache";
    /** Runs after the security headers, body limit and CORS handlers. */
    public static final int ORDER = Integer.MIN_VALUE + 3;

    /** Media files are served straight from storage, after this handler; they are immutable and never kept here. */
    private static final String FILES = "/api/v1/media/files/";
    /** Feeds answer their one type whatever the Accept header says (feed readers send their own). */
    private static final String FEEDS = "/api/v1/feeds/";

    @Inject
    ResponseCache cache;

    /** Requests waiting for an answer another request is computing, by cache key. */
    private final ConcurrentMap<String, Flight> flights = new ConcurrentHashMap<>();

    private record Waiter(RoutingContext ctx, Context context) {
    }

    /** The requests waiting for one computation. */
    private static final class Flight {
        private List<Waiter> waiters = new ArrayList<>();

        synchronized boolean join(Waiter waiter) {
            if (waiters == null) {
                return false;
            }
            waiters.add(waiter);
            return true;
        }

        synchronized List<Waiter> land() {
            List<Waiter> out = waiters;
            waiters = null;
            return out;
        }
    }

    void install(@Observes Router router) {
        if (cache.enabled()) {
            router.route("/api/*").order(ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpMethod method = request.method();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || request.path().startsWith(FILES)
                || request.headers().contains(HttpHeaders.AUTHORIZATION)
                || !(acceptsJson(request.getHeader(HttpHeaders.ACCEPT)) || request.path().startsWith(FEEDS)) || !cache.serving()) {
            ctx.next();
            return;
        }
        // Keyed on the path and query alone, as a CDN keys it: no answer depends on Host or X-Forwarded-* (links are relative or
        // built from CMS_PUBLIC_API_URL), so a made-up Host shares the one copy instead of filling memory with its own.
        String key = request.uri();
        KeyedCache.Item<ResponseCache.Entry> item = cache.lookup(key);
        if (item != null) {
            boolean fresh = item.fresh(System.nanoTime());
            if (fresh || !item.claimRefresh()) {
                serve(ctx, item.value(), fresh ? "hit" : "stale");
                return;
            }
            // Past its time to live: this request computes it again, everyone else is served this copy meanwhile.
            ctx.addEndHandler(done -> {
                if (cache.peek(key) == item) {
                    item.refreshAbandoned();
                }
            });
            compute(ctx, key);
            return;
        }
        Flight flight = new Flight();
        Flight running = flights.putIfAbsent(key, flight);
        if (running != null) {
            if (running.join(new Waiter(ctx, Vertx.currentContext()))) {
                return;
            }
            compute(ctx, key); // it landed just now without this request: compute alongside
            return;
        }
        ctx.addEndHandler(done -> land(key, flight));
        compute(ctx, key);
    }

    private void compute(RoutingContext ctx, String key) {
        ctx.put(KEY, key);
        ctx.put(STAMP, cache.stamp());
        ctx.next();
    }

    /** The computation is over: serve its waiters what it kept, or let each compute its own (a 404, an answer overtaken by a write). */
    private void land(String key, Flight flight) {
        flights.remove(key, flight);
        List<Waiter> waiters = flight.land();
        if (waiters.isEmpty()) {
            return;
        }
        KeyedCache.Item<ResponseCache.Entry> item = cache.peek(key);
        for (Waiter waiter : waiters) {
            Runnable action = item != null ? () -> serve(waiter.ctx(), item.value(), "hit") : () -> compute(waiter.ctx(), key);
            if (waiter.context() != null) {
                waiter.context().runOnContext(v -> action.run());
            } else {
                action.run();
            }
        }
    }

    private static void serve(RoutingContext ctx, ResponseCache.Entry entry, String how) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        for (Map.Entry<String, String> header : entry.headers) {
            response.headers().add(header.getKey(), header.getValue());
        }
        response.headers().add(X_CACHE, how);
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        boolean notModified = ifNoneMatch != null
                ? ConditionalGet.matches(ifNoneMatch, entry.etag)
                : ConditionalGet.notModifiedSince(request.getHeader(HttpHeaders.IF_MODIFIED_SINCE), entry.lastModified);
        if (notModified) {
            response.headers().remove(HttpHeaders.CONTENT_TYPE);
            response.setStatusCode(304).end();
            return;
        }
        Buffer body = entry.content();
        if (acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
            body = entry.gzipped();
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        if (request.method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length())).end();
        } else {
            response.end(body);
        }
    }

    /** Only plain JSON requests are answered here; anything else goes through content negotiation. */
    private static boolean acceptsJson(String accept) {
        return accept == null || accept.equals("*/*") || accept.startsWith("application/json");
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String value = coding.trim();
            if (value.startsWith("gzip") && !value.replace(" ", "").endsWith("q=0")) {
                return true;
            }
        }
        return false;
    }

    /** The headers worth keeping from an answer; the security and CORS headers are added per request. */
    public static boolean kept(String name) {
        return !List.of("content-length", "set-cookie", "connection", "transfer-encoding", "x-cache").contains(name.toLowerCase());
    }
}
