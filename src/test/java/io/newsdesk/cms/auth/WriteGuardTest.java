package io.newsdesk.cms.auth;

import static io.newsdesk.cms.auth.AuthApi.ARTICLES;
import static io.newsdesk.cms.auth.AuthApi.CATEGORIES;
import static io.newsdesk.cms.auth.AuthApi.anonymous;
import static io.newsdesk.cms.auth.AuthApi.as;
import static io.newsdesk.cms.auth.AuthApi.asAdmin;
import static io.newsdesk.cms.auth.AuthApi.issue;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsdesk.cms.auth.AuthApi.Issued;
import io.newsdesk.cms.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A guard that cannot be forgotten: every operation the OpenAPI document lists is discovered from it
 * (no list here), and each one that writes must refuse a caller without a token (401) and an author
 * whose role is too low (403). A route added later without protection makes this test fail.
 */
@QuarkusTest
class WriteGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> ROLES = List.of("author", "editor", "admin");

    /**
     * Writes that anonymous callers may make on purpose, as "METHOD /path": a reader's comment.
     * Adding one here is a product decision, reviewed like a contract change; the document must mark
     * exactly these with x-public-write.
     */
    private static final Set<String> ANONYMOUS_WRITES = Set.of("POST /api/v1/articles/{slug}/comments");

    @Test
    void shouldMarkExactlyTheDeliberatePublicWritesInTheDocument() {
        Set<String> marked = new java.util.TreeSet<>();
        for (Operation op : operations()) {
            if (op.spec().path("x-public-write").asText("").equals("true")) {
                marked.add(op.toString());
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(new java.util.TreeSet<>(ANONYMOUS_WRITES), marked);
    }

    /** An operation of the document: its method, path template and description. */
    private record Operation(String method, String path, JsonNode spec) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        boolean isRead() {
            return method.equals("get") || method.equals("head");
        }

        String requiredRole() {
            return spec.path("x-required-role").asText(null);
        }

        boolean declaresBearer() {
            for (JsonNode requirement : spec.path("security")) {
                if (requirement.has("bearer")) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- the document -------------------------------------------------------------------------

    @Test
    void shouldDeclareTheBearerScheme() {
        JsonNode scheme = document().path("components").path("securitySchemes").path("bearer");

        assertEquals("http", scheme.path("type").asText(), "securitySchemes.bearer: " + scheme);
        assertEquals("bearer", scheme.path("scheme").asText().toLowerCase(Locale.ROOT), "securitySchemes.bearer: " + scheme);
    }

    @Test
    void shouldDeclareBearerSecurityAndARequiredRoleOnEveryWrite() {
        List<String> undeclared = new ArrayList<>();
        for (Operation op : writes()) {
            if (!op.declaresBearer()) {
                undeclared.add(op + ": security [{bearer: []}]");
            }
            if (!ROLES.contains(op.requiredRole())) {
                undeclared.add(op + ": x-required-role (author, editor or admin), found " + op.requiredRole());
            }
        }
        assertTrue(undeclared.isEmpty(), "Writes that do not say they need a token: " + undeclared);
    }

    @Test
    void shouldDeclareARequiredRoleWhereverATokenIsNeeded() {
        List<String> undeclared = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.declaresBearer() && !ROLES.contains(op.requiredRole())) {
                undeclared.add(op.toString());
            }
            if (!op.declaresBearer() && op.requiredRole() != null) {
                undeclared.add(op + " (a role but no security requirement)");
            }
        }
        assertTrue(undeclared.isEmpty(), "Operations with a bearer requirement but no x-required-role: " + undeclared);
    }

    // ---- the guard ----------------------------------------------------------------------------

    @Test
    void shouldRefuseEveryWriteWithoutAToken() {
        Targets targets = Targets.create();
        List<String> open = new ArrayList<>();
        List<Operation> writes = writes();
        assertFalse(writes.isEmpty(), "the document lists writes");

        for (Operation op : writes) {
            Response response = call(anonymous(), op, targets.forAdminContent());
            if (!isChallenge(response, 401)) {
                open.add(op + " answered " + response.statusCode() + " " + response.contentType() + " "
                        + response.header("WWW-Authenticate") + " " + abbreviate(response.asString()));
            }
        }

        assertTrue(open.isEmpty(), "Writes that do not answer 401 problem+json with a Bearer challenge to a caller without a token: " + open);
        targets.assertUntouched();
    }

    @Test
    void shouldRefuseEveryProtectedReadWithoutAToken() {
        Targets targets = Targets.create();
        List<String> open = new ArrayList<>();

        for (Operation op : operations()) {
            if (op.isRead() && op.declaresBearer()) {
                Response response = call(given(), op, targets.forAdminContent());
                if (!isChallenge(response, 401)) {
                    open.add(op + " answered " + response.statusCode() + " " + abbreviate(response.asString()));
                }
            }
        }

        assertTrue(open.isEmpty(), "Protected reads that serve a caller without a token: " + open);
    }

    @Test
    void shouldRefuseAnAuthorEveryWriteAboveTheirRole() {
        Targets targets = Targets.create();
        Issued author = issue("author");
        List<String> open = new ArrayList<>();
        int checked = 0;

        for (Operation op : writes()) {
            if (!ROLES.contains(op.requiredRole()) || op.requiredRole().equals("author")) {
                continue;
            }
            checked++;
            Response response = call(as(author), op, targets.forAdminContent());
            if (!isForbidden(response)) {
                open.add(op + " (" + op.requiredRole() + ") answered " + response.statusCode() + " " + abbreviate(response.asString()));
            }
        }

        assertTrue(checked > 0, "the document lists writes above the author role");
        assertTrue(open.isEmpty(), "Writes above the author role that do not answer 403 problem+json to an author: " + open);
        targets.assertUntouched();
    }

    @Test
    void shouldRefuseAnAuthorEveryArticleWriteOnAnArticleAnEditorOwns() {
        Targets targets = Targets.create();
        Issued author = issue("author");
        List<String> open = new ArrayList<>();
        int checked = 0;

        for (Operation op : writes()) {
            if (!"author".equals(op.requiredRole()) || !op.path().startsWith(ARTICLES + "/{")) {
                continue;
            }
            checked++;
            Response response = call(as(author), op, targets.forAdminContent());
            if (!isForbidden(response)) {
                open.add(op + " answered " + response.statusCode() + " " + abbreviate(response.asString()));
            }
        }

        assertTrue(checked > 0, "the document lists author-level writes on /articles/{slug}");
        assertTrue(open.isEmpty(), "Author-level writes that let an author act on an admin's article: " + open);
        targets.assertUntouched();
    }

    // ---- discovering and calling operations ---------------------------------------------------

    private static JsonNode document() {
        String body = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("/q/openapi?format=json is not JSON", e);
        }
    }

    private static List<Operation> operations() {
        JsonNode doc = document();
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) {
                    operations.add(new Operation(op.getKey(), path.getKey(), resolveParameters(doc, path.getValue(), op.getValue())));
                }
            }
        }
        assertFalse(operations.isEmpty(), "the OpenAPI document lists operations");
        return operations;
    }

    /** Every operation that is not a read, except those the product deliberately opens to anonymous callers. */
    private static List<Operation> writes() {
        return operations().stream().filter(op -> !op.isRead() && !ANONYMOUS_WRITES.contains(op.toString())).toList();
    }

    /** The operation with path-level parameters merged in, and a plausible body resolved from its schema. */
    private static JsonNode resolveParameters(JsonNode doc, JsonNode pathItem, JsonNode op) {
        ObjectNode copy = op.deepCopy();
        if (pathItem.has("parameters")) {
            var merged = copy.putArray("parameters");
            pathItem.get("parameters").forEach(merged::add);
            op.path("parameters").forEach(merged::add);
        }
        JsonNode content = op.path("requestBody").path("content");
        if (content.size() > 0) {
            Map.Entry<String, JsonNode> first = content.properties().iterator().next();
            ObjectNode body = copy.putObject("x-test-body");
            body.put("mediaType", first.getKey());
            JsonNode example = first.getValue().path("example");
            body.set("value", example.isMissingNode() ? sample(doc, first.getValue().path("schema"), 0) : example);
        }
        return copy;
    }

    /** A value that fits the schema: its example, its first enum value, or the required properties filled in. */
    private static JsonNode sample(JsonNode doc, JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            JsonNode resolved = doc.path("components").path("schemas").path(name);
            if (schema.has("examples") && schema.get("examples").size() > 0) {
                return schema.get("examples").get(0);
            }
            return sample(doc, resolved, depth + 1);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("examples") && schema.get("examples").size() > 0) {
            return schema.get("examples").get(0);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("object");
        switch (type) {
            case "string":
                return JSON.getNodeFactory().textNode(unique("guard"));
            case "integer":
            case "number":
                return JSON.getNodeFactory().numberNode(1);
            case "boolean":
                return JSON.getNodeFactory().booleanNode(true);
            case "array":
                var array = JSON.createArrayNode();
                if (depth < 4 && schema.has("items")) {
                    array.add(sample(doc, schema.get("items"), depth + 1));
                }
                return array;
            default:
                ObjectNode object = JSON.createObjectNode();
                if (depth < 4) {
                    for (JsonNode required : schema.path("required")) {
                        JsonNode property = schema.path("properties").path(required.asText());
                        object.set(required.asText(), sample(doc, property, depth + 1));
                    }
                }
                return object;
        }
    }

    /** Calls the operation with a plausible request: real path parameters, required query parameters and a body. */
    private static Response call(RequestSpecification request, Operation op, Map<String, String> pathValues) {
        Matcher m = PATH_PARAM.matcher(op.path());
        StringBuilder url = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(url, Matcher.quoteReplacement(pathValues.getOrDefault(pathKey(op.path(), m.group(1)), "1")));
        }
        m.appendTail(url);
        for (JsonNode parameter : op.spec().path("parameters")) {
            if ("query".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean(false)) {
                JsonNode example = parameter.path("example");
                request.queryParam(parameter.get("name").asText(), example.isMissingNode() ? "1" : example.asText());
            }
        }
        JsonNode body = op.spec().path("x-test-body");
        if (!body.isMissingNode()) {
            request.contentType(body.get("mediaType").asText()).body(body.get("value").toString());
        }
        return request.redirects().follow(false).when().request(op.method().toUpperCase(Locale.ROOT), url.toString());
    }

    /** Which existing resource a path parameter names: the collection the parameter follows, as "articles.slug". */
    private static String pathKey(String path, String parameter) {
        String before = path.substring(0, path.indexOf("{" + parameter + "}"));
        String[] segments = before.split("/");
        String collection = segments.length == 0 ? "" : segments[segments.length - 1];
        return collection + "." + parameter;
    }

    private static boolean isChallenge(Response response, int status) {
        String challenge = response.header("WWW-Authenticate");
        return response.statusCode() == status
                && response.contentType().startsWith(AuthApi.PROBLEM_JSON)
                && challenge != null && challenge.startsWith("Bearer")
                && response.jsonPath().getInt("status") == status;
    }

    private static boolean isForbidden(Response response) {
        return response.statusCode() == 403
                && response.contentType().startsWith(AuthApi.PROBLEM_JSON)
                && response.jsonPath().getInt("status") == 403;
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    /**
     * Real resources for path parameters, made by the admin, so a refusal is not a 404 in disguise,
     * and checked afterwards to prove no refused call changed anything.
     */
    private record Targets(String article, String articleTitle, String category, String categoryName, Issued token) {

        static Targets create() {
            String articleTitle = unique("Guarded article");
            // record accessors shadow the static imports of the same names
            String article = Fixtures.article().title(articleTitle).draft().createSlug();
            String categoryName = unique("Guarded category");
            String category = Fixtures.category().name(categoryName).createSlug();
            return new Targets(article, articleTitle, category, categoryName, issue("editor"));
        }

        Map<String, String> forAdminContent() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("articles.slug", article);
            values.put("categories.slug", category);
            values.put("tokens.id", Long.toString(token.id()));
            return values;
        }

        void assertUntouched() {
            asAdmin().when().get(ARTICLES + "/" + article).then().statusCode(200)
                    .body("title", equalTo(articleTitle)).body("status", equalTo("draft"))
                    .body("updatedBy.name", equalTo("bootstrap"));
            given().when().get(CATEGORIES + "/" + category).then().statusCode(200).body("name", equalTo(categoryName));
            as(token).queryParam("status", "draft").when().get(ARTICLES).then().statusCode(200);
        }
    }
}
