package io.newsdesk.cms.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of one running service, as a front-end or an editor's script would be: java.net.http over HTTP/1.1, no
 * redirects followed, a deadline on every request. A request that gets no answer (connection refused or reset, time-out)
 * is returned as a {@link Response} with status 0 and the error, so that tests and load threads record it like any answer.
 */
public final class Http {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final String JSON = "application/json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String PROBLEM = "application/problem+json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final String base;

    public Http(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null, null, null, DEFAULT_TIMEOUT);
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, null, DEFAULT_TIMEOUT);
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, JSON, json(body), DEFAULT_TIMEOUT);
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, JSON, json(body), DEFAULT_TIMEOUT);
    }

    public Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, MERGE_PATCH, json(body), DEFAULT_TIMEOUT);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, null, DEFAULT_TIMEOUT);
    }

    /** A GET asking for plain text, as a Prometheus scraper asks for /q/metrics (which refuses JSON with 406). */
    public Response getText(String path) {
        return exchange("GET", path, "text/plain", null, null, null, DEFAULT_TIMEOUT);
    }

    /** One request; never throws for a failed exchange, which is answered as status 0 with the error. */
    public Response send(String method, String path, String token, String contentType, String body, Duration timeout) {
        return exchange(method, path, JSON + ", " + PROBLEM, token, contentType, body, timeout);
    }

    private Response exchange(String method, String path, String accept, String token, String contentType, String body,
            Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(method, path, answer.statusCode(), answer.headers(), answer.body(), null, start, System.nanoTime());
        } catch (IOException e) {
            return new Response(method, path, 0, HttpHeaders.of(Map.of(), (a, b) -> true), "", e, start, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(method, path, 0, HttpHeaders.of(Map.of(), (a, b) -> true), "", e, start, System.nanoTime());
        }
    }

    public static String json(Object body) {
        if (body == null || body instanceof String) {
            return (String) body;
        }
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** "503 x12 (41-5012 ms), ConnectException x2 (1-3 ms)": answers by status, or by error when none came. */
    public static String summary(List<Http.Response> answers) {
        Map<String, List<Http.Response>> byOutcome = answers.stream().collect(Collectors.groupingBy(
                r -> r.answered() ? Integer.toString(r.status()) : r.error().getClass().getSimpleName(), TreeMap::new, Collectors.toList()));
        return byOutcome.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue().size() + " ("
                + e.getValue().stream().mapToLong(Http.Response::millis).min().orElse(0) + "-"
                + e.getValue().stream().mapToLong(Http.Response::millis).max().orElse(0) + " ms)")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** What the client saw: status (0 when no answer came), headers, body, and when the exchange started and ended. */
    public record Response(String method, String path, int status, HttpHeaders headers, String body, Exception error,
            long startNanos, long endNanos) {

        public Duration took() {
            return Duration.ofNanos(endNanos - startNanos);
        }

        public long millis() {
            return took().toMillis();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").map(v -> v.split(";")[0].strip()).orElse("");
        }

        public boolean answered() {
            return status > 0;
        }

        public boolean is2xx() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        public String text(String field) {
            JsonNode node = json().path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        @Override
        public String toString() {
            if (!answered()) {
                return method + " " + path + " -> no answer after " + millis() + " ms (" + error + ")";
            }
            String excerpt = body == null ? "" : body.replaceAll("\\s+", " ");
            if (excerpt.length() > 300) {
                excerpt = excerpt.substring(0, 300) + "...";
            }
            List<String> retryAfter = headers.allValues("Retry-After");
            return method + " " + path + " -> " + status + " " + contentType()
                    + (retryAfter.isEmpty() ? "" : " Retry-After=" + String.join(",", retryAfter))
                    + header("Location").map(l -> " Location=" + l).orElse("")
                    + " in " + millis() + " ms: " + excerpt;
        }
    }
}
