package io.newsdesk.cms.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed openapi/openapi.yaml and openapi.json are the document the service serves. When they
 * drift, this test rewrites them from /q/openapi and fails, so the change shows up in git for review.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void shouldCommitTheDocumentTheServiceServes() throws IOException {
        String servedYaml = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        String servedJson = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        List<String> stale = new ArrayList<>();
        check(Path.of("openapi", "openapi.yaml"), YAML, servedYaml, stale);
        check(Path.of("openapi", "openapi.json"), JSON, servedJson, stale);
        if (!stale.isEmpty()) {
            fail(stale + " differed from /q/openapi and were rewritten: review the change, commit it and run the tests again");
        }
    }

    @Test
    void shouldDocumentEveryOperationWithSummaryAndProblemAnswers() throws IOException {
        JsonNode doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                if (!operation.hasNonNull("summary")) {
                    missing.add(name + ": summary");
                }
                JsonNode bad = operation.path("responses").path("400").path("content").path("application/problem+json");
                if (bad.isMissingNode()) {
                    missing.add(name + ": 400 problem answer");
                }
            }
        }
        assertTrue(missing.isEmpty(), "Undocumented: " + missing);
        assertEquals("3.1.0", doc.get("openapi").asText());
    }

    @Test
    void shouldNameEveryOperationOnceAndFileItUnderOneDeclaredTag() throws IOException {
        JsonNode doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        List<String> wrong = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        for (JsonNode tag : doc.path("tags")) {
            declared.add(tag.path("name").asText());
            if (tag.path("description").asText().isBlank()) {
                wrong.add("tag " + tag.path("name").asText() + ": no description");
            }
        }
        Map<String, String> operationIds = new HashMap<>();
        for (String section : List.of("paths", "webhooks")) {
            for (Map.Entry<String, JsonNode> path : doc.path(section).properties()) {
                for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                    String name = op.getKey().toUpperCase() + " " + path.getKey();
                    String operationId = op.getValue().path("operationId").asText();
                    if (operationId.isBlank()) {
                        wrong.add(name + ": no operationId");
                    } else if (operationIds.containsKey(operationId)) {
                        wrong.add(name + ": operationId " + operationId + " is also " + operationIds.get(operationId));
                    }
                    operationIds.putIfAbsent(operationId, name);
                    JsonNode tags = op.getValue().path("tags");
                    if (tags.size() != 1 || !declared.contains(tags.get(0).asText())) {
                        wrong.add(name + ": tags " + (tags.isMissingNode() ? "[]" : tags) + ", want one declared tag");
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), "Operations an SDK cannot name or group: " + wrong);
    }

    @Test
    void shouldRequireWhatAnswersAlwaysCarryAndMarkWhatCanBeNull() throws IOException {
        JsonNode schemas = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString()).path("components").path("schemas");
        assertEquals(Set.of("id", "slug", "title", "excerpt", "coverImage", "category", "tags", "author", "publishedAt", "updatedAt",
                "readingTimeMinutes", "commentCount"), names(schemas.path("ArticleSummary").path("required")),
                "a teaser's fields are all there; snippet and related only with q and include");
        assertTrue(names(schemas.path("Article").path("required")).containsAll(Set.of("body", "bodyHtml", "status", "createdAt")));
        assertTrue(!names(schemas.path("Article").path("required")).contains("related"), "related is there only with include=related");
        assertTrue(nullable(schemas.path("Article").path("properties").path("category")), "an article may have no category");
        assertTrue(nullable(schemas.path("Category").path("properties").path("parentSlug")), "a section has no parent");
        assertTrue(!nullable(schemas.path("ArticleSummary").path("properties").path("slug")));
        // What clients send keeps its own rules: only title is needed to create an article, nothing to patch one.
        assertEquals(Set.of("title"), names(schemas.path("ArticleWrite").path("required")));
        assertTrue(schemas.path("ArticlePatch").path("required").isMissingNode());
        assertTrue(schemas.path("ImageWrite").path("required").isMissingNode(), "a cover is written with url or mediaId");
        assertEquals(Set.of("type", "title", "status", "detail"), names(schemas.path("Problem").path("required")));
    }

    @Test
    void shouldNameEveryEnumerationAndGiveEveryJsonRequestBodyAnExample() throws IOException {
        JsonNode doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        List<String> wrong = new ArrayList<>();
        inlineEnumerations(doc.path("paths"), "paths", wrong);
        for (Map.Entry<String, JsonNode> schema : doc.path("components").path("schemas").properties()) {
            inlineEnumerations(schema.getValue().path("properties"), schema.getKey(), wrong);
        }
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> media : op.getValue().path("requestBody").path("content").properties()) {
                    if (media.getKey().endsWith("json") && !media.getValue().has("example") && !media.getValue().has("examples")) {
                        wrong.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + media.getKey() + ": no example");
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), "Inline enumerations and request bodies without an example: " + wrong);
    }

    private static void inlineEnumerations(JsonNode node, String where, List<String> wrong) {
        if (node.has("enum")) {
            wrong.add(where + ": inline enum " + node.get("enum"));
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
            if (child.getValue().isContainerNode()) {
                inlineEnumerations(child.getValue(), where + "/" + child.getKey(), wrong);
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                inlineEnumerations(node.get(i), where + "/" + i, wrong);
            }
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    private static boolean nullable(JsonNode property) {
        return property.path("type").toString().contains("\"null\"") || property.path("anyOf").toString().contains("{\"type\":\"null\"}");
    }

    private static void check(Path file, ObjectMapper format, String served, List<String> stale) throws IOException {
        JsonNode expected = format.readTree(served);
        JsonNode committed = Files.exists(file) ? format.readTree(Files.readString(file, StandardCharsets.UTF_8)) : null;
        if (!expected.equals(committed)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, served, StandardCharsets.UTF_8);
            stale.add(file.toString());
        }
    }
}
