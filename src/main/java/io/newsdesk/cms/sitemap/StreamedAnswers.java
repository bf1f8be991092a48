package io.newsdesk.cms.sitemap;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import io.newsdesk.cms.common.web.ConditionalGet;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Conditional GET for streamed answers. ConditionalGet turns every entity into JSON bytes, to tag and keep
 * it; a streamed answer has no bytes until it is written and brings its own tag. So it is set aside while
 * ConditionalGet runs and put back after (response filters run from the highest priority down), or replaced
 * by a 304 when the client holds its version. The headers are by then those of a 200, Cache-Control included.
 */
public class StreamedAnswers {

    private static final String SET_ASIDE = "cms.streamed";

    private record Held(Streamed answer, MediaType type) {
    }

    @ServerResponseFilter(priority = Priorities.HEADER_DECORATOR + 101)
    public void setAside(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Streamed answer) {
            request.setProperty(SET_ASIDE, new Held(answer, response.getMediaType()));
            response.setEntity(null);
        }
    }

    @ServerResponseFilter(priority = Priorities.HEADER_DECORATOR + 99)
    public void putBack(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(SET_ASIDE) instanceof Held held)) {
            return;
        }
        request.removeProperty(SET_ASIDE);
        String ifNoneMatch = request.getHeaderString("If-None-Match");
        if (response.getStatus() == 200 && ifNoneMatch != null && ConditionalGet.matches(ifNoneMatch, held.answer().etag())) {
            response.setStatus(304);
            response.getHeaders().remove("Content-Type");
            return;
        }
        response.setEntity(held.answer(), null, held.type());
    }
}
