package io.newsdesk.cms.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;

/**
 * Security headers on every answer of the API port, whoever writes it (the REST layer, an early refusal, the
 * response cache, the API description), and of the management port: no content sniffing, and on anything but the API explorer's
 * HTML page a Content-Security-Policy that lets nothing load or frame the answer if a browser opens it
 * (media files set their own, {@code sandbox}, so an image opened directly can run nothing).
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    void install(@Observes Router router) {
        addTo(router, true);
    }

    /** The management interface (health, metrics) answers with the same headers, its HTML error pages included. */
    void install(@Observes ManagementInterface management) {
        addTo(management.router(), false);
    }

    /** {@code explorer}: the router serves the API explorer, an HTML page that must load its scripts. */
    private static void addTo(Router router, boolean explorer) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            HttpServerResponse response = ctx.response();
            ctx.addHeadersEndHandler(v -> {
                response.headers().set("X-Content-Type-Options", "nosniff");
                String type = response.headers().get("Content-Type");
                if ((!explorer || type == null || !type.startsWith("text/html")) && !response.headers().contains("Content-Security-Policy")) {
                    response.headers().set("Content-Security-Policy", POLICY);
                }
                response.headers().remove("Server");
            });
            ctx.next();
        });
    }
}
