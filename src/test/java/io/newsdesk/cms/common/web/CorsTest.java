package io.newsdesk.cms.common.web;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Browsers on any origin may read; only the configured origins (test profile: newsroom.example.com) may write.
 * Preflights go out anonymously, as a browser sends them: never with the token of the request they announce.
 */
@QuarkusTest
class CorsTest {

    private static final String WRITER = "https://newsroom.example.com";
    private static final String STRANGER = "https://elsewhere.example.net";

    @Test
    void shouldLetAnyOriginReadAndSeeThePagingHeaders() {
        article().create();
        given().header("Origin", STRANGER).get("/api/v1/articles")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", STRANGER)
                .header("Access-Control-Expose-Headers", containsString("X-Total-Count"))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
    }

    @Test
    void shouldAnswerAReadPreflightFromAnyOrigin() {
        anonymous().header("Origin", STRANGER).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization")
                .options("/api/v1/articles")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", STRANGER)
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
    }

    @Test
    void shouldRefuseAWritePreflightFromAnUnlistedOrigin() {
        anonymous().header("Origin", STRANGER).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type")
                .options("/api/v1/articles/x/comments")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
    }

    @Test
    void shouldAllowWritesFromAListedOrigin() {
        anonymous().header("Origin", WRITER).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type, If-Match")
                .options("/api/v1/articles/x")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", WRITER)
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"));
    }

    @Test
    void shouldNotExposeAWriteAnswerToAnUnlistedOrigin() {
        asAdmin().header("Origin", STRANGER).contentType("application/json").body("{\"title\":\"x\"}")
                .post("/api/v1/articles")
                .then().header("Access-Control-Allow-Origin", nullValue());
        asAdmin().header("Origin", WRITER).contentType("application/json").body("{\"title\":\"x\"}")
                .post("/api/v1/articles")
                .then().statusCode(201).header("Access-Control-Allow-Origin", equalTo(WRITER));
    }
}
