package io.newsdesk.cms.comment;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Comments.approve;
import static io.newsdesk.cms.support.Comments.moderate;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.newsdesk.cms.support.Callers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.Comments.Reader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * "Your email address will not be published": walks every anonymous GET route of the generated OpenAPI
 * document over an article with comments in every state, and fails if a commenter's email, client
 * address or user agent appears anywhere in an answer.
 */
@QuarkusTest
class CommentPrivacyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldNeverShowACommentersEmailAddressOrUserAgentToAnonymousReaders() throws Exception {
        String secretDomain = unique("private-mail") + ".example";
        String categorySlug = category().createSlug();
        String tag = unique("privacy");
        String title = "Privacy walk " + unique("walk");
        String slug = article().title(title).category(categorySlug).tags(tag).createSlug();

        List<Reader> readers = new ArrayList<>();
        Map<String, Long> ids = new LinkedHashMap<>();
        Reader approvedReader = privateReader(secretDomain, readers);
        JsonPath first = approvedReader.on(slug).body("Approved and public").url("https://approved.example.org").post()
                .then().statusCode(202).extract().jsonPath();
        long approved = first.getLong("id");
        approve(approved);
        ids.put("approved", approved);
        ids.put("returning", approvedReader.on(slug).body("Back again, approved at once").commenterKey(first.getString("commenterKey")).post()
                .then().statusCode(201).extract().jsonPath().getLong("id"));
        long reply = privateReader(secretDomain, readers).on(slug).replyTo(approved).body("An approved reply").submit();
        approve(reply);
        ids.put("reply", reply);
        ids.put("pending", privateReader(secretDomain, readers).on(slug).body("Still waiting").submit());
        ids.put("pendingReply", privateReader(secretDomain, readers).on(slug).replyTo(approved).body("A reply waiting").submit());
        ids.put("spam", privateReader(secretDomain, readers).on(slug).homepage("https://bot.example.net").submit());
        long trashed = privateReader(secretDomain, readers).on(slug).body("Trashed later").submit();
        approve(trashed);
        moderate(trashed, "trash");
        ids.put("trash", trashed);
        Reader staffer = privateReader(secretDomain, readers);
        ids.put("staff", staffer.on(slug).replyTo(approved).body("Staff answer").withToken(Callers.token("editor")).post()
                .then().statusCode(201).extract().jsonPath().getLong("id"));

        Set<String> secrets = new LinkedHashSet<>();
        secrets.add("@" + secretDomain);
        for (Reader r : readers) {
            secrets.add(r.email);
            secrets.add(r.email.substring(0, r.email.indexOf('@')));
            secrets.add(r.address);
            secrets.add(r.userAgent);
        }
        String previewToken = asAdmin().when().post(Comments.ARTICLES + "/" + slug + "/preview-token")
                .then().statusCode(200).extract().path("token");

        Map<String, List<String>> fills = new LinkedHashMap<>();
        fills.put("category", List.of(categorySlug));
        fills.put("tag", List.of(tag));
        fills.put("q", List.of(title.split(" ")[2], "walk"));
        fills.put("article", List.of(slug));
        fills.put("size", List.of("100"));
        fills.put("preview", List.of(previewToken));

        JsonNode doc = JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> walked = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        Set<String> routes = new LinkedHashSet<>();
        boolean sawAComment = false;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            JsonNode get = path.getValue().get("get");
            if (get == null || needsAToken(get, doc)) {
                continue;
            }
            routes.add(path.getKey());
            List<JsonNode> parameters = new ArrayList<>();
            path.getValue().path("parameters").forEach(parameters::add);
            get.path("parameters").forEach(parameters::add);

            Map<String, String> pathValues = new LinkedHashMap<>();
            List<Map<String, String>> queries = new ArrayList<>();
            queries.add(Map.of());
            for (JsonNode p : parameters) {
                String name = p.get("name").asText();
                String in = p.get("in").asText();
                if (in.equals("path")) {
                    pathValues.put(name, pathValue(path.getKey(), name, slug, categorySlug, ids.get("approved")));
                } else if (in.equals("query")) {
                    List<String> values = new ArrayList<>();
                    p.path("schema").path("enum").forEach(v -> values.add(v.asText()));
                    values.addAll(fills.getOrDefault(name, List.of()));
                    if (values.isEmpty() && p.has("example")) {
                        values.add(p.get("example").asText());
                    }
                    values.forEach(v -> queries.add(Map.of(name, v)));
                }
            }
            // include=comments together with the preview token, the way a front-end previews a page
            if (pathValues.containsKey("slug") && parameters.stream().anyMatch(p -> p.get("name").asText().equals("include"))
                    && parameters.stream().anyMatch(p -> p.get("name").asText().equals("preview"))) {
                queries.add(Map.of("include", "comments", "preview", previewToken));
            }
            for (Map<String, String> query : queries) {
                String url = path.getKey();
                for (Map.Entry<String, String> v : pathValues.entrySet()) {
                    url = url.replace("{" + v.getKey() + "}", v.getValue());
                }
                RequestSpecification request = given().redirects().follow(false);
                query.forEach(request::queryParam);
                Response response = request.when().get(url);
                String body = response.asString();
                String where = "GET " + url + (query.isEmpty() ? "" : " " + query);
                walked.add(where + " -> " + response.statusCode() + " (" + body.length() + " bytes)");
                assertTrue(response.statusCode() < 500, where + " answered " + response.statusCode() + ": " + body);
                for (String secret : secrets) {
                    if (body.contains(secret)) {
                        leaks.add(where + " shows '" + secret + "' in its body");
                    }
                    for (Header header : response.getHeaders()) {
                        if (header.getValue().contains(secret)) {
                            leaks.add(where + " shows '" + secret + "' in header " + header.getName());
                        }
                    }
                }
                sawAComment |= response.statusCode() == 200 && body.contains(approvedReader.name);
            }
        }

        System.out.println("Privacy walk over " + routes.size() + " anonymous GET routes, " + walked.size() + " requests, "
                + secrets.size() + " private values:");
        walked.forEach(line -> System.out.println("  " + line));
        System.out.println(leaks.isEmpty() ? "  no leak" : "  LEAKS: " + leaks);
        assertEquals(List.of(), leaks);
        assertTrue(routes.contains("/api/v1/articles/{slug}/comments") && routes.contains("/api/v1/articles/{slug}"),
                "the walk covered the comment routes: " + routes);
        assertTrue(sawAComment, "the walk read the approved comments, so it looked where the values could be");
    }

    /** A reader whose email is at the test's own domain, with a user agent no one else sends. */
    private static Reader privateReader(String secretDomain, List<Reader> readers) {
        Reader reader = Comments.reader(unique("hidden") + "@" + secretDomain, "PrivacyProbe/2.0 (" + unique("ua") + ")");
        readers.add(reader);
        return reader;
    }

    /** True when the operation (or the whole document) asks for a security scheme. */
    private static boolean needsAToken(JsonNode operation, JsonNode doc) {
        JsonNode security = operation.has("security") ? operation.get("security") : doc.path("security");
        if (security.isMissingNode() || security.isNull() || security.isEmpty()) {
            return false;
        }
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return false; // {} means anonymous access is allowed too
            }
        }
        return true;
    }

    private static String pathValue(String path, String name, String articleSlug, String categorySlug, long commentId) {
        if (name.equals("slug")) {
            return path.startsWith("/api/v1/categories") ? categorySlug : articleSlug;
        }
        if (name.equals("id")) {
            return Long.toString(commentId);
        }
        if (name.equals("n") && path.startsWith("/api/v1/sitemaps/")) {
            return "1"; // the first article sitemap
        }
        fail("The privacy walk does not know what to put in {" + name + "} of " + path + ": teach it");
        return null;
    }
}
