package io.newsdesk.cms.comment;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Carries a comment submission's rate-limit state to the answer's RateLimit-* headers, errors included. */
@RequestScoped
public class RateLimitHeaders {

    private RateLimiter.State state;

    void set(RateLimiter.State state) {
        this.state = state;
    }

    RateLimiter.State get() {
        return state;
    }

    /** Adds the headers to whatever the request ended with. */
    public static class Filter {

        @Inject
        RateLimitHeaders holder;

        @ServerResponseFilter
        public void addHeaders(ContainerResponseContext response) {
            RateLimiter.State state = holder.get();
            if (state != null) {
                response.getHeaders().putSingle("RateLimit-Limit", state.limit());
                response.getHeaders().putSingle("RateLimit-Remaining", state.remaining());
                response.getHeaders().putSingle("RateLimit-Reset", state.resetSeconds());
            }
        }
    }
}
