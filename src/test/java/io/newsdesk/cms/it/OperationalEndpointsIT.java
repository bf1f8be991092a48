package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 5, operational endpoints, in the packaged service (production profile): health and metrics answer
 * only on the management port, and CMS_API_DOCS_ENABLED=false takes the API description off the API port. Every
 * request is anonymous.
 */
class OperationalEndpointsIT {

    static final List<String> API_DESCRIPTION = List.of("/q/openapi", "/q/openapi?format=json", "/q/swagger-ui",
            "/q/swagger-ui/", "/q/swagger-ui/index.html");
    static final List<String> OPERATIONAL = List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/metrics");

    static ServiceProcess service;

    @BeforeAll
    static void start() {
        TestDatabase db = TestDatabase.create("operational");
        service = ServiceProcess.on("operational", db.jdbcUrl()).env("CMS_API_DOCS_ENABLED", "false").start();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldAnswer404ForTheOpenApiDocumentAndSwaggerUiWhenSwitchedOff() {
        Http api = service.http();
        assertAll(API_DESCRIPTION.stream().map(path -> () -> {
            Http.Response answer = api.get(path);
            assertEquals(404, answer.status(), () -> path + " with CMS_API_DOCS_ENABLED=false: " + answer);
        }));
        Http.Response articles = api.get(Api.ARTICLES);
        assertEquals(200, articles.status(), () -> "the API itself is still served: " + articles);
    }

    @Test
    void shouldServeHealthAndMetricsOnTheManagementPortOnly() {
        Http api = service.http();
        Http management = service.management();
        assertAll(OPERATIONAL.stream().map(path -> () -> {
            Http.Response there = management.getText(path);
            Http.Response onApi = api.getText(path);
            assertEquals(200, there.status(), () -> path + " on the management port: " + there);
            assertEquals(404, onApi.status(), () -> path + " on the API port: " + onApi);
            assertTrue(onApi.contentType().startsWith(Http.PROBLEM), () -> path + " on the API port: " + onApi);
        }));
    }
}
