package io.newsdesk.cms.common.cache;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.newsdesk.cms.common.web.ConditionalGet;
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
 */
@ApplicationScoped
public class CachedAnswers {

    /** Routing-context keys set on a miss, read back when the answer is ready. */
    public static final String KEY = "cms.cache.key";
    public static final String GENERATION = "cms.cache.generation";
    /** Runs after the security headers, body limit and CORS handlers. */
    public static final int ORDER = Integer.MIN_VALUE + 3;

    @Inject
    ResponseCache cache;

    void install(@Observes Router router) {
        if (cache.enabled()) {
            router.route("/api/*").order(ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpMethod method = request.method();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || request.headers().contains(HttpHeaders.AUTHORIZATION)
                || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            ctx.next();
            return;
        }
        String key = request.uri();
        ResponseCache.Entry entry = cache.lookup(key);
        if (entry == null) {
            ctx.put(KEY, key);
            ctx.put(GENERATION, cache.generation());
            ctx.next();
            return;
        }
        serve(ctx, entry);
    }

    private static void serve(RoutingContext ctx, ResponseCache.Entry entry) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        for (Map.Entry<String, String> header : entry.headers) {
            response.headers().add(header.getKey(), header.getValue());
        }
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        boolean notModified = ifNoneMatch != null
                ? ConditionalGet.matches(ifNoneMatch, entry.etag)
                : ConditionalGet.notModifiedSince(request.getHeader(HttpHeaders.IF_MODIFIED_SINCE), entry.lastModified);
        if (notModified) {
            response.headers().remove(HttpHeaders.CONTENT_TYPE);
            response.setStatusCode(304).end();
            return;
        }
        byte[] body = entry.body;
        if (acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
            body = entry.gzipped();
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        if (request.method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length)).end();
        } else {
            response.end(Buffer.buffer(body));
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
        return !List.of("content-length", "set-cookie", "connection", "transfer-encoding").contains(name.toLowerCase());
    }
}
