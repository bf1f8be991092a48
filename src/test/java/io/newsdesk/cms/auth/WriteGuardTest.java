package io.newsdesk.cms.auth;

import static io.newsdesk.cms.auth.AuthApi.ARTICLES;
import static io.newsdesk.cms.auth.AuthApi.CATEGORIES;
import static io.newsdesk.cms.auth.AuthApi.as;
import static io.newsdesk.cms.auth.AuthApi.issue;
import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.asAdmin;
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
    private static final String MEDIA = "/api/v1/media";
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

        /** The request bodies to send, one per media type of the document; a missing node when it takes none. */
        List<JsonNode> bodies() {
            List<JsonNode> bodies = new ArrayList<>();
            spec.path("x-test-bodies").forEach(bodies::add);
            return bodies.isEmpty() ? List.of(com.fasterxml.jackson.databind.node.MissingNode.getInstance()) : bodies;
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
            // every body the operation takes: a form and a raw upload may be served by different methods
            for (JsonNode body : op.bodies()) {
                Response response = call(anonymous(), op, targets.forAdminContent(), body);
                if (!isChallenge(response, 401)) {
                    open.add(op + describe(body) + " answered " + response.statusCode() + " " + response.contentType() + " "
                            + response.header("WWW-Authenticate") + " " + abbreviate(response.asString()));
                }
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
                Response response = call(given(), op, targets.forAdminContent(), op.bodies().get(0));
                if (op.path().startsWith("/api/v1/articles/{slug}/revisions")) {
                    // An article's history is never public: to a caller without a token it does not exist.
                    if (response.statusCode() != 404 || !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                        open.add(op + " answered " + response.statusCode() + " (history must be a 404 to anonymous callers) "
                                + abbreviate(response.asString()));
                    }
                } else if (!isChallenge(response, 401)) {
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
            for (JsonNode body : op.bodies()) {
                Response response = call(as(author), op, targets.forAdminContent(), body);
                if (!isForbidden(response)) {
                    open.add(op + describe(body) + " (" + op.requiredRole() + ") answered " + response.statusCode() + " "
                            + abbreviate(response.asString()));
                }
            }
        }

        assertTrue(checked > 0, "the document lists writes above the author role");
        assertTrue(open.isEmpty(), "Writes above the author role that do not answer 403 problem+json to an author: " + open);
        targets.assertUntouched();
    }

    /**
     * Every author-level write on an article an editor owns is refused: with 403 on a public story, which the author
     * can read, and with the 404 of an absent article on a draft, whose existence an author is not told.
     */
    @Test
    void shouldRefuseAnAuthorEveryArticleWriteOnAnArticleAnEditorOwns() {
        Targets targets = Targets.create();
        Issued author = issue("author");
        String publicTitle = unique("Guarded public article");
        Map<String, String> onPublic = new LinkedHashMap<>(targets.forAdminContent());
        onPublic.put("articles.slug", Fixtures.article().title(publicTitle).createSlug());
        List<String> open = new ArrayList<>();
        int checked = 0;

        for (Operation op : writes()) {
            if (!"author".equals(op.requiredRole()) || !op.path().startsWith(ARTICLES + "/{")) {
                continue;
            }
            checked++;
            for (JsonNode body : op.bodies()) {
                Response onDraft = call(as(author), op, targets.forAdminContent(), body);
                if (!isRefused(onDraft, 404)) {
                    open.add(op + describe(body) + " on a draft answered " + onDraft.statusCode() + " " + abbreviate(onDraft.asString()));
                }
                Response onPublished = call(as(author), op, onPublic, body);
                if (!isForbidden(onPublished)) {
                    open.add(op + describe(body) + " on a public story answered " + onPublished.statusCode() + " "
                            + abbreviate(onPublished.asString()));
                }
            }
        }

        assertTrue(checked > 0, "the document lists author-level writes on /articles/{slug}");
        assertTrue(open.isEmpty(), "Author-level writes that let an author act on, or learn of, an admin's article: " + open);
        targets.assertUntouched();
        asAdmin().when().get(ARTICLES + "/" + onPublic.get("articles.slug")).then().statusCode(200).body("title", equalTo(publicTitle));
    }

    /**
     * Finding 2 of the security review, for every read the document lists (no list here either): an author
     * asking for another writer's draft, scheduled or archived story by slug, or reading a public story that
     * links to them, with every value of every enumerated query parameter (each {@code status}, each
     * {@code include}), never receives one of them. Editors do, through the same routes.
     */
    @Test
    void shouldShowAnAuthorNoOtherWritersUnpublishedArticleOnAnyRead() {
        Issued author = issue("author");
        Issued editor = issue("editor");
        // The marker is in each hidden story's title, never in its slug: a 404 naming the slug asked for tells nothing.
        String marker = unique("unseen");
        List<String> hidden = List.of(
                created(editor, Map.of("slug", unique("guard-draft"), "title", marker + " draft")),
                created(editor, Map.of("slug", unique("guard-scheduled"), "title", marker + " scheduled", "status", "published",
                        "publishedAt", "2999-01-01T00:00:00Z")),
                created(editor, Map.of("slug", unique("guard-archived"), "title", marker + " archived", "status", "archived")));
        String story = created(editor, Map.of("title", unique("public story"), "status", "published"));
        as(editor).contentType("application/json").body(hidden.stream().map(slug -> Map.of("articleSlug", slug)).toList())
                .when().put(ARTICLES + "/" + story + "/related").then().statusCode(200);
        JsonNode doc = document();
        List<String> seen = new ArrayList<>();
        int reads = 0;

        for (Operation op : operations()) {
            if (!op.isRead() || !op.path().startsWith("/api/v1/")) {
                continue;
            }
            for (String target : op.path().contains("{slug}") ? List.of(hidden.get(0), hidden.get(1), hidden.get(2), story) : List.of(story)) {
                for (Map<String, String> query : queryVariants(doc, op)) {
                    RequestSpecification request = as(author);
                    query.forEach(request::queryParam);
                    Response response = call(request, op, Map.of("articles.slug", target), op.bodies().get(0));
                    reads++;
                    if (response.asString().contains(marker)) {
                        seen.add(op + " " + target + " " + query + " answered " + response.statusCode() + " " + abbreviate(response.asString()));
                    }
                }
            }
        }

        assertTrue(reads > 20, "the document lists reads to walk");
        assertTrue(seen.isEmpty(), "Reads that show an author another writer's unpublished story: " + seen);
        String editorView = as(editor).queryParam("include", "related").when().get(ARTICLES + "/" + story).then().statusCode(200)
                .extract().asString();
        assertTrue(editorView.contains(marker), "an editor sees the curated links to hidden stories: " + abbreviate(editorView));
    }

    private static String created(Issued token, Map<String, Object> body) {
        return as(token).contentType("application/json").body(body).when().post(ARTICLES).then().statusCode(201).extract().path("slug");
    }

    /** No optional query parameter, then each value of each enumerated one (an array's items included), one at a time. */
    private static List<Map<String, String>> queryVariants(JsonNode doc, Operation op) {
        List<Map<String, String>> variants = new ArrayList<>();
        variants.add(Map.of());
        for (JsonNode parameter : op.spec().path("parameters")) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            JsonNode schema = resolve(doc, parameter.path("schema"));
            JsonNode values = schema.has("items") ? resolve(doc, schema.get("items")).path("enum") : schema.path("enum");
            for (JsonNode value : values) {
                variants.add(Map.of(parameter.path("name").asText(), value.asText()));
            }
        }
        return variants;
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

    /**
     * The operation with path-level parameters merged in, and a plausible body for each media type of its
     * request body: JSON from the example or the schema, an image for a file (type string, format binary),
     * a form with an image in its file part for multipart.
     */
    private static JsonNode resolveParameters(JsonNode doc, JsonNode pathItem, JsonNode op) {
        ObjectNode copy = op.deepCopy();
        if (pathItem.has("parameters")) {
            var merged = copy.putArray("parameters");
            pathItem.get("parameters").forEach(merged::add);
            op.path("parameters").forEach(merged::add);
        }
        JsonNode content = op.path("requestBody").path("content");
        var bodies = copy.putArray("x-test-bodies");
        for (Map.Entry<String, JsonNode> media : content.properties()) {
            ObjectNode body = bodies.addObject();
            body.put("mediaType", media.getKey());
            JsonNode schema = resolve(doc, media.getValue().path("schema"));
            if (media.getKey().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                body.put("kind", "multipart");
                ObjectNode fields = body.putObject("fields");
                for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                    JsonNode resolved = resolve(doc, property.getValue());
                    if (isBinary(resolved)) {
                        body.put("fileField", property.getKey());
                    } else {
                        JsonNode value = sample(doc, resolved, 1);
                        fields.put(property.getKey(), value.isTextual() ? value.asText() : value.toString());
                    }
                }
            } else if (isBinary(schema)) {
                body.put("kind", "binary");
            } else {
                body.put("kind", "json");
                JsonNode example = media.getValue().path("example");
                body.set("value", example.isMissingNode() ? sample(doc, media.getValue().path("schema"), 0) : example);
            }
        }
        return copy;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        if (schema.has("$ref")) {
            return doc.path("components").path("schemas").path(schema.get("$ref").asText().replace("#/components/schemas/", ""));
        }
        return schema;
    }

    /** A file as a request body or a form part: {@code type: string, format: binary}. */
    private static boolean isBinary(JsonNode schema) {
        return "string".equals(schema.path("type").asText()) && "binary".equals(schema.path("format").asText());
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

    /** Calls the operation with a plausible request: real path parameters, required query parameters and the body. */
    private static Response call(RequestSpecification request, Operation op, Map<String, String> pathValues, JsonNode body) {
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
        if (!body.isMissingNode()) {
            String mediaType = body.get("mediaType").asText();
            switch (body.get("kind").asText()) {
                case "binary" -> {
                    // a valid image of the declared type, named so that a stored copy could be found (see Targets)
                    Image image = Image.of(mediaType);
                    request.contentType(mediaType).header("Content-Disposition", "attachment; filename=\"" + image.filename() + "\"")
                            .body(image.bytes());
                }
                case "multipart" -> {
                    Image image = Image.of("image/png");
                    request.multiPart(body.path("fileField").asText("file"), image.filename(), image.bytes(), image.mediaType());
                    body.path("fields").properties().forEach(field -> request.multiPart(field.getKey(), field.getValue().asText()));
                }
                default -> request.contentType(mediaType).body(body.get("value").toString());
            }
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
        return isRefused(response, 403);
    }

    private static boolean isRefused(Response response, int status) {
        return response.statusCode() == status
                && response.contentType().startsWith(AuthApi.PROBLEM_JSON)
                && response.jsonPath().getInt("status") == status;
    }

    /** Which body a call sent, when the operation takes more than one. */
    private static String describe(JsonNode body) {
        return body.isMissingNode() ? "" : " (" + body.get("mediaType").asText() + ")";
    }

    /** The name of every image the guard sends: none may ever be found in the library. */
    private static final String UPLOAD_NAME = unique("guarded-upload");

    /**
     * A small valid image in the requested type (from ImageIO; PNG where it has no writer for the type),
     * so that a route that forgot its guard would store it rather than refuse it for its bytes.
     */
    private record Image(String mediaType, String filename, byte[] bytes) {

        static Image of(String mediaType) {
            java.awt.image.BufferedImage pixels = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.util.Random random = new java.util.Random();
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    pixels.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            String type = javax.imageio.ImageIO.getImageWritersByMIMEType(mediaType).hasNext() ? mediaType : "image/png";
            var writer = javax.imageio.ImageIO.getImageWritersByMIMEType(type).next();
            var out = new java.io.ByteArrayOutputStream();
            try (var stream = javax.imageio.ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(pixels);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                writer.dispose();
            }
            String extension = writer.getOriginatingProvider().getFileSuffixes()[0];
            return new Image(type, UPLOAD_NAME + "." + extension, out.toByteArray());
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    /**
     * Real resources for path parameters, made by the admin, so a refusal is not a 404 in disguise,
     * and checked afterwards to prove no refused call changed anything.
     */
    private record Targets(String article, String articleTitle, String category, String categoryName, Issued token, long media,
            String mediaAlt) {

        static Targets create() {
            String articleTitle = unique("Guarded article");
            // record accessors shadow the static imports of the same names
            String article = Fixtures.article().title(articleTitle).draft().createSlug();
            String categoryName = unique("Guarded category");
            String category = Fixtures.category().name(categoryName).createSlug();
            String mediaAlt = unique("Guarded image");
            Image image = Image.of("image/png");
            long media = asAdmin().multiPart("file", unique("guarded") + ".png", image.bytes(), image.mediaType()).multiPart("alt", mediaAlt)
                    .when().post(MEDIA).then().statusCode(201).extract().jsonPath().getLong("id");
            return new Targets(article, articleTitle, category, categoryName, issue("editor"), media, mediaAlt);
        }

        Map<String, String> forAdminContent() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("articles.slug", article);
            values.put("categories.slug", category);
            values.put("tokens.id", Long.toString(token.id()));
            values.put("media.id", Long.toString(media));
            return values;
        }

        void assertUntouched() {
            asAdmin().when().get(MEDIA + "/" + media).then().statusCode(200).body("alt", equalTo(mediaAlt))
                    .body("uploadedBy", equalTo("bootstrap"));
            // no image the guard sent was stored, whatever route it went to
            asAdmin().queryParam("q", UPLOAD_NAME).when().get(MEDIA).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
            asAdmin().when().get(ARTICLES + "/" + article).then().statusCode(200)
                    .body("title", equalTo(articleTitle)).body("status", equalTo("draft"))
                    .body("updatedBy.name", equalTo("bootstrap"));
            given().when().get(CATEGORIES + "/" + category).then().statusCode(200).body("name", equalTo(categoryName));
            as(token).queryParam("status", "draft").when().get(ARTICLES).then().statusCode(200);
        }
    }
}
