package io.newsdesk.cms.auth;

import static io.newsdesk.cms.auth.AuthApi.ARTICLES;
import static io.newsdesk.cms.auth.AuthApi.CATEGORIES;
import static io.newsdesk.cms.auth.AuthApi.NO_STORE;
import static io.newsdesk.cms.auth.AuthApi.TOKENS;
import static io.newsdesk.cms.auth.AuthApi.as;
import static io.newsdesk.cms.auth.AuthApi.assertForbidden;
import static io.newsdesk.cms.auth.AuthApi.assertNotFound;
import static io.newsdesk.cms.auth.AuthApi.assertProblem;
import static io.newsdesk.cms.auth.AuthApi.assertUnauthorized;
import static io.newsdesk.cms.auth.AuthApi.createArticle;
import static io.newsdesk.cms.auth.AuthApi.issue;
import static io.newsdesk.cms.auth.AuthApi.readAnonymously;
import static io.newsdesk.cms.auth.AuthApi.readAs;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.auth.AuthApi.Issued;
import io.newsdesk.cms.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What each role may write: admins everything, editors all content, authors their own drafts only.
 * Also who sees non-public articles (any token) and how such answers are cached (never).
 */
@QuarkusTest
class RoleAccessTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    // ---- articles: editors and admins ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "admin", "editor" })
    void shouldLetEditorsAndAdminsDoEverythingToAnyArticle(String role) {
        Issued token = issue(role);
        Issued author = issue("author");
        String authorsDraft = createArticle(author, article().draft().body()).getString("slug");

        // create, published at once
        String slug = as(token).contentType(ContentType.JSON).body(article().body())
                .when().post(ARTICLES).then().statusCode(201).body("status", equalTo("published")).extract().path("slug");
        // replace, patch, preview and delete their own
        as(token).contentType(ContentType.JSON).body(Map.of("title", "Replaced", "status", "archived"))
                .when().put(ARTICLES + "/" + slug).then().statusCode(200).body("status", equalTo("archived"));
        as(token).contentType(MERGE_PATCH).body("{\"status\":\"published\",\"title\":\"Patched\"}")
                .when().patch(ARTICLES + "/" + slug).then().statusCode(200).body("title", equalTo("Patched"));
        as(token).when().post(ARTICLES + "/" + slug + "/preview-token").then().statusCode(200).body("token", notNullValue());
        as(token).when().delete(ARTICLES + "/" + slug).then().statusCode(204);
        readAs(token, slug).then().statusCode(200).body("status", equalTo("trashed"));
        as(token).when().post(ARTICLES + "/" + slug + "/restore").then().statusCode(200);

        // and an author's draft: publish it, schedule it, preview it, delete it
        as(token).contentType(MERGE_PATCH).body("{\"status\":\"published\"}")
                .when().patch(ARTICLES + "/" + authorsDraft).then().statusCode(200).body("status", equalTo("published"));
        String future = Instant.now().plus(Duration.ofDays(3)).toString();
        as(token).contentType(ContentType.JSON).body(Map.of("title", "Scheduled", "status", "published", "publishedAt", future))
                .when().put(ARTICLES + "/" + authorsDraft).then().statusCode(200);
        assertNotFound(readAnonymously(authorsDraft));
        as(token).when().post(ARTICLES + "/" + authorsDraft + "/preview-token").then().statusCode(200);
        as(token).when().delete(ARTICLES + "/" + authorsDraft).then().statusCode(204);
    }

    // ---- articles: authors --------------------------------------------------------------------

    @Test
    void shouldLetAnAuthorCreateADraftRecordedAsTheirs() {
        Issued author = issue("author");
        Map<String, Object> body = article().draft().body();
        body.remove("publishedAt");

        Response created = as(author).contentType(ContentType.JSON).body(body).when().post(ARTICLES);

        created.then().statusCode(201)
                .header("Location", notNullValue())
                .header("ETag", notNullValue())
                .header("Cache-Control", NO_STORE)
                .body("status", equalTo("draft"))
                .body("createdBy.name", equalTo(author.name()))
                .body("updatedBy.name", equalTo(author.name()));
        String slug = created.jsonPath().getString("slug");
        readAs(author, slug).then().statusCode(200)
                .header("Cache-Control", NO_STORE)
                .body("status", equalTo("draft"))
                .body("createdBy.name", equalTo(author.name()))
                .body("updatedBy.name", equalTo(author.name()));
        assertNotFound(readAnonymously(slug));
    }

    @Test
    void shouldLetAnAuthorCreateADraftWithoutSayingItIsOne() {
        Issued author = issue("author");

        as(author).contentType(ContentType.JSON).body(Map.of("title", unique("Untitled thoughts")))
                .when().post(ARTICLES)
                .then().statusCode(201).body("status", equalTo("draft"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "published now, published, -3600",
            "scheduled, published, 86400",
            "archived, archived, ",
    })
    void shouldRefuseAnAuthorCreatingAnythingButADraft(String what, String status, Long publishedInSeconds) {
        Issued author = issue("author");
        Map<String, Object> body = article().with("status", status).body();
        if (publishedInSeconds == null) {
            body.remove("publishedAt");
        } else {
            body.put("publishedAt", Instant.now().plusSeconds(publishedInSeconds).toString());
        }

        assertForbidden(as(author).contentType(ContentType.JSON).body(body).when().post(ARTICLES))
                .body("detail", containsString("draft"));

        assertNotFound(asAdmin().when().get(ARTICLES + "/" + body.get("slug")));
    }

    @Test
    void shouldLetAnAuthorReplacePatchAndDeleteTheirOwnDraft() {
        Issued author = issue("author");
        String slug = createArticle(author, article().draft().body()).getString("slug");

        as(author).contentType(ContentType.JSON).body(Map.of("title", "Second thoughts", "body", "Rewritten."))
                .when().put(ARTICLES + "/" + slug)
                .then().statusCode(200).header("ETag", notNullValue())
                .body("title", equalTo("Second thoughts")).body("status", equalTo("draft"));
        as(author).contentType(MERGE_PATCH).body("{\"title\":\"Third thoughts\"}")
                .when().patch(ARTICLES + "/" + slug)
                .then().statusCode(200).body("title", equalTo("Third thoughts")).body("status", equalTo("draft"));
        as(author).when().delete(ARTICLES + "/" + slug).then().statusCode(204);

        asAdmin().when().get(ARTICLES + "/" + slug).then().statusCode(200).body("status", equalTo("trashed"));
        assertNotFound(given().when().get(ARTICLES + "/" + slug));
    }

    @Test
    void shouldRefuseAnAuthorPublishingTheirOwnDraft() {
        Issued author = issue("author");
        String slug = createArticle(author, article().draft().body()).getString("slug");

        assertForbidden(as(author).contentType(MERGE_PATCH).body("{\"status\":\"published\"}").when().patch(ARTICLES + "/" + slug));
        assertForbidden(as(author).contentType(MERGE_PATCH).body("{\"status\":\"archived\"}").when().patch(ARTICLES + "/" + slug));
        assertForbidden(as(author).contentType(ContentType.JSON)
                .body(Map.of("title", "Sneaky", "status", "published", "publishedAt", Instant.now().plusSeconds(86_400).toString()))
                .when().put(ARTICLES + "/" + slug));

        readAs(author, slug).then().statusCode(200).body("status", equalTo("draft")).body("title", not(equalTo("Sneaky")));
        assertNotFound(readAnonymously(slug));
    }

    @Test
    void shouldRefuseAnAuthorEditingSomeoneElsesArticle() {
        Issued author = issue("author");
        Issued editor = issue("editor");
        String published = createArticle(editor, article().body()).getString("slug");
        String draft = createArticle(editor, article().draft().body()).getString("slug");

        for (String slug : new String[] { published, draft }) {
            String title = readAs(editor, slug).jsonPath().getString("title");
            // a public story is there to see, so the refusal is 403; a draft the author cannot see is not there (404)
            int refusal = slug.equals(published) ? 403 : 404;
            as(author).contentType(ContentType.JSON).body(Map.of("title", "Hijacked")).when().put(ARTICLES + "/" + slug).then().statusCode(refusal);
            as(author).contentType(MERGE_PATCH).body("{\"title\":\"Hijacked\"}").when().patch(ARTICLES + "/" + slug).then().statusCode(refusal);
            as(author).when().delete(ARTICLES + "/" + slug).then().statusCode(refusal);
            readAs(editor, slug).then().statusCode(200)
                    .body("title", equalTo(title))
                    .body("updatedBy.name", equalTo(editor.name()));
        }
    }

    @Test
    void shouldRefuseAnAuthorEditingAnotherAuthorsDraftAsIfItWereNotThere() {
        Issued author = issue("author");
        Issued other = issue("author");
        String slug = createArticle(other, article().draft().body()).getString("slug");

        assertNotFound(as(author).contentType(MERGE_PATCH).body("{\"title\":\"Hijacked\"}").when().patch(ARTICLES + "/" + slug));
        assertNotFound(as(author).when().delete(ARTICLES + "/" + slug));

        readAs(other, slug).then().statusCode(200).body("title", not(equalTo("Hijacked")));
    }

    @Test
    void shouldRefuseAnAuthorEditingTheirOwnArticleOnceAnEditorPublishedIt() {
        Issued author = issue("author");
        Issued editor = issue("editor");
        String slug = createArticle(author, article().draft().body()).getString("slug");
        as(editor).contentType(MERGE_PATCH).body("{\"status\":\"published\"}").when().patch(ARTICLES + "/" + slug)
                .then().statusCode(200);

        assertForbidden(as(author).contentType(ContentType.JSON).body(Map.of("title", "Unpublished by stealth")).when().put(ARTICLES + "/" + slug));
        assertForbidden(as(author).contentType(MERGE_PATCH).body("{\"title\":\"Changed after publication\"}").when().patch(ARTICLES + "/" + slug));
        assertForbidden(as(author).contentType(MERGE_PATCH).body("{\"status\":\"draft\"}").when().patch(ARTICLES + "/" + slug));
        assertForbidden(as(author).when().delete(ARTICLES + "/" + slug));

        readAnonymously(slug).then().statusCode(200).body("status", equalTo("published"));
    }

    @Test
    void shouldLetAnAuthorPreviewTheirOwnArticleOnly() {
        Issued author = issue("author");
        Issued editor = issue("editor");
        String own = createArticle(author, article().draft().body()).getString("slug");
        String others = createArticle(editor, article().draft().body()).getString("slug");

        as(author).when().post(ARTICLES + "/" + own + "/preview-token")
                .then().statusCode(200).header("Cache-Control", NO_STORE).body("slug", equalTo(own)).body("token", notNullValue());
        assertNotFound(as(author).when().post(ARTICLES + "/" + others + "/preview-token"));
        String othersPublic = createArticle(editor, article().body()).getString("slug");
        assertForbidden(as(author).when().post(ARTICLES + "/" + othersPublic + "/preview-token"));
    }

    // ---- who created and changed an article ---------------------------------------------------

    @Test
    void shouldRecordWhoCreatedAndWhoLastChangedAnArticle() {
        Issued author = issue("author");
        Issued editor = issue("editor");
        String slug = createArticle(author, article().draft().body()).getString("slug");

        as(editor).contentType(MERGE_PATCH).body("{\"status\":\"published\",\"publishedAt\":\"2024-02-23T09:30:00Z\"}")
                .when().patch(ARTICLES + "/" + slug)
                .then().statusCode(200)
                .body("createdBy.name", equalTo(author.name()))
                .body("updatedBy.name", equalTo(editor.name()));

        readAs(author, slug).then().statusCode(200)
                .body("createdBy.name", equalTo(author.name()))
                .body("updatedBy.name", equalTo(editor.name()));
        readAnonymously(slug).then().statusCode(200)
                .body("$", not(hasKey("createdBy")))
                .body("$", not(hasKey("updatedBy")))
                .body(not(containsString(author.name())))
                .body(not(containsString(editor.name())));
    }

    // ---- categories ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "admin", "editor" })
    void shouldLetEditorsAndAdminsManageCategories(String role) {
        Issued token = issue(role);
        Map<String, Object> body = category().body();

        String slug = as(token).contentType(ContentType.JSON).body(body).when().post(CATEGORIES)
                .then().statusCode(201).header("Location", notNullValue()).extract().path("slug");
        as(token).contentType(ContentType.JSON).body(Map.of("name", "Replaced " + slug))
                .when().put(CATEGORIES + "/" + slug).then().statusCode(200).body("name", equalTo("Replaced " + slug));
        as(token).contentType(MERGE_PATCH).body("{\"position\": 3}")
                .when().patch(CATEGORIES + "/" + slug).then().statusCode(200).body("position", equalTo(3));
        as(token).when().delete(CATEGORIES + "/" + slug).then().statusCode(204);

        given().when().get(CATEGORIES + "/" + slug).then().statusCode(404);
    }

    @Test
    void shouldRefuseAnAuthorManagingCategories() {
        Issued author = issue("author");
        String slug = category().createSlug();
        Map<String, Object> body = category().body();

        assertForbidden(as(author).contentType(ContentType.JSON).body(body).when().post(CATEGORIES));
        assertForbidden(as(author).contentType(ContentType.JSON).body(Map.of("name", "Renamed")).when().put(CATEGORIES + "/" + slug));
        assertForbidden(as(author).contentType(MERGE_PATCH).body("{\"name\":\"Renamed\"}").when().patch(CATEGORIES + "/" + slug));
        assertForbidden(as(author).when().delete(CATEGORIES + "/" + slug));

        given().when().get(CATEGORIES + "/" + body.get("slug")).then().statusCode(404);
        given().when().get(CATEGORIES + "/" + slug).then().statusCode(200).body("name", not(equalTo("Renamed")));
    }

    // ---- tokens -------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({ "admin, 201, 200, 204", "editor, 403, 403, 403", "author, 403, 403, 403" })
    void shouldLetOnlyAdminsManageTokens(String role, int issue, int list, int revoke) {
        Issued token = issue(role);
        Issued victim = issue("author");

        Response issued = as(token).contentType(ContentType.JSON).body(Map.of("name", unique("by " + role), "role", "editor"))
                .when().post(TOKENS);
        Response listed = as(token).when().get(TOKENS);
        Response revoked = as(token).when().delete(TOKENS + "/" + victim.id());

        issued.then().statusCode(issue);
        listed.then().statusCode(list);
        revoked.then().statusCode(revoke);
        if (issue == 403) {
            assertForbidden(issued);
            assertForbidden(listed);
            assertForbidden(revoked);
            as(victim).when().get(ARTICLES).then().statusCode(200);
        } else {
            assertUnauthorized(as(victim).when().get(ARTICLES));
        }
    }

    // ---- non-public reads ---------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({ "published, public", "draft, draft", "scheduled, scheduled", "archived, archived" })
    void shouldListArticlesInEachStatusForACaller(String status, String expected) {
        Issued editor = issue("editor");
        Shelf shelf = Shelf.create();

        as(editor).queryParam("category", shelf.category).queryParam("status", status)
                .when().get(ARTICLES)
                .then().statusCode(200)
                .header("Cache-Control", NO_STORE)
                .body("items.slug", containsInAnyOrder(shelf.slug(expected)))
                .body("totalItems", equalTo(1));
    }

    @Test
    void shouldListArticlesInEveryStatusOfACategoryForACallerAskingForAll() {
        // an editor sees every writer's hidden articles; an author only their own (AuthorSightTest)
        Issued editor = issue("editor");
        Shelf shelf = Shelf.create();

        as(editor).queryParam("category", shelf.category).queryParam("status", "all")
                .when().get(ARTICLES)
                .then().statusCode(200)
                .body("items.slug", containsInAnyOrder(shelf.published, shelf.draft, shelf.scheduled, shelf.archived))
                .body("totalItems", equalTo(4));
    }

    @Test
    void shouldListArticlesInEveryStatusWithATagForACallerAskingForAll() {
        // an editor sees every writer's hidden articles; an author only their own (AuthorSightTest)
        Issued editor = issue("editor");
        Shelf shelf = Shelf.create();

        as(editor).queryParam("tag", shelf.tag).queryParam("status", "all")
                .when().get(ARTICLES)
                .then().statusCode(200)
                .header("Cache-Control", NO_STORE)
                .body("items.slug", containsInAnyOrder(shelf.published, shelf.draft, shelf.scheduled, shelf.archived))
                .body("totalItems", equalTo(4));
    }

    @Test
    void shouldListOnlyPublicArticlesToAnonymousReaders() {
        Shelf shelf = Shelf.create();

        given().queryParam("category", shelf.category).when().get(ARTICLES)
                .then().statusCode(200)
                .header("Cache-Control", startsWith("public, max-age="))
                .body("items.slug", containsInAnyOrder(shelf.published));
        given().queryParam("category", shelf.category).queryParam("status", "published").when().get(ARTICLES)
                .then().statusCode(200)
                .body("items.slug", containsInAnyOrder(shelf.published));
    }

    @ParameterizedTest
    @ValueSource(strings = { "draft", "scheduled", "archived", "all" })
    void shouldChallengeAnAnonymousListOfHiddenArticles(String status) {
        Shelf shelf = Shelf.create();

        assertUnauthorized(given().queryParam("category", shelf.category).queryParam("status", status).when().get(ARTICLES))
                .body(not(containsString(shelf.draft)));
    }

    @Test
    void shouldRefuseAnUnknownStatusFilter() {
        Issued editor = issue("editor");

        assertProblem(as(editor).queryParam("status", "deleted").when().get(ARTICLES), 400)
                .body("errors.field", hasItem("status"));
    }

    @Test
    void shouldShowHiddenArticlesToACallerAndHideThemFromAnonymousReaders() {
        // an editor sees every writer's hidden articles; an author only their own (AuthorSightTest)
        Issued editor = issue("editor");
        Shelf shelf = Shelf.create();

        for (String[] hidden : new String[][] { { shelf.draft, "draft" }, { shelf.scheduled, "published" }, { shelf.archived, "archived" } }) {
            readAs(editor, hidden[0]).then().statusCode(200)
                    .header("Cache-Control", NO_STORE)
                    .body("slug", equalTo(hidden[0]))
                    .body("status", equalTo(hidden[1]))
                    .body("createdBy.name", equalTo("bootstrap"));
            assertNotFound(readAnonymously(hidden[0]));
        }
    }

    @Test
    void shouldRedirectAnOldSlugOfAHiddenArticleOnlyForACaller() {
        Issued editor = issue("editor");
        String slug = article().draft().createSlug();
        String renamed = unique("renamed-draft");
        as(editor).contentType(MERGE_PATCH).body("{\"slug\":\"" + renamed + "\"}")
                .when().patch(ARTICLES + "/" + slug).then().statusCode(200);

        // anonymous readers must not learn the new slug of something they cannot see
        assertNotFound(readAnonymously(slug)).body(not(containsString(renamed)));
        readAs(editor, slug).then().statusCode(301).header("Location", endsWith(ARTICLES + "/" + renamed));
    }

    // ---- caching ------------------------------------------------------------------------------

    @Test
    void shouldLetSharedCachesKeepOnlyAnonymousAnswers() {
        Issued editor = issue("editor");
        String slug = article().createSlug();

        Response anonymous = readAnonymously(slug);
        anonymous.then().statusCode(200)
                .header("Cache-Control", matchesPattern("public, max-age=\\d+, stale-while-revalidate=\\d+"));
        assertTrue(String.join(",", anonymous.headers().getValues("Vary")).contains("Authorization"),
                "a shared cache keys public answers on Authorization: " + anonymous.headers().getValues("Vary"));
        given().when().get(ARTICLES).then().statusCode(200).header("Cache-Control", startsWith("public, max-age="));
        given().when().get(CATEGORIES).then().statusCode(200).header("Cache-Control", startsWith("public, max-age="));

        readAs(editor, slug).then().statusCode(200).header("Cache-Control", NO_STORE);
        as(editor).when().get(ARTICLES).then().statusCode(200).header("Cache-Control", NO_STORE);
        as(editor).when().get(CATEGORIES).then().statusCode(200).header("Cache-Control", NO_STORE);
        as(editor).contentType(MERGE_PATCH).body("{\"title\":\"Cached?\"}").when().patch(ARTICLES + "/" + slug)
                .then().statusCode(200).header("Cache-Control", NO_STORE);
    }

    /** One article in each state, filed under a category and a tag of their own so lists can be checked exactly. */
    private record Shelf(String category, String tag, String published, String draft, String scheduled, String archived) {

        static Shelf create() {
            // record accessors shadow the static imports of the same names
            String category = Fixtures.category().createSlug();
            String tag = unique("shelf");
            return new Shelf(category, tag,
                    Fixtures.article().category(category).tags(tag).createSlug(),
                    Fixtures.article().category(category).tags(tag).draft().createSlug(),
                    Fixtures.article().category(category).tags(tag).publishedAt(Instant.now().plus(Duration.ofDays(2))).createSlug(),
                    Fixtures.article().category(category).tags(tag).archived().createSlug());
        }

        String slug(String state) {
            return switch (state) {
                case "public" -> published;
                case "draft" -> draft;
                case "scheduled" -> scheduled;
                case "archived" -> archived;
                default -> throw new IllegalArgumentException(state);
            };
        }
    }
}
