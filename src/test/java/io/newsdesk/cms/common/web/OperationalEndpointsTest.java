package io.newsdesk.cms.common.web;

import static io.newsdesk.cms.support.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.newsdesk.cms.support.Management;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Security finding 5, operational endpoints: health and metrics are served on the management interface, a port of
 * its own that need not be reachable from outside, never on the API port; the API description stays public there.
 * Every request here is anonymous, as someone on the internet would send it.
 */
@QuarkusTest
class OperationalEndpointsTest {

    private static final List<String> OPERATIONAL = List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/health/live");

    @Test
    void shouldNotServeMetricsOrHealthOnTheApiPort() {
        for (String path : OPERATIONAL) {
            assertProblem(given().get(path), 404)
                    .body(not(containsString("cms_response_cache")))
                    .body(not(containsString("\"checks\"")));
        }
    }

    @Test
    void shouldServeMetricsAndHealthOnTheManagementPort() {
        int api = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        assertNotEquals(api, Management.port(), "the management interface has a port of its own");
        given().get("/api/v1/articles").then().statusCode(200);

        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        String metrics = Management.metrics();
        assertTrue(metrics.contains("cms_response_cache_hits_total"), "the service's own metrics are there");
        // Depending on the layer that answered, the route is named with or without the application path.
        assertTrue(metrics.contains("uri=\"/articles\"") || metrics.contains("uri=\"/api/v1/articles\""),
                "so are the API port's requests");
    }

    @Test
    void shouldSendTheSecurityHeadersOnTheManagementPortToo() {
        for (String path : new String[] { "/q/health/ready", "/q/metrics", "/q/nothing-here" }) {
            Management.given().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Server", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void shouldKeepTheOpenApiDocumentAndSwaggerUiPublic() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Newsdesk CMS API"));
        given().get("/q/swagger-ui/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("swagger-ui"));
    }
}
