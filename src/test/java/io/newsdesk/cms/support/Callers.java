package io.newsdesk.cms.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who sends a test's request. Every write in the suite starts from one of these, so each test says
 * which caller it is about, and a permission bug cannot hide behind a token no test asked for.
 *
 * <p>Nothing adds a token behind a test's back: the suite once had a filter that sent the admin token
 * with every write that named no caller, which let a test about permissions pass as the admin. There
 * is deliberately no guard in its place either: a request that names no caller is sent as it is, with
 * no Authorization header, and a write then answers 401, which the test that forgot fails on.
 */
public final class Callers {

    /** The test profile's CMS_BOOTSTRAP_TOKEN (see application.properties). */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmnopqrstuvwxyz";

    private Callers() {
    }

    /** A request as the test profile's bootstrap admin. */
    public static RequestSpecification asAdmin() {
        return as(ADMIN_TOKEN);
    }

    /** A request carrying this bearer token. */
    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A request with no Authorization header: a reader, or a caller who forgot the token. */
    public static RequestSpecification anonymous() {
        return given();
    }

    /** A fresh token of this role ("admin", "editor" or "author"), issued by the bootstrap admin; answers its secret. */
    public static String token(String role) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("token-" + role), "role", role))
                .when().post("/api/v1/tokens")
                .then().statusCode(201).extract().path("token");
    }
}
