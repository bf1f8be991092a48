package io.newsdesk.cms.common.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.cache.AnswerKeys;
import io.newsdesk.cms.common.cache.CachedAnswers;
import io.newsdesk.cms.common.cache.ResponseCache;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Conditional GET for every route: an answer without its own ETag gets one from its content, and a
 * client that already holds the current version (If-None-Match, or If-Modified-Since where there is a
 * Last-Modified and no If-None-Match) gets 304 with no body.
 */
public class ConditionalGet {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    @Inject
    ObjectMapper mapper;

    @Inject
    ResponseCache cache;

    @Inject
    AnswerKeys answerKeys;

    @Inject
    CurrentVertxRequest vertxRequest;

    @ServerResponseFilter(priority = Priorities.HEADER_DECORATOR + 100)
    public void conditional(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method)) || response.getStatus() != 200 || response.getEntity() == null) {
            return;
        }
        // Serialized once, here: the bytes give the content tag, are what the cache keeps, and are what is sent.
        byte[] body = json(response.getEntity());
        MediaType type = response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : response.getMediaType();
        response.setEntity(body, null, type);
        String etag = response.getHeaderString("ETag");
        if (etag == null) {
            etag = ETags.digest("r", body);
            response.getHeaders().putSingle("ETag", etag);
        }
        keep(response, type, body, etag);
        String ifNoneMatch = request.getHeaderString("If-None-Match");
        boolean notModified;
        if (ifNoneMatch != null) {
            notModified = matches(ifNoneMatch, etag);
        } else {
            notModified = notModifiedSince(request.getHeaderString("If-Modified-Since"), response.getHeaderString("Last-Modified"));
        }
        if (notModified) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove("Content-Type");
        }
    }

    private byte[] json(Object entity) {
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        try {
            return mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Offers a public answer to the response cache, if the request was marked as a cacheable miss. */
    private void keep(ContainerResponseContext response, MediaType type, byte[] body, String etag) {
        RoutingContext ctx = vertxRequest.getCurrent();
        Long stamp = ctx == null ? null : ctx.get(CachedAnswers.STAMP);
        String cacheControl = response.getHeaderString("Cache-Control");
        Set<String> keys = answerKeys.get();
        if (stamp == null || cacheControl == null || !cacheControl.startsWith("public") || keys.isEmpty()) {
            return;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", type.toString()));
        response.getStringHeaders().forEach((name, values) -> {
            if (CachedAnswers.kept(name) && !name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> headers.add(Map.entry(name, value)));
            }
        });
        // A tag made here may not be among the headers read back above: an answer from memory carries it all the same.
        if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("ETag"))) {
            headers.add(Map.entry("ETag", etag));
        }
        cache.store(ctx.get(CachedAnswers.KEY), stamp, keys, List.copyOf(headers), body, etag, response.getHeaderString("Last-Modified"));
    }

    public static String httpDate(Instant instant) {
        return instant == null ? null : HTTP_DATE.format(instant.atZone(ZoneOffset.UTC));
    }

    /** Weak comparison, as RFC 9110 asks for If-None-Match. */
    public static boolean matches(String ifNoneMatch, String etag) {
        String current = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(current)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    public static boolean notModifiedSince(String ifModifiedSince, String lastModified) {
        if (ifModifiedSince == null || lastModified == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), HTTP_DATE).toInstant();
            Instant last = ZonedDateTime.parse(lastModified, HTTP_DATE).toInstant();
            return !last.isAfter(since);
        } catch (DateTimeParseException e) {
            return false; // an unparseable date is ignored, as RFC 9110 says
        }
    }
}
