package io.newsdesk.cms.common.cache;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * After a successful write (its transaction has committed by the time the answer is filtered), every
 * instance's response cache is cleared. A 202 is a comment waiting for moderation: nothing public
 * changed, so the cache stays.
 */
public class WriteAnnouncer {

    @Inject
    ChangeFeed feed;

    @ServerResponseFilter
    public void announce(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        int status = response.getStatus();
        boolean write = !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
        if (write && status >= 200 && status < 300 && status != 202) {
            feed.published();
        }
    }
}
