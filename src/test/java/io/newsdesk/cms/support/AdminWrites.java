package io.newsdesk.cms.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Sends the test profile's bootstrap admin token with every write that carries no Authorization
 * header, so content tests need not repeat it. Reads stay anonymous unless a test adds a token, and
 * a write sent with the {@value #ANONYMOUS} header goes out with no token at all.
 */
public class AdminWrites implements QuarkusTestBeforeEachCallback, Filter {

    /** The test profile's CMS_BOOTSTRAP_TOKEN (see application.properties). */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmnopqrstuvwxyz";
    public static final String ANONYMOUS = "X-Test-Anonymous";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof AdminWrites)) {
            RestAssured.filters(new AdminWrites());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
            request.removeHeader(ANONYMOUS);
        } else if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                && !request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        }
        return ctx.next(request, response);
    }
}
