package io.newsdesk.cms.common.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.newsdesk.cms.common.config.CmsConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for browsers: pages on any origin may read the API (GET, HEAD), with or without a token; only
 * the origins listed in CMS_CORS_WRITE_ORIGINS may write. A refused origin gets no CORS headers, so
 * the browser blocks the request at its preflight.
 */
@ApplicationScoped
public class Cors {

    static final Set<String> READ_METHODS = Set.of("GET", "HEAD");
    static final String EXPOSED = "ETag, Last-Modified, Link, Location, X-Total-Count, Retry-After, "
            + "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, If-Modified-Since";

    void install(@Observes Router router, CmsConfig config) {
        Set<String> writers = config.cors().writeOrigins().orElse(List.of()).stream()
                .map(o -> o.strip().toLowerCase(Locale.ROOT)).filter(o -> !o.isEmpty()).collect(Collectors.toSet());
        String maxAge = Integer.toString(config.cors().maxAge());
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> handle(ctx, writers, maxAge));
    }

    private static void handle(RoutingContext ctx, Set<String> writers, String maxAge) {
        String origin = ctx.request().getHeader("Origin");
        HttpServerResponse response = ctx.response();
        if (origin == null) {
            ctx.next();
            return;
        }
        response.headers().add("Vary", "Origin");
        boolean writer = writers.contains(origin.toLowerCase(Locale.ROOT));
        String requested = ctx.request().getHeader("Access-Control-Request-Method");
        if (ctx.request().method() == HttpMethod.OPTIONS && requested != null) {
            boolean allowed = READ_METHODS.contains(requested.toUpperCase(Locale.ROOT)) || writer;
            if (allowed) {
                response.putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Allow-Methods", writer ? "GET, HEAD, POST, PUT, PATCH, DELETE" : "GET, HEAD")
                        .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                        .putHeader("Access-Control-Max-Age", maxAge);
            }
            response.setStatusCode(204).end();
            return;
        }
        if (READ_METHODS.contains(ctx.request().method().name()) || writer) {
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Expose-Headers", EXPOSED);
        }
        ctx.next();
    }
}
