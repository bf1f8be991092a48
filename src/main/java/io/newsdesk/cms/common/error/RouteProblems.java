package io.newsdesk.cms.common.error;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Problem answers written straight to a route's response, for what is refused before or beside the REST layer. */
public final class RouteProblems {

    private RouteProblems() {
    }

    /**
     * Ends the exchange with a problem: never cached, never sniffed, without the headers of the answer it replaces,
     * and for a HEAD request its length without its body.
     */
    public static void send(RoutingContext ctx, ObjectMapper mapper, int status, String type, String title, String detail) {
        String body;
        try {
            body = mapper.writeValueAsString(new Problem(ProblemMappers.TYPE_BASE + type, title, status, detail, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpServerResponse response = ctx.response();
        response.headers().remove(HttpHeaders.CACHE_CONTROL).remove(HttpHeaders.ETAG).remove(HttpHeaders.CONTENT_ENCODING)
                .remove(HttpHeaders.ACCEPT_RANGES);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.getBytes(StandardCharsets.UTF_8).length)).end();
        } else {
            response.end(body);
        }
    }
}
