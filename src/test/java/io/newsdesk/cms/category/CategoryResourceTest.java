package io.newsdesk.cms.category;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsdesk.cms.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * The category tree as the contract describes it: CRUD by slug, tree order, breadcrumbs, public
 * article counts, old slugs that redirect, optimistic locking, and deletes that never orphan content.
 */
@QuarkusTest
class CategoryResourceTest {

    private static final String CATEGORIES = "/api/v1/categories";
    private static final String ARTICLES = "/api/v1/articles";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    // ---- create ---------------------------------------------------------------------------------

    @Test
    void shouldCreateCategoryWith201LocationAndETag() {
        String slug = Fixtures.unique("created");

        ExtractableResponse<Response> created = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Science & Space", "slug", slug, "description", "Rockets and the rest", "position", 3))
                .when().post(CATEGORIES)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith(CATEGORIES + "/" + slug))
                .header("ETag", matchesPattern("\".+\""))
                .header("X-Content-Type-Options", "nosniff")
                .body("id", greaterThan(0))
                .body("slug", equalTo(slug))
                .body("name", equalTo("Science & Space"))
                .body("description", equalTo("Rockets and the rest"))
                .body("parentSlug", nullValue())
                .body("path", hasSize(1))
                .body("path[0].slug", equalTo(slug))
                .body("path[0].name", equalTo("Science & Space"))
                .body("position", equalTo(3))
                .body("articleCount", equalTo(0))
                .extract();

        given().when().get(created.header("Location"))
                .then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("id", equalTo(created.jsonPath().getInt("id")))
                .body("slug", equalTo(slug))
                .body("description", equalTo("Rockets and the rest"));
    }

    @Test
    void shouldGenerateSlugFromNameFoldingAccentsAndAmpersand() {
        String token = Fixtures.unique("gen");

        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Café Déjà Vu & Crème Brûlée " + token))
                .when().post(CATEGORIES)
                .then().statusCode(201)
                .header("Location", endsWith(CATEGORIES + "/cafe-deja-vu-and-creme-brulee-" + token))
                .body("slug", equalTo("cafe-deja-vu-and-creme-brulee-" + token))
                .body("name", equalTo("Café Déjà Vu & Crème Brûlée " + token));
    }

    @Test
    void shouldAddNumberSuffixWhenGeneratedSlugIsTaken() {
        String token = Fixtures.unique("clash");
        String name = "Économie " + token;
        String base = "economie-" + token;

        assertEquals(base, createWithName(name).getString("slug"));
        assertEquals(base + "-2", createWithName(name).getString("slug"));
        assertEquals(base + "-3", createWithName(name).getString("slug"));

        given().when().get(CATEGORIES + "/" + base + "-2").then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void shouldFallBackToAGenericSlugForANameWithoutLatinLetters() {
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "日本語 🎌"))
                .when().post(CATEGORIES)
                .then().statusCode(201)
                .body("slug", matchesPattern("category(-\\d+)?"))
                .body("name", equalTo("日本語 🎌"));
    }

    @Test
    void shouldRefuseExplicitSlugThatIsTaken() {
        String slug = Fixtures.category().name("Original").createSlug();

        expectProblem(asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Impostor", "slug", slug))
                .when().post(CATEGORIES)
                .then(), 409)
                .header("Location", nullValue())
                .body("type", endsWith("/conflict"))
                .body("detail", containsString(slug));

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200).body("name", equalTo("Original"));
    }

    @Test
    void shouldCreateASubcategoryWithItsBreadcrumb() {
        JsonPath parent = Fixtures.category().name("Technology, News & Trends").create();

        Fixtures.CategoryBuilder child = Fixtures.category().name("AI").parent(parent.getString("slug"));
        String childSlug = (String) child.body().get("slug");
        asAdmin().contentType(ContentType.JSON).body(child.body())
                .when().post(CATEGORIES)
                .then().statusCode(201)
                .body("parentSlug", equalTo(parent.getString("slug")))
                .body("path.slug", equalTo(List.of(parent.getString("slug"), childSlug)))
                .body("path.name", equalTo(List.of("Technology, News & Trends", "AI")));
    }

    // ---- validation -----------------------------------------------------------------------------

    @Test
    void shouldRefuseBlankName() {
        String slug = Fixtures.unique("blank");

        expectInvalid(post(Map.of("name", "   ", "slug", slug)), "name").body("errors.find { it.field == 'name' }.message",
                equalTo("is required"));
        expectInvalid(post(Map.of("slug", slug)), "name");

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(404);
    }

    @Test
    void shouldRefuseSlugsOutsideThePattern() {
        for (String slug : List.of("Bad Slug!", "UPPER", "-leading", "trailing-", "double--hyphen", "under_score", "café", "")) {
            expectInvalid(post(Map.of("name", "Bad slug", "slug", slug)), "slug")
                    .body("errors.find { it.field == 'slug' }.message", containsString("lowercase"));
        }
        expectInvalid(post(Map.of("name", "Long slug", "slug", "a".repeat(201))), "slug");
    }

    @Test
    void shouldRefusePositionOutOfRange() {
        expectInvalid(post(Map.of("name", "Negative", "position", -1)), "position")
                .body("errors.find { it.field == 'position' }.message", equalTo("must be between 0 and 100000"));
        expectInvalid(post(Map.of("name", "Huge", "position", 100_001)), "position");
    }

    @Test
    void shouldRefuseTooLongNameAndDescription() {
        expectInvalid(post(Map.of("name", "n".repeat(201))), "name");
        expectInvalid(post(Map.of("name", "Long description", "description", "d".repeat(2001))), "description");
    }

    @Test
    void shouldNameEveryInvalidField() {
        expectProblem(post(Map.of("name", "", "slug", "Not OK", "position", -5)), 400)
                .body("errors.field", equalTo(List.of("name", "position", "slug")));
    }

    @Test
    void shouldRefuseUnknownParent() {
        String missing = Fixtures.unique("no-such-parent");

        expectInvalid(post(Map.of("name", "Orphan", "parentSlug", missing)), "parentSlug")
                .body("errors.find { it.field == 'parentSlug' }.message", containsString(missing));
    }

    @Test
    void shouldRefuseWrongTypes() {
        expectInvalid(postRaw("{\"name\": \"Typed\", \"position\": \"3\"}"), "position")
                .body("errors[0].message", equalTo("must be a whole number"));
        expectInvalid(postRaw("{\"name\": \"Typed\", \"position\": 1.5}"), "position");
        expectInvalid(postRaw("{\"name\": 42}"), "name").body("errors[0].message", equalTo("must be a string"));
        expectInvalid(postRaw("{\"name\": \"Typed\", \"parentSlug\": [\"a\"]}"), "parentSlug");
        expectInvalid(postRaw("{\"name\": {\"en\": \"Typed\"}}"), "name");
    }

    @Test
    void shouldRefuseMalformedJson() {
        for (String body : List.of("{\"name\": \"Broken\",", "{name: 'x'}", "not json at all", "{\"name\": \"x\"} trailing", "[]")) {
            expectProblem(postRaw(body), 400)
                    .body("title", equalTo("Malformed JSON"))
                    .body("detail", not(containsString("Exception")))
                    .body("detail", not(containsString("io.newsdesk")));
        }
    }

    @Test
    void shouldRefuseAnEmptyBody() {
        expectProblem(postRaw(""), 400);
    }

    @Test
    void shouldRefuseUnknownField() {
        expectInvalid(postRaw("{\"name\": \"Colourful\", \"colour\": \"red\"}"), "colour")
                .body("errors[0].message", equalTo("is not a known field"))
                .body("detail", containsString("colour"));
    }

    @Test
    void shouldAcceptReadOnlyFieldsSentBack() {
        String slug = Fixtures.unique("echo");

        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("id", 999_999, "name", "Echo", "slug", slug, "path", List.of(), "articleCount", 42))
                .when().post(CATEGORIES)
                .then().statusCode(201)
                .body("id", not(equalTo(999_999)))
                .body("articleCount", equalTo(0))
                .body("path.slug", equalTo(List.of(slug)));
    }

    @Test
    void shouldRefuseABodyThatIsNotJson() {
        expectProblem(asAdmin().contentType(ContentType.TEXT).body("name=Plain").when().post(CATEGORIES).then(), 415);
    }

    // ---- list -----------------------------------------------------------------------------------

    @Test
    void shouldListCategoriesInTreeOrder() {
        String root = Fixtures.category().name("Tree root").create().getString("slug");
        String alpha = Fixtures.category().name("Alpha").parent(root).position(2).createSlug();
        String beta = Fixtures.category().name("Beta").parent(root).position(1).createSlug();
        String gamma = Fixtures.category().name("gamma").parent(root).position(1).createSlug();
        String zed = Fixtures.category().name("Zed").parent(beta).createSlug();
        String ant = Fixtures.category().name("Ant").parent(beta).createSlug();
        List<String> mine = List.of(root, alpha, beta, gamma, zed, ant);

        List<Map<String, Object>> all = allCategories();

        List<String> slugs = all.stream().map(c -> (String) c.get("slug")).toList();
        int start = slugs.indexOf(root);
        assertTrue(start >= 0, "root missing from the list");
        assertEquals(List.of(root, beta, ant, zed, gamma, alpha), slugs.subList(start, start + 6),
                "parent before children, siblings by position then name");
        Map<String, Map<String, Object>> bySlug = new HashMap<>();
        all.stream().filter(c -> mine.contains(c.get("slug"))).forEach(c -> bySlug.put((String) c.get("slug"), c));
        assertEquals(beta, bySlug.get(ant).get("parentSlug"));
        assertEquals(List.of(root, beta, ant), pathSlugs(bySlug.get(ant)));
        assertEquals(List.of(root, alpha), pathSlugs(bySlug.get(alpha)));
        assertEquals(null, bySlug.get(root).get("parentSlug"));
        assertEquals(2, bySlug.get(alpha).get("position"));
    }

    @Test
    void shouldAnswerListEnvelopeWithLinkAndTotalCountHeaders() {
        Fixtures.category().create();

        ExtractableResponse<Response> response = given().when().get(CATEGORIES)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Content-Type-Options", "nosniff")
                .body("page", equalTo(1))
                .body("size", equalTo(100))
                .body("totalItems", greaterThan(0))
                .extract();

        JsonPath body = response.jsonPath();
        long total = body.getLong("totalItems");
        assertEquals(String.valueOf(total), response.header("X-Total-Count"));
        assertEquals((total + 99) / 100, body.getInt("totalPages"));
        assertEquals(Math.min(total, 100), body.getList("items").size());
        Map<String, String> links = links(response.header("Link"));
        assertTrue(links.get("first").contains("page=1"), links.toString());
        assertTrue(links.get("last").contains("page=" + body.getInt("totalPages")), links.toString());
        assertTrue(links.get("first").contains(CATEGORIES), links.toString());
        for (Map<String, Object> item : body.<Map<String, Object>> getList("items")) {
            assertEquals(List.of("articleCount", "description", "id", "name", "parentSlug", "path", "position", "slug"),
                    item.keySet().stream().sorted().toList(), "fields of " + item.get("slug"));
        }
    }

    @Test
    void shouldPageTheListWithPrevAndNextLinks() {
        Fixtures.category().create();
        Fixtures.category().create();
        Fixtures.category().create();

        ExtractableResponse<Response> response = given().queryParam("size", 1).queryParam("page", 2)
                .when().get(CATEGORIES)
                .then().statusCode(200)
                .body("page", equalTo(2))
                .body("size", equalTo(1))
                .body("items", hasSize(1))
                .extract();

        long total = response.jsonPath().getLong("totalItems");
        assertEquals(total, response.jsonPath().getLong("totalPages"));
        assertEquals(String.valueOf(total), response.header("X-Total-Count"));
        Map<String, String> links = links(response.header("Link"));
        assertEquals(List.of("first", "prev", "next", "last"), List.copyOf(links.keySet()));
        assertTrue(links.get("prev").contains("page=1") && links.get("prev").contains("size=1"), links.toString());
        assertTrue(links.get("next").contains("page=3") && links.get("next").contains("size=1"), links.toString());
        assertTrue(links.get("last").contains("page=" + total), links.toString());

        String second = response.jsonPath().getString("items[0].slug");
        given().when().get(links.get("next")).then().statusCode(200)
                .body("page", equalTo(3))
                .body("items[0].slug", not(equalTo(second)));
    }

    @Test
    void shouldAnswerAnEmptyPagePastTheEnd() {
        given().queryParam("page", 100_000).when().get(CATEGORIES)
                .then().statusCode(200)
                .body("items", hasSize(0))
                .body("page", equalTo(100_000))
                .body("totalItems", greaterThan(0));
    }

    @Test
    void shouldRefuseBadPagingParameters() {
        expectInvalid(given().queryParam("page", 0).when().get(CATEGORIES).then(), "page");
        expectInvalid(given().queryParam("page", "two").when().get(CATEGORIES).then(), "page");
        expectInvalid(given().queryParam("size", 101).when().get(CATEGORIES).then(), "size");
        expectInvalid(given().queryParam("size", 0).when().get(CATEGORIES).then(), "size");
    }

    // ---- read one -------------------------------------------------------------------------------

    @Test
    void shouldReadOneCategoryWithItsBreadcrumbPath() {
        String root = Fixtures.category().name("World").createSlug();
        String mid = Fixtures.category().name("Europe").parent(root).createSlug();
        JsonPath created = Fixtures.category().name("Nordics").parent(mid).position(7).create();
        String leaf = created.getString("slug");

        given().when().get(CATEGORIES + "/" + leaf)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", matchesPattern("\".+\""))
                .header("X-Content-Type-Options", "nosniff")
                .body("id", equalTo(created.getInt("id")))
                .body("slug", equalTo(leaf))
                .body("name", equalTo("Nordics"))
                .body("parentSlug", equalTo(mid))
                .body("position", equalTo(7))
                .body("path.slug", equalTo(List.of(root, mid, leaf)))
                .body("path.name", equalTo(List.of("World", "Europe", "Nordics")))
                .body("articleCount", equalTo(0));
    }

    @Test
    void shouldAnswer404ProblemForUnknownSlug() {
        String missing = Fixtures.unique("missing");

        expectProblem(given().when().get(CATEGORIES + "/" + missing).then(), 404)
                .header("ETag", nullValue())
                .body("title", equalTo("Not found"))
                .body("type", endsWith("/not-found"))
                .body("detail", containsString(missing));
    }

    // ---- article counts -------------------------------------------------------------------------

    @Test
    void shouldCountPublicArticlesIncludingSubcategoriesButNotHiddenOnes() {
        String root = Fixtures.category().name("Sport").createSlug();
        String child = Fixtures.category().name("Football").parent(root).createSlug();
        String grandchild = Fixtures.category().name("Women's football").parent(child).createSlug();
        String elsewhere = Fixtures.category().name("Culture").createSlug();
        Fixtures.article().category(root).create();
        Fixtures.article().category(child).create();
        Fixtures.article().category(grandchild).create();
        Fixtures.article().category(grandchild).create();
        Fixtures.article().category(elsewhere).create();
        Fixtures.article().category(child).draft().create();
        Fixtures.article().category(grandchild).publishedAt(Instant.now().plus(1, ChronoUnit.DAYS)).create();
        Fixtures.article().category(child).archived().create();
        Fixtures.article().category(root).draft().with("publishedAt", null).create();

        given().when().get(CATEGORIES + "/" + grandchild).then().statusCode(200).body("articleCount", equalTo(2));
        given().when().get(CATEGORIES + "/" + child).then().statusCode(200).body("articleCount", equalTo(3));
        given().when().get(CATEGORIES + "/" + root).then().statusCode(200).body("articleCount", equalTo(4));
        given().when().get(CATEGORIES + "/" + elsewhere).then().statusCode(200).body("articleCount", equalTo(1));

        Map<String, Object> listed = allCategories().stream().filter(c -> root.equals(c.get("slug"))).findFirst().orElseThrow();
        assertEquals(4, listed.get("articleCount"));
    }

    @Test
    void shouldCountAnArticleAfterItIsPublished() {
        String category = Fixtures.category().createSlug();
        String article = Fixtures.article().category(category).draft().createSlug();
        given().when().get(CATEGORIES + "/" + category).then().body("articleCount", equalTo(0));

        asAdmin().contentType(MERGE_PATCH).body("{\"status\": \"published\", \"publishedAt\": \"2024-01-01T00:00:00Z\"}")
                .when().patch(ARTICLES + "/" + article)
                .then().statusCode(200);

        given().when().get(CATEGORIES + "/" + category).then().body("articleCount", equalTo(1));
    }

    // ---- replace (PUT) --------------------------------------------------------------------------

    @Test
    void shouldReplaceCategoryMovingItUnderAnotherParent() {
        String oldParent = Fixtures.category().name("Old parent").createSlug();
        String newParent = Fixtures.category().name("New parent").createSlug();
        ExtractableResponse<Response> created = asAdmin().contentType(ContentType.JSON)
                .body(Fixtures.category().name("Mover").parent(oldParent).body())
                .when().post(CATEGORIES).then().statusCode(201).extract();
        String slug = created.jsonPath().getString("slug");
        Fixtures.article().category(slug).create();

        String etag = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Moved", "description", "Now elsewhere", "parentSlug", newParent, "position", 4))
                .when().put(CATEGORIES + "/" + slug)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", not(equalTo(created.header("ETag"))))
                .body("slug", equalTo(slug))
                .body("name", equalTo("Moved"))
                .body("description", equalTo("Now elsewhere"))
                .body("parentSlug", equalTo(newParent))
                .body("position", equalTo(4))
                .body("path.slug", equalTo(List.of(newParent, slug)))
                .body("path.name", equalTo(List.of("New parent", "Moved")))
                .extract().header("ETag");

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200)
                .header("ETag", equalTo(etag))
                .body("parentSlug", equalTo(newParent));
        given().when().get(CATEGORIES + "/" + newParent).then().body("articleCount", equalTo(1));
        given().when().get(CATEGORIES + "/" + oldParent).then().body("articleCount", equalTo(0));
    }

    @Test
    void shouldResetFieldsLeftOutOfAPut() {
        String parent = Fixtures.category().createSlug();
        String slug = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Full", "slug", Fixtures.unique("full"), "description", "All set", "parentSlug", parent,
                        "position", 9))
                .when().post(CATEGORIES).then().statusCode(201).extract().jsonPath().getString("slug");

        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Bare"))
                .when().put(CATEGORIES + "/" + slug)
                .then().statusCode(200)
                .body("slug", equalTo(slug))
                .body("name", equalTo("Bare"))
                .body("description", nullValue())
                .body("parentSlug", nullValue())
                .body("position", equalTo(0))
                .body("path.slug", equalTo(List.of(slug)));
    }

    @Test
    void shouldRefuseAParentThatIsTheCategoryItselfOrADescendant() {
        String top = Fixtures.category().name("Top").createSlug();
        String middle = Fixtures.category().name("Middle").parent(top).createSlug();
        String bottom = Fixtures.category().name("Bottom").parent(middle).createSlug();

        for (String parent : List.of(top, middle, bottom)) {
            expectInvalid(asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Top", "parentSlug", parent))
                    .when().put(CATEGORIES + "/" + top).then(), "parentSlug");
        }
        expectInvalid(asAdmin().contentType(MERGE_PATCH).body("{\"parentSlug\": \"" + bottom + "\"}")
                .when().patch(CATEGORIES + "/" + top).then(), "parentSlug")
                .body("errors[0].message", containsString("subcategories"));

        given().when().get(CATEGORIES + "/" + top).then().body("parentSlug", nullValue());
        given().when().get(CATEGORIES + "/" + bottom).then().body("path.slug", equalTo(List.of(top, middle, bottom)));
    }

    @Test
    void shouldRefuseAnInvalidPut() {
        String slug = Fixtures.category().name("Valid").createSlug();

        expectInvalid(asAdmin().contentType(ContentType.JSON).body(Map.of("name", "", "position", -1))
                .when().put(CATEGORIES + "/" + slug).then(), "name")
                .body("errors.field", equalTo(List.of("name", "position")));
        expectInvalid(asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Valid", "parentSlug", Fixtures.unique("nope")))
                .when().put(CATEGORIES + "/" + slug).then(), "parentSlug");

        given().when().get(CATEGORIES + "/" + slug).then().body("name", equalTo("Valid"));
    }

    @Test
    void shouldAnswer404ForWritesToAnUnknownSlug() {
        String missing = Fixtures.unique("missing");

        expectProblem(asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Ghost"))
                .when().put(CATEGORIES + "/" + missing).then(), 404);
        expectProblem(asAdmin().contentType(MERGE_PATCH).body("{\"name\": \"Ghost\"}")
                .when().patch(CATEGORIES + "/" + missing).then(), 404);
        expectProblem(asAdmin().when().delete(CATEGORIES + "/" + missing).then(), 404);
    }

    // ---- merge patch ----------------------------------------------------------------------------

    @Test
    void shouldPatchOnlyTheFieldsSent() {
        String parent = Fixtures.category().name("Destination").createSlug();
        String slug = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Patchable", "slug", Fixtures.unique("patch"), "description", "Keep me", "position", 5))
                .when().post(CATEGORIES).then().statusCode(201).extract().jsonPath().getString("slug");

        asAdmin().contentType(MERGE_PATCH).body("{\"parentSlug\": \"" + parent + "\"}")
                .when().patch(CATEGORIES + "/" + slug)
                .then().statusCode(200)
                .header("ETag", matchesPattern("\".+\""))
                .body("slug", equalTo(slug))
                .body("name", equalTo("Patchable"))
                .body("description", equalTo("Keep me"))
                .body("position", equalTo(5))
                .body("parentSlug", equalTo(parent))
                .body("path.slug", equalTo(List.of(parent, slug)));
    }

    @Test
    void shouldClearFieldsPatchedToNull() {
        String parent = Fixtures.category().createSlug();
        String slug = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "Clearable", "slug", Fixtures.unique("clear"), "description", "Gone soon", "parentSlug", parent,
                        "position", 5))
                .when().post(CATEGORIES).then().statusCode(201).extract().jsonPath().getString("slug");

        asAdmin().contentType(MERGE_PATCH).body("{\"description\": null, \"parentSlug\": null, \"position\": null}")
                .when().patch(CATEGORIES + "/" + slug)
                .then().statusCode(200)
                .body("name", equalTo("Clearable"))
                .body("description", nullValue())
                .body("parentSlug", nullValue())
                .body("position", equalTo(0))
                .body("path.slug", equalTo(List.of(slug)));
    }

    @Test
    void shouldRefuseAPatchWhoseResultIsInvalid() {
        String slug = Fixtures.category().name("Stable").createSlug();

        expectInvalid(patch(slug, "{\"name\": null}"), "name");
        expectInvalid(patch(slug, "{\"position\": -1}"), "position");
        expectInvalid(patch(slug, "{\"position\": \"first\"}"), "position").body("errors[0].message", equalTo("must be a whole number"));
        expectInvalid(patch(slug, "{\"slug\": \"Not Valid\"}"), "slug");
        expectInvalid(patch(slug, "{\"colour\": \"red\"}"), "colour");
        expectProblem(patch(slug, "{\"name\": "), 400).body("title", equalTo("Malformed JSON"));
        expectProblem(patch(slug, "[\"name\"]"), 400);

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200).body("name", equalTo("Stable"));
    }

    // ---- slug changes ---------------------------------------------------------------------------

    @Test
    void shouldRenameASlugAndShowTheNewOneEverywhere() {
        ExtractableResponse<Response> created = asAdmin().contentType(ContentType.JSON).body(Fixtures.category().name("Renamed").body())
                .when().post(CATEGORIES).then().statusCode(201).extract();
        String oldSlug = created.jsonPath().getString("slug");
        String child = Fixtures.category().name("Child of renamed").parent(oldSlug).createSlug();
        String article = Fixtures.article().category(oldSlug).createSlug();
        String newSlug = Fixtures.unique("new-name");

        asAdmin().contentType(MERGE_PATCH).body("{\"slug\": \"" + newSlug + "\"}")
                .when().patch(CATEGORIES + "/" + oldSlug)
                .then().statusCode(200)
                .header("ETag", not(equalTo(created.header("ETag"))))
                .body("id", equalTo(created.jsonPath().getInt("id")))
                .body("slug", equalTo(newSlug))
                .body("name", equalTo("Renamed"))
                .body("path.slug", equalTo(List.of(newSlug)));

        given().when().get(CATEGORIES + "/" + newSlug).then().statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("articleCount", equalTo(1));
        given().when().get(CATEGORIES + "/" + child).then().statusCode(200)
                .body("parentSlug", equalTo(newSlug))
                .body("path.slug", equalTo(List.of(newSlug, child)));
        given().when().get(ARTICLES + "/" + article).then().statusCode(200)
                .body("category.slug", equalTo(newSlug));
        List<String> listed = allCategories().stream().map(c -> (String) c.get("slug")).toList();
        assertTrue(listed.contains(newSlug) && !listed.contains(oldSlug), "the list shows only the current slug");
    }

    @Test
    void shouldRedirectTheOldSlugAfterARename() {
        String oldSlug = Fixtures.category().name("Moved away").createSlug();
        String newSlug = Fixtures.unique("moved-to");
        patch(oldSlug, "{\"slug\": \"" + newSlug + "\"}").statusCode(200);

        given().redirects().follow(false)
                .when().get(CATEGORIES + "/" + oldSlug)
                .then().statusCode(301)
                .header("Location", endsWith(CATEGORIES + "/" + newSlug))
                .header("X-Content-Type-Options", "nosniff");
        given().when().get(CATEGORIES + "/" + oldSlug)
                .then().statusCode(200)
                .body("slug", equalTo(newSlug))
                .body("name", equalTo("Moved away"));
    }

    @Test
    void shouldRedirectWritesToTheOldSlugWithoutApplyingThem() {
        String oldSlug = Fixtures.category().name("Before").createSlug();
        String newSlug = Fixtures.unique("after");
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Before", "slug", newSlug))
                .when().put(CATEGORIES + "/" + oldSlug).then().statusCode(200).body("slug", equalTo(newSlug));

        asAdmin().redirects().follow(false).contentType(MERGE_PATCH).body("{\"name\": \"Changed via old slug\"}")
                .when().patch(CATEGORIES + "/" + oldSlug)
                .then().statusCode(308)
                .header("Location", endsWith(CATEGORIES + "/" + newSlug));

        given().when().get(CATEGORIES + "/" + newSlug).then().body("name", equalTo("Before"));
    }

    @Test
    void shouldRefuseARenameToATakenSlug() {
        String taken = Fixtures.category().createSlug();
        String slug = Fixtures.category().createSlug();

        expectProblem(patch(slug, "{\"slug\": \"" + taken + "\"}"), 409).body("detail", containsString(taken));

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200).body("slug", equalTo(slug));
    }

    @Test
    void shouldNotGiveAwayAnOldSlugToAGeneratedOne() {
        String name = "Redirected " + Fixtures.unique("gen");
        String base = createWithName(name).getString("slug");
        patch(base, "{\"slug\": \"" + Fixtures.unique("elsewhere") + "\"}").statusCode(200);

        String second = createWithName(name).getString("slug");

        assertEquals(base + "-2", second, "the old slug must keep pointing at the renamed category");
    }

    @Test
    void shouldLetAnEditorReuseAnOldSlugExplicitly() {
        String oldSlug = Fixtures.category().name("First owner").createSlug();
        patch(oldSlug, "{\"slug\": \"" + Fixtures.unique("moved-on") + "\"}").statusCode(200);

        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Second owner", "slug", oldSlug))
                .when().post(CATEGORIES).then().statusCode(201);

        given().redirects().follow(false).when().get(CATEGORIES + "/" + oldSlug)
                .then().statusCode(200).body("name", equalTo("Second owner"));
    }

    // ---- optimistic locking ---------------------------------------------------------------------

    @Test
    void shouldRefuseStaleIfMatchWith412() {
        ExtractableResponse<Response> created = asAdmin().contentType(ContentType.JSON).body(Fixtures.category().name("Locked").body())
                .when().post(CATEGORIES).then().statusCode(201).extract();
        String slug = created.jsonPath().getString("slug");
        String first = created.header("ETag");

        String second = asAdmin().header("If-Match", first).contentType(MERGE_PATCH).body("{\"name\": \"Edited once\"}")
                .when().patch(CATEGORIES + "/" + slug)
                .then().statusCode(200).body("name", equalTo("Edited once"))
                .extract().header("ETag");
        assertNotEquals(first, second);

        expectProblem(asAdmin().header("If-Match", first).contentType(MERGE_PATCH).body("{\"name\": \"Lost update\"}")
                .when().patch(CATEGORIES + "/" + slug).then(), 412)
                .header("ETag", equalTo(second))
                .body("type", endsWith("/precondition-failed"));
        expectProblem(asAdmin().header("If-Match", first).contentType(ContentType.JSON).body(Map.of("name", "Lost update"))
                .when().put(CATEGORIES + "/" + slug).then(), 412)
                .header("ETag", equalTo(second));
        expectProblem(asAdmin().header("If-Match", first).when().delete(CATEGORIES + "/" + slug).then(), 412);

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200)
                .header("ETag", equalTo(second))
                .body("name", equalTo("Edited once"));
    }

    @Test
    void shouldApplyWritesWhoseIfMatchIsCurrent() {
        String slug = Fixtures.category().name("Current").createSlug();
        String etag = given().when().get(CATEGORIES + "/" + slug).then().extract().header("ETag");

        String afterPut = asAdmin().header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("name", "Replaced"))
                .when().put(CATEGORIES + "/" + slug).then().statusCode(200).extract().header("ETag");
        asAdmin().header("If-Match", "\"something-else\", " + afterPut).contentType(MERGE_PATCH).body("{\"position\": 2}")
                .when().patch(CATEGORIES + "/" + slug).then().statusCode(200).body("position", equalTo(2));
        asAdmin().header("If-Match", "*").contentType(MERGE_PATCH).body("{\"position\": 3}")
                .when().patch(CATEGORIES + "/" + slug).then().statusCode(200).body("position", equalTo(3));
        String current = given().when().get(CATEGORIES + "/" + slug).then().extract().header("ETag");

        asAdmin().header("If-Match", current).when().delete(CATEGORIES + "/" + slug).then().statusCode(204);
        given().when().get(CATEGORIES + "/" + slug).then().statusCode(404);
    }

    // ---- delete ---------------------------------------------------------------------------------

    @Test
    void shouldDeleteAnEmptyCategory() {
        String slug = Fixtures.category().createSlug();

        asAdmin().when().delete(CATEGORIES + "/" + slug)
                .then().statusCode(204)
                .body(emptyOrNullString());

        expectProblem(given().when().get(CATEGORIES + "/" + slug).then(), 404);
        assertTrue(allCategories().stream().noneMatch(c -> slug.equals(c.get("slug"))));
    }

    @Test
    void shouldRefuseToDeleteCategoryWithArticles() {
        String slug = Fixtures.category().createSlug();
        String article = Fixtures.article().category(slug).createSlug();

        expectProblem(asAdmin().when().delete(CATEGORIES + "/" + slug).then(), 409)
                .body("type", endsWith("/conflict"))
                .body("detail", containsString("reassignTo"));

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200).body("articleCount", equalTo(1));
        given().when().get(ARTICLES + "/" + article).then().statusCode(200).body("category.slug", equalTo(slug));
    }

    @Test
    void shouldRefuseToDeleteCategoryWithOnlyUnpublishedArticles() {
        String slug = Fixtures.category().createSlug();
        Fixtures.article().category(slug).draft().create();

        expectProblem(asAdmin().when().delete(CATEGORIES + "/" + slug).then(), 409);

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200).body("articleCount", equalTo(0));
    }

    @Test
    void shouldRefuseToDeleteCategoryWithSubcategories() {
        String parent = Fixtures.category().createSlug();
        String child = Fixtures.category().parent(parent).createSlug();

        expectProblem(asAdmin().when().delete(CATEGORIES + "/" + parent).then(), 409)
                .body("detail", containsString("subcategor"));

        given().when().get(CATEGORIES + "/" + parent).then().statusCode(200);
        given().when().get(CATEGORIES + "/" + child).then().statusCode(200).body("parentSlug", equalTo(parent));
    }

    @Test
    void shouldMoveArticlesAndSubcategoriesWhenDeletingWithReassignTo() {
        String target = Fixtures.category().name("Heir").createSlug();
        String doomed = Fixtures.category().name("Doomed").createSlug();
        String child = Fixtures.category().name("Orphan-to-be").parent(doomed).createSlug();
        String grandchild = Fixtures.category().name("Grandchild").parent(child).createSlug();
        String article = Fixtures.article().category(doomed).createSlug();
        String draft = Fixtures.article().category(doomed).draft().createSlug();
        Fixtures.article().category(grandchild).create();

        asAdmin().queryParam("reassignTo", target)
                .when().delete(CATEGORIES + "/" + doomed)
                .then().statusCode(204);

        expectProblem(given().when().get(CATEGORIES + "/" + doomed).then(), 404);
        given().when().get(ARTICLES + "/" + article).then().statusCode(200)
                .body("category.slug", equalTo(target))
                .body("category.name", equalTo("Heir"))
                .body("category.path.slug", equalTo(List.of(target)));
        given().when().get(CATEGORIES + "/" + child).then().statusCode(200)
                .body("parentSlug", equalTo(target))
                .body("path.slug", equalTo(List.of(target, child)));
        given().when().get(CATEGORIES + "/" + grandchild).then().statusCode(200)
                .body("path.slug", equalTo(List.of(target, child, grandchild)));
        given().when().get(CATEGORIES + "/" + target).then().statusCode(200).body("articleCount", equalTo(2));
        // A draft is not readable anonymously; a harmless patch answers the article with its category.
        asAdmin().contentType(MERGE_PATCH).body("{\"authorName\": \"Checker\"}")
                .when().patch(ARTICLES + "/" + draft)
                .then().statusCode(200)
                .body("status", equalTo("draft"))
                .body("category.slug", equalTo(target));
    }

    @Test
    void shouldRefuseAnUnknownReassignTo() {
        String slug = Fixtures.category().createSlug();
        String article = Fixtures.article().category(slug).createSlug();
        String missing = Fixtures.unique("nowhere");

        expectInvalid(asAdmin().queryParam("reassignTo", missing).when().delete(CATEGORIES + "/" + slug).then(), "reassignTo")
                .body("errors[0].message", containsString(missing));

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200);
        given().when().get(ARTICLES + "/" + article).then().body("category.slug", equalTo(slug));
    }

    @Test
    void shouldRefuseToReassignToTheCategoryItselfOrItsDescendant() {
        String slug = Fixtures.category().createSlug();
        String child = Fixtures.category().parent(slug).createSlug();
        String grandchild = Fixtures.category().parent(child).createSlug();
        Fixtures.article().category(slug).create();

        for (String target : List.of(slug, child, grandchild)) {
            expectInvalid(asAdmin().queryParam("reassignTo", target).when().delete(CATEGORIES + "/" + slug).then(), "reassignTo");
        }

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200).body("articleCount", equalTo(1));
        given().when().get(CATEGORIES + "/" + grandchild).then().body("path.slug", equalTo(List.of(slug, child, grandchild)));
    }

    @Test
    void shouldNoLongerRedirectTheOldSlugOfADeletedCategory() {
        String oldSlug = Fixtures.category().createSlug();
        String newSlug = Fixtures.unique("renamed");
        patch(oldSlug, "{\"slug\": \"" + newSlug + "\"}").statusCode(200);

        asAdmin().when().delete(CATEGORIES + "/" + newSlug).then().statusCode(204);

        expectProblem(given().redirects().follow(false).when().get(CATEGORIES + "/" + oldSlug).then(), 404);
    }

    // ---- conditional GET (contract: "HTTP behaviour clients rely on") ---------------------------

    @Test
    void shouldAnswerConditionalGetsOnTheCategoryList() {
        Fixtures.category().create();

        String etag = given().when().get(CATEGORIES)
                .then().statusCode(200)
                .header("ETag", not(blankOrNullString()))
                .header("Cache-Control", startsWith("public"))
                .extract().header("ETag");

        given().header("If-None-Match", etag).when().get(CATEGORIES)
                .then().statusCode(304)
                .body(emptyOrNullString());
    }

    @Test
    void shouldAnswerConditionalGetsOnOneCategory() {
        String slug = Fixtures.category().createSlug();

        ExtractableResponse<Response> first = given().when().get(CATEGORIES + "/" + slug)
                .then().statusCode(200)
                .header("Last-Modified", notNullValue())
                .header("Cache-Control", startsWith("public"))
                .extract();

        given().header("If-None-Match", first.header("ETag")).when().get(CATEGORIES + "/" + slug)
                .then().statusCode(304)
                .body(emptyOrNullString());
        given().header("If-Modified-Since", first.header("Last-Modified")).when().get(CATEGORIES + "/" + slug)
                .then().statusCode(304);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static ValidatableResponse post(Map<String, ?> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).when().post(CATEGORIES).then();
    }

    private static ValidatableResponse postRaw(String json) {
        return asAdmin().contentType(ContentType.JSON).body(json).when().post(CATEGORIES).then();
    }

    private static ValidatableResponse patch(String slug, String mergePatch) {
        return asAdmin().contentType(MERGE_PATCH).body(mergePatch).when().patch(CATEGORIES + "/" + slug).then();
    }

    private static JsonPath createWithName(String name) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post(CATEGORIES)
                .then().statusCode(201).extract().jsonPath();
    }

    /** An RFC 9457 problem with the given status, as every error must be. */
    private static ValidatableResponse expectProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(PROBLEM_JSON)
                .header("X-Content-Type-Options", "nosniff")
                .body("status", equalTo(status))
                .body("type", startsWith("https://"))
                .body("title", not(blankOrNullString()))
                .body("detail", not(blankOrNullString()))
                .body("detail", not(containsString("Exception")));
    }

    /** A 400 problem that names {@code field} among its invalid fields. */
    private static ValidatableResponse expectInvalid(ValidatableResponse response, String field) {
        return expectProblem(response, 400)
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", not(blankOrNullString()));
    }

    /** Every category, page after page, in the order the API gives them. */
    private static List<Map<String, Object>> allCategories() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 1;; page++) {
            JsonPath json = given().queryParam("page", page).when().get(CATEGORIES).then().statusCode(200).extract().jsonPath();
            all.addAll(json.getList("items"));
            if (page >= json.getInt("totalPages")) {
                return all;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> pathSlugs(Map<String, Object> category) {
        return ((List<Map<String, Object>>) category.get("path")).stream().map(p -> (String) p.get("slug")).toList();
    }

    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"([a-z]+)\"");

    /** rel -> URL from an RFC 8288 Link header, in header order. */
    private static Map<String, String> links(String header) {
        assertTrue(header != null && !header.isBlank(), "a Link header");
        Map<String, String> links = new LinkedHashMap<>();
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            links.put(m.group(2), m.group(1));
        }
        return links;
    }
}
