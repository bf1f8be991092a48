package io.newsdesk.cms.common;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Host header poisoning of the shared answer cache: a caller who forges Host, X-Forwarded-Host or X-Forwarded-Proto
 * (the test profile trusts forwarding from 127.0.0.1, as a proxy in front would be trusted) must not see that origin in
 * any answer, and the next reader of the same URL, served from the cache, must not either. Link and Location are
 * relative references, never built from request headers.
 */
@QuarkusTest
class ForgedHostTest {

    private static final String EVIL = "evil.example";
    private static final String SCHEME = "gopher";
    private static final List<Map<String, String>> FORGERIES = List.of(
            Map.of("Host", EVIL),
            Map.of("X-Forwarded-Host", EVIL, "X-Forwarded-Proto", SCHEME),
            Map.of("Forwarded", "host=" + EVIL + ";proto=" + SCHEME));

    @Test
    void shouldNeverPutAForgedHostInAnAnswerToAnyoneCachedOrNot() {
        String section = category().name(unique("Forged hosts")).createSlug();
        for (int i = 0; i < 3; i++) {
            article().title(unique("Forged host story")).category(section).createSlug();
        }
        String renamed = article().title(unique("Before the rename")).category(section).createSlug();
        asAdmin().contentType(ContentType.JSON).body(Map.of("slug", renamed + "-after")).patch("/api/v1/articles/" + renamed)
                .then().statusCode(200);
        String list = "/api/v1/articles?category=" + section + "&page=2&size=1";

        List<Response> answers = new ArrayList<>();
        for (Map<String, String> forged : FORGERIES) {
            answers.add(forged(anonymous(), forged).get(list));
            answers.add(forged(anonymous(), forged).get("/api/v1/articles/" + renamed));
            answers.add(forged(asAdmin(), forged).contentType(ContentType.JSON).body(Map.of("name", unique("Forged"))).post("/api/v1/categories"));
        }
        // The honest reader after them gets the kept copy of the list.
        Response honest = given().get(list);
        answers.add(honest);
        answers.add(given().get("/api/v1/articles/" + renamed));

        for (Response answer : answers) {
            for (Header header : answer.getHeaders()) {
                assertTrue(!header.getValue().contains(EVIL) && !header.getValue().contains(SCHEME + ":"),
                        "a forged origin reached an answer's " + header.getName() + ": " + header.getValue());
            }
            assertTrue(!answer.asString().contains(EVIL), "a forged origin reached an answer's body");
        }
        assertEquals(200, honest.statusCode());
        assertTrue(honest.header("Link").startsWith("</api/v1/articles?"), honest.header("Link"));
        assertTrue(honest.header("Link").contains("page=3") && honest.header("Link").contains("rel=\"next\""), honest.header("Link"));
        Response moved = answers.get(1);
        assertEquals(301, moved.statusCode());
        assertEquals("/api/v1/articles/" + renamed + "-after", moved.header("Location"));
        Response created = answers.get(2);
        assertEquals(201, created.statusCode());
        assertTrue(created.header("Location").startsWith("/api/v1/categories/"), created.header("Location"));
    }

    /**
     * The kept copy is keyed on the path and query alone, as a CDN keys it: safe only because no answer depends on Host, and
     * it means a stream of made-up Host values cannot fill the cache with copies of its own.
     */
    @Test
    void shouldKeepOneCopyOfAnAnswerWhateverHostItWasAskedWith() {
        String section = category().name(unique("One copy")).createSlug();
        article().title(unique("One copy story")).category(section).createSlug();
        String list = "/api/v1/articles?category=" + section + "&size=3";

        assertEquals("miss", given().header("Host", "one.example").get(list).then().statusCode(200).extract().header("X-Cache"));
        Response other = given().header("Host", "another.example").get(list);
        assertEquals("hit", other.header("X-Cache"), "a request with another Host is answered from the same copy");
        assertTrue(!other.asString().contains("one.example") && other.getHeaders().asList().stream().noneMatch(h -> h.getValue().contains("one.example")));
    }

    private static RequestSpecification forged(RequestSpecification caller, Map<String, String> headers) {
        return caller.redirects().follow(false).headers(headers);
    }
}
