package io.newsdesk.cms.support;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The suite adds no caller of its own (issue 18, finding 8): a write goes out with exactly the token its
 * test asked for, so a permission test cannot pass on an admin token nobody wrote down.
 */
@QuarkusTest
class CallersTest {

    private static final String ARTICLES = "/api/v1/articles";

    @Test
    void shouldSendNoTokenUnlessATestSaysWhoIsCalling() {
        Map<String, Object> article = Fixtures.article().draft().body();

        Response unstated = given().contentType(ContentType.JSON).body(article).when().post(ARTICLES);
        Problems.assertProblem(unstated, 401).header("WWW-Authenticate", startsWith("Bearer"));
        Problems.assertProblem(anonymous().contentType(ContentType.JSON).body(article).when().post(ARTICLES), 401);
        Problems.assertProblem(asAdmin().when().get(ARTICLES + "/" + article.get("slug")), 404); // nothing was written

        as(token("author")).contentType(ContentType.JSON).body(article).when().post(ARTICLES)
                .then().statusCode(201).body("slug", equalTo(article.get("slug")));
    }
}
