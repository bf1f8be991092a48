package io.newsdesk.cms.sitemap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.newsdesk.cms.common.cache.CachedAnswers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The HTTP routes of sitemaps that are not the REST layer's. */
@ApplicationScoped
public class SitemapRoutes {

    /** The index's address under the API. */
    static final String INDEX = "/api/v1/" + Sitemaps.PATH + "/" + Sitemaps.INDEX;

    void install(@Observes Router router) {
        // Where crawlers look first: the same answer as the API's index, through the same handlers (not a redirect; see SitemapResource).
        router.route("/sitemap.xml").order(CachedAnswers.ORDER + 1).handler(ctx -> ctx.reroute(INDEX));
        router.route("/api/v1/" + Sitemaps.PATH + "/*").order(CachedAnswers.ORDER - 1).handler(SitemapRoutes::asXml);
    }

    /**
     * The response cache takes requests that accept JSON, and makes those asking for the same URL at once wait for
     * the first one's answer. A sitemap is streamed and never kept, so readers would only queue behind one another
     * (behind a slow one, for as long as it reads): a request that accepts anything is marked as asking for XML,
     * which is all these routes answer, and passes the cache by.
     */
    private static void asXml(RoutingContext ctx) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank() || accept.strip().equals("*/*")) {
            ctx.request().headers().set(HttpHeaders.ACCEPT, SitemapResource.XML);
        }
        ctx.next();
    }
}
