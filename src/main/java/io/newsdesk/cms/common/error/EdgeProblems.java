package io.newsdesk.cms.common.error;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problems from the edge: what the HTTP layer refuses before the REST layer sees the request is answered as
 * {@code application/problem+json} like everything else. The URL and header limits are the service's own (the HTTP
 * server's are set above them), so is the check that a URL parses at all, and the router's refusals (a path nothing serves, a method a route does not take, a
 * body over its limit) get a problem body instead of an empty or HTML one.
 */
@ApplicationScoped
public class EdgeProblems {

    /** The longest request line's URL the service takes (414 past it); the HTTP server's limit is above it. */
    public static final int MAX_URL_LENGTH = 4096;
    /** The most header bytes (names and values) the service takes (431 past them); the HTTP server's limit is above it. */
    public static final int MAX_HEADER_BYTES = 20 * 1024;

    private static final Map<Integer, String> DETAILS = Map.of(
            400, "The URL is malformed (a character it may not hold, or a broken percent-escape)",
            404, "There is no resource at this URL",
            405, "This URL does not accept that method",
            413, "The request body is larger than this URL takes",
            414, "The URL is longer than " + MAX_URL_LENGTH + " bytes",
            431, "The request headers are larger than " + MAX_HEADER_BYTES + " bytes");

    void install(@Observes Router router, ObjectMapper mapper) {
        // Right after the security headers: nothing else runs for a request over the limits.
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (ctx.request().uri().length() > MAX_URL_LENGTH) {
                answer(ctx, mapper, 414);
            } else if (!wellFormed(ctx.request().uri())) {
                // What the HTTP layer's own check (turned off by Main) refused with an empty answer: nothing after
                // this route sees a URL that does not parse, such as one with a broken percent-escape.
                answer(ctx, mapper, 400);
            } else if (headerBytes(ctx) > MAX_HEADER_BYTES) {
                answer(ctx, mapper, 431);
            } else {
                ctx.next();
            }
        });
        // A route that fails with one of these statuses (a body read past its limit) is answered here, before the
        // HTTP layer's own failure handler ends it empty; a path nothing serves reaches the router's error handlers.
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.failure() == null && DETAILS.containsKey(ctx.statusCode())) {
                answer(ctx, mapper, ctx.statusCode());
            } else {
                ctx.next();
            }
        });
        DETAILS.keySet().forEach(status -> router.errorHandler(status, ctx -> answer(ctx, mapper, status)));
    }

    private static boolean wellFormed(String uri) {
        try {
            new java.net.URI(uri);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static int headerBytes(RoutingContext ctx) {
        int bytes = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private static void answer(RoutingContext ctx, ObjectMapper mapper, int status) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        if (status != 404 && status != 405) {
            // The rest of the request is not read: the connection cannot be used again.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        RouteProblems.send(ctx, mapper, status, type(status), title(status), DETAILS.get(status));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload too large";
            case 414 -> "URI Too Long";
            default -> "Request Header Fields Too Large";
        };
    }

    private static String type(int status) {
        return title(status).toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }
}
