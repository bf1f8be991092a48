package io.newsdesk.cms.common.cache;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The keys of what the current request's answer shows, gathered while it is computed. They go out in
 * the answer's {@code Surrogate-Key} and {@code Cache-Tag} headers and decide when a kept copy is
 * dropped. A public answer without keys is never kept: nothing could say when it changed.
 */
@ApplicationScoped
public class AnswerKeys {

    private static final String DATA = "cms.answer.keys";

    @Inject
    CurrentVertxRequest request;

    public void add(String key) {
        Set<String> keys = current();
        if (keys != null) {
            keys.add(key);
        }
    }

    public void addAll(Collection<String> more) {
        Set<String> keys = current();
        if (keys != null) {
            keys.addAll(more);
        }
    }

    /** The keys gathered for this request's answer (empty when none, or outside a request). */
    public Set<String> get() {
        Set<String> keys = current();
        return keys == null ? Set.of() : keys;
    }

    private Set<String> current() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext ctx = request.getCurrent();
        if (ctx == null) {
            return null;
        }
        Set<String> keys = ctx.get(DATA);
        if (keys == null) {
            keys = new LinkedHashSet<>();
            ctx.put(DATA, keys);
        }
        return keys;
    }
}
