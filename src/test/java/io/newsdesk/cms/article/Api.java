package io.newsdesk.cms.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsdesk.cms.support.Problems;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** What the article tests say again and again about the HTTP answers of the API. */
final class Api {

    static final String ARTICLES = "/api/v1/articles";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]+)\"");

    private Api() {
    }

    static String articleUrl(String slug) {
        return ARTICLES + "/" + slug;
    }

    /** GET /articles/{slug} without following a redirect. */
    static Response read(String slug) {
        return given().redirects().follow(false).when().get(articleUrl(slug));
    }

    /** An RFC 9457 problem with this status, carrying nosniff like every answer. */
    static ValidatableResponse assertProblem(Response response, int status) {
        return Problems.assertProblem(response, status);
    }

    /** A 400 problem whose errors name {@code field}. */
    static ValidatableResponse assertInvalidField(Response response, String field) {
        return assertProblem(response, 400)
                .body("type", endsWith("/invalid-input"))
                .body("errors.field", hasItem(field))
                .body("detail", containsString(field));
    }

    /** A 404 problem, exactly what an article that never existed answers. */
    static ValidatableResponse assertNotFound(Response response) {
        return assertProblem(response, 404).body("type", endsWith("/not-found"));
    }

    /** The RFC 8288 Link header as rel to URI, in header order. */
    static Map<String, URI> links(Response response) {
        String header = response.header("Link");
        assertTrue(header != null && !header.isBlank(), "a Link header");
        Map<String, URI> links = new LinkedHashMap<>();
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            links.put(m.group(2), URI.create(m.group(1)));
        }
        return links;
    }

    /** The decoded query parameters of a URI (last value wins). */
    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** The page number a Link of this rel points to. */
    static int linkedPage(Map<String, URI> links, String rel) {
        URI uri = links.get(rel);
        assertTrue(uri != null, "a Link with rel=\"" + rel + "\" in " + links);
        return Integer.parseInt(query(uri).get("page"));
    }

    /** The path of a Location header, which must point at the current URL of the article. */
    static void assertLocationIsArticle(Response response, String slug) {
        String location = response.header("Location");
        assertTrue(location != null, "a Location header");
        assertEquals(articleUrl(slug), URI.create(location).getPath(), "Location " + location);
    }
}
