package io.newsdesk.cms.auth;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.newsdesk.cms.support.Callers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.newsdesk.cms.support.Problems;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** What the security tests say again and again: issuing tokens, calling as one, and the shape of 401/403. */
final class AuthApi {

    static final String TOKENS = "/api/v1/tokens";
    static final String ARTICLES = "/api/v1/articles";
    static final String CATEGORIES = "/api/v1/categories";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String NO_STORE = "private, no-store";

    private AuthApi() {
    }

    /** A token issued through POST /tokens, with the secret that answer showed once. */
    record Issued(long id, String name, String role, String secret) {
        String authorization() {
            return "Bearer " + secret;
        }
    }

    static Issued issue(String role) {
        return issue(role, null);
    }

    /** Issues a token as the bootstrap admin, named uniquely so no other test can mistake it for its own. */
    static Issued issue(String role, Instant expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", unique(role + "-token"));
        body.put("role", role);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        JsonPath issued = asAdmin().contentType(ContentType.JSON).body(body)
                .when().post(TOKENS)
                .then().statusCode(201).extract().jsonPath();
        return new Issued(issued.getLong("id"), issued.getString("name"), issued.getString("role"), issued.getString("token"));
    }

    /** A request that carries this token, whatever its method. */
    static RequestSpecification as(Issued token) {
        return Callers.as(token.secret());
    }

    /** A request with this raw Authorization header. */
    static RequestSpecification withAuthorization(String header) {
        return given().header("Authorization", header);
    }

    /** An RFC 9457 problem with this status, carrying nosniff like every answer, never a stack trace. */
    static ValidatableResponse assertProblem(Response response, int status) {
        // never a redirect to a login page
        return Problems.assertProblem(response, status).header("Location", (String) null);
    }

    /** 401: a problem with a Bearer challenge, so clients know to send a token. */
    static ValidatableResponse assertUnauthorized(Response response) {
        return assertProblem(response, 401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                // a refusal is about this caller: a shared cache must not keep it
                .header("Cache-Control", not(startsWith("public")));
    }

    /** 403: the caller is known but its role is too low; no challenge, since another token would not be "this" caller. */
    static ValidatableResponse assertForbidden(Response response) {
        return assertProblem(response, 403).body("type", endsWith("/forbidden"));
    }

    static ValidatableResponse assertNotFound(Response response) {
        return assertProblem(response, 404).body("type", endsWith("/not-found"));
    }

    /** Every page of GET /tokens as the admin, raw, so a test can search all of it. */
    static List<String> tokenPages() {
        List<String> pages = new ArrayList<>();
        for (int page = 1;; page++) {
            Response response = asAdmin().queryParam("size", 100).queryParam("page", page).when().get(TOKENS);
            response.then().statusCode(200);
            pages.add(response.asString());
            int totalPages = response.jsonPath().getInt("totalPages");
            if (page >= totalPages) {
                return pages;
            }
        }
    }

    /** The token with this id as GET /tokens lists it. */
    static Map<String, Object> listed(long id) {
        for (String page : tokenPages()) {
            List<Map<String, Object>> items = JsonPath.from(page).getList("items");
            for (Map<String, Object> item : items) {
                if (((Number) item.get("id")).longValue() == id) {
                    return item;
                }
            }
        }
        return fail("token " + id + " is not listed by GET /tokens");
    }

    /** Creates an article with this token and answers its JSON. */
    static JsonPath createArticle(Issued token, Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body)
                .when().post(ARTICLES)
                .then().statusCode(201).extract().jsonPath();
    }

    /** GET /articles/{slug} with this token, not following redirects. */
    static Response readAs(Issued token, String slug) {
        return as(token).redirects().follow(false).when().get(ARTICLES + "/" + slug);
    }

    /** GET /articles/{slug} anonymously, not following redirects. */
    static Response readAnonymously(String slug) {
        return given().redirects().follow(false).when().get(ARTICLES + "/" + slug);
    }
}
