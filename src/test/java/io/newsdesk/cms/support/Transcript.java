package io.newsdesk.cms.support;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;

/** A curl-like record of requests a test made and what they answered, printed for the humans reading the build log. */
public final class Transcript {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 700;

    private final StringBuilder out = new StringBuilder();

    public Transcript(String title) {
        out.append("==== ").append(title).append('\n');
    }

    /** Records one exchange, with the request's notable headers and body and the answer's named headers. */
    public Response record(String method, String url, Map<String, String> requestHeaders, Object requestBody, Response response,
            String... headers) {
        out.append("$ ").append(method).append(' ').append(url).append('\n');
        requestHeaders.forEach((name, value) -> out.append("  > ").append(name).append(": ").append(value).append('\n'));
        if (requestBody != null) {
            out.append("  > ").append(compact(requestBody)).append('\n');
        }
        out.append("  < ").append(response.statusCode()).append('\n');
        for (String name : headers) {
            String value = response.header(name);
            if (value != null) {
                out.append("  < ").append(name).append(": ").append(value).append('\n');
            }
        }
        String body = response.asString();
        if (!body.isEmpty()) {
            String json = compactJson(body);
            out.append("  < ").append(json.length() > MAX_BODY ? json.substring(0, MAX_BODY) + "..." : json).append('\n');
        }
        return response;
    }

    public void print() {
        System.out.println(out);
    }

    private static String compact(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return String.valueOf(body);
        }
    }

    private static String compactJson(String body) {
        try {
            return JSON.readTree(body).toString();
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
