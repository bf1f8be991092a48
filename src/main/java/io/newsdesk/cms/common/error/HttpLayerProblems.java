package io.newsdesk.cms.common.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem bodies for what the HTTP layer refuses before the REST layer sees a request: a URL with
 * broken percent-encoding (400) and a chunked body that grows past the size limit (413). Without this
 * they would be empty answers no client can explain to its user.
 */
@ApplicationScoped
public class HttpLayerProblems {

    void install(@Observes Router router, ObjectMapper mapper) throws JsonProcessingException {
        String badRequest = mapper.writeValueAsString(new Problem(ProblemMappers.TYPE_BASE + "bad-request", "Bad request", 400,
                "The request could not be read: check the URL's percent-encoding and the headers", null));
        String tooLarge = mapper.writeValueAsString(new Problem(ProblemMappers.TYPE_BASE + "payload-too-large", "Payload too large", 413,
                "The request body is larger than the limit", null));
        router.errorHandler(400, ctx -> answer(ctx, 400, badRequest));
        router.errorHandler(413, ctx -> answer(ctx, 413, tooLarge));
    }

    private static void answer(RoutingContext ctx, int status, String body) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
    }
}
