package io.newsdesk.cms.support;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The management interface of the service under test: health and metrics, on a port of its own
 * (quarkus.management.test-port in the tests), not on the API port.
 */
public final class Management {

    private Management() {
    }

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    /** A request to the management interface, as an orchestrator's probe or a metrics scraper sends it: no token. */
    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /** The Prometheus text of /q/metrics. */
    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
