package io.newsdesk.cms.common.web;

import java.util.Set;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import io.newsdesk.cms.common.cache.AnswerKeys;
import io.newsdesk.cms.common.cache.CachedAnswers;
import io.newsdesk.cms.common.config.CmsConfig;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Cache-Control for every API answer: successful anonymous reads may be cached by browsers and CDNs;
 * anything authenticated or previewed, and every write, must never be stored.
 */
public class CacheHeaders {

    /** Resolved per request: response filters are created before runtime configuration exists. */
    @Inject
    Instance<CmsConfig> config;

    @Inject
    AnswerKeys answerKeys;

    @ServerResponseFilter
    public void cacheControl(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getHeaders().containsKey("Cache-Control")) {
            return;
        }
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        boolean personal = request.getHeaderString("Authorization") != null
                || request.getUriInfo().getQueryParameters().containsKey("preview");
        if (read && !personal && response.getStatus() == 200) {
            response.getHeaders().putSingle("Cache-Control", "public, max-age=" + config.get().cache().maxAge()
                    + ", stale-while-revalidate=" + config.get().cache().staleWhileRevalidate());
            response.getHeaders().putSingle(CachedAnswers.X_CACHE, "miss");
            Set<String> keys = answerKeys.get();
            if (!keys.isEmpty()) {
                // What the answer shows, for a CDN's purge by key (Fastly, Varnish: Surrogate-Key; Cloudflare: Cache-Tag).
                response.getHeaders().putSingle("Surrogate-Key", String.join(" ", keys));
                response.getHeaders().putSingle("Cache-Tag", String.join(",", keys));
            }
        } else if (read && !personal && (response.getStatus() == 301 || response.getStatus() == 404)) {
            response.getHeaders().putSingle("Cache-Control", "public, max-age=" + config.get().cache().maxAge());
        } else {
            response.getHeaders().putSingle("Cache-Control", "private, no-store");
        }
        if (read && !personal) {
            // Answers differ by token and by compression: a shared cache must keep them apart.
            response.getHeaders().add("Vary", "Authorization");
            response.getHeaders().add("Vary", "Accept-Encoding");
        }
    }
}
