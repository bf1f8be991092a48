package io.newsdesk.cms.support;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** What every error answer must look like to a client. */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    /** An RFC 9457 problem with this status, carrying nosniff like every answer, with no internals in it. */
    public static ValidatableResponse assertProblem(Response response, int status) {
        return response.then()
                .statusCode(status)
                .contentType(PROBLEM_JSON)
                .header("X-Content-Type-Options", "nosniff")
                .body("status", equalTo(status))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("at io.")));
    }
}
