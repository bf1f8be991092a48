package io.newsdesk.cms.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every answer the test suite receives under /api/v1 to the OpenAPI document the service serves:
 * its status must be one the operation lists, its content type one that status lists, and a JSON body
 * must validate against that schema (JSON Schema 2020-12). An answer the document does not describe fails
 * the test that received it, so a schema that claims a property is always there, or never null, is
 * checked by every test that meets the case.
 */
public class DocumentedAnswers implements QuarkusTestBeforeEachCallback, Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1";
    /** Set to a file name to list the answers the document does not describe instead of failing on them. */
    private static final String REPORT = System.getProperty("documented-answers.report");

    private static final ThreadLocal<Boolean> PAUSED = ThreadLocal.withInitial(() -> false);

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private volatile ObjectNode definitions;

    private record Route(String template, Pattern pattern, int literalChars, JsonNode item) {
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof DocumentedAnswers)) {
            RestAssured.filters(new DocumentedAnswers());
        }
    }

    private synchronized void load(URI document) {
        if (definitions != null) {
            return;
        }
        try {
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(document).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode root = JSON.readTree(text);
            // The components become $defs of each compiled schema; their references are rewritten to match.
            ObjectNode defs = (ObjectNode) JSON.readTree(JSON.writeValueAsString(root.path("components").path("schemas"))
                    .replace("#/components/schemas/", "#/$defs/"));
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String template = entry.getKey();
                String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
                routes.add(new Route(template, Pattern.compile(regex), template.replaceAll("\\{[^}/]+}", "").length(), entry.getValue()));
            }
            routes.sort(Comparator.comparingInt(Route::literalChars).reversed());
            definitions = defs;
        } catch (Exception e) {
            throw new IllegalStateException("The OpenAPI document does not parse", e);
        }
    }

    /** Runs calls whose answers are not checked here: a measurement that must take no more time than the calls themselves. */
    public static void unchecked(Runnable calls) {
        PAUSED.set(true);
        try {
            calls.run();
        } finally {
            PAUSED.set(false);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification spec, FilterContext ctx) {
        Response response = ctx.next(request, spec);
        if (PAUSED.get()) {
            return response;
        }
        URI uri = URI.create(request.getURI());
        String path = uri.getRawPath();
        if (!path.startsWith(API + "/")) {
            return response;
        }
        if (definitions == null) {
            load(uri.resolve("/q/openapi?format=json"));
        }
        String problem = check(request.getMethod().toLowerCase(), path, response);
        if (problem != null && REPORT != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(REPORT), request.getMethod() + " " + path + ": " + problem + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else if (problem != null) {
            throw new AssertionError("The OpenAPI document does not describe this answer to " + request.getMethod() + " " + path
                    + ": " + problem + "\nBody: " + abbreviate(response.asString()));
        }
        return response;
    }

    private String check(String method, String path, Response response) {
        JsonNode operation = null;
        for (Route route : routes) {
            if (route.pattern().matcher(path).matches() && route.item().has(method)) {
                operation = route.item().get(method);
                break;
            }
        }
        if (operation == null) {
            return null; // a path or method the API does not serve: EdgeProblemsTest holds those to the Problem shape
        }
        String status = String.valueOf(response.statusCode());
        JsonNode answer = operation.path("responses").path(status);
        if (answer.isMissingNode()) {
            answer = operation.path("responses").path(status.charAt(0) + "XX");
        }
        if (answer.isMissingNode()) {
            answer = operation.path("responses").path("default");
        }
        if (answer.isMissingNode()) {
            return "status " + status + " is not among the operation's answers " + names(operation.path("responses"));
        }
        String body = response.asString();
        String encoding = response.getHeader("Content-Encoding");
        if (body.isEmpty() || "head".equals(method) || response.statusCode() == 304 || (encoding != null && !encoding.equals("identity"))) {
            return null;
        }
        String contentType = response.contentType() == null ? "" : response.contentType().split(";")[0].trim().toLowerCase();
        JsonNode media = answer.path("content").path(contentType);
        if (media.isMissingNode()) {
            return "content type " + contentType + " is not among " + names(answer.path("content")) + " for status " + status;
        }
        JsonNode schema = media.path("schema");
        if (schema.isMissingNode() || !(contentType.endsWith("json"))) {
            return null;
        }
        String key = operation.path("operationId").asText() + " " + status + " " + contentType;
        JsonSchema compiled = schemas.computeIfAbsent(key, k -> compile(schema));
        Set<ValidationMessage> errors;
        try {
            errors = compiled.validate(JSON.readTree(body));
        } catch (Exception e) {
            return "the body is not JSON: " + e.getMessage();
        }
        return errors.isEmpty() ? null : "status " + status + ": " + errors;
    }

    private JsonSchema compile(JsonNode schema) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(JSON.writeValueAsString(schema).replace("#/components/schemas/", "#/$defs/"));
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("$defs", definitions);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        } catch (Exception e) {
            throw new IllegalStateException("A schema of the OpenAPI document does not compile", e);
        }
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static String abbreviate(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
    }
}
