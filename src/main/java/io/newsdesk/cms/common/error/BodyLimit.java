package io.newsdesk.cms.common.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Refuses a declared oversize body before it is read, with a problem body: the HTTP layer's own 413
 * would otherwise answer with an empty body that no client can explain to its user.
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) throws JsonProcessingException {
        long max = limit.asLongValue();
        String body = mapper.writeValueAsString(new Problem(ProblemMappers.TYPE_BASE + "payload-too-large", "Payload too large", 413,
                "The request body is larger than the limit of " + max + " bytes", null));
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > max) {
                        ctx.response().setStatusCode(413)
                                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                                .putHeader("Connection", "close")
                                .end(body);
                        return;
                    }
                } catch (NumberFormatException e) {
                    // Malformed lengths are left to the HTTP layer, which rejects them.
                }
            }
            ctx.next();
        });
    }
}
