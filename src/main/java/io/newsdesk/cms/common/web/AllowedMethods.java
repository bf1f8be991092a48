package io.newsdesk.cms.common.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The methods each API URL takes, read once from the resource classes: what a 405 answer lists in {@code Allow}
 * (with HEAD wherever GET is, as the HTTP layer answers it).
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})+))?}");

    @Inject
    BeanManager beans;

    @ConfigProperty(name = "quarkus.rest.path", defaultValue = "/")
    String root;

    private volatile List<Route> routes;

    private record Route(Pattern path, Set<String> methods) {
    }

    /** The methods the URL path takes, as an Allow header's value; empty when no resource serves the path. */
    public String allow(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                methods.addAll(route.methods());
            }
        }
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        return String.join(", ", methods);
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path base = bean.getBeanClass().getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : bean.getBeanClass().getMethods()) {
                    String verb = verb(method);
                    if (verb != null) {
                        Path sub = method.getAnnotation(Path.class);
                        known.add(new Route(pattern(join(root, base.value(), sub == null ? "" : sub.value())), Set.of(verb)));
                    }
                }
            }
            routes = known;
        }
        return known;
    }

    private static String verb(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            for (String segment : part.split("/")) {
                if (!segment.isEmpty()) {
                    path.append('/').append(segment);
                }
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** A path template as a pattern: {@code {name}} is one segment, {@code {name: regex}} its regex. */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(at, parameter.start())));
            regex.append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1).strip()).append(')');
            at = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(at))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
