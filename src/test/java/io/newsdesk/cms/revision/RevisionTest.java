package io.newsdesk.cms.revision;

import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** An article's history as editors read, compare and restore it. */
@QuarkusTest
class RevisionTest {

    private static final String ARTICLES = "/api/v1/articles/";

    private static String history(String slug) {
        return ARTICLES + slug + "/revisions";
    }

    private static Response patch(String slug, Map<String, Object> changes) {
        return asAdmin().contentType("application/merge-patch+json").body(changes).patch(ARTICLES + slug).then().statusCode(200)
                .extract().response();
    }

    private static String etag(String slug) {
        return asAdmin().get(ARTICLES + slug).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void shouldRecordEveryChangeWithWhoWhyAndWhatNewestFirst() {
        String slug = article().title("Budget talks resume").body("The talks resumed on Monday.").tags("politics").createSlug();
        patch(slug, Map.of("title", "Budget talks stall"));
        patch(slug, Map.of("body", "The talks stalled on Tuesday.", "tags", List.of("politics", "budget")));

        asAdmin().get(history(slug)).then().statusCode(200)
                .header("Cache-Control", "private, no-store")
                .body("items.number", contains(3, 2, 1))
                .body("items.reason", contains("update", "update", "create"))
                .body("items[0].changed", contains("body", "tags"))
                .body("items[1].changed", contains("title"))
                .body("items[2].by.name", equalTo("bootstrap"))
                .body("items[2].by.role", equalTo("admin"));
    }

    @Test
    void shouldRecordNothingForAWriteThatChangesNothing() {
        String slug = article().title("Nothing changes").createSlug();
        patch(slug, Map.of("title", "Nothing changes"));
        asAdmin().get(history(slug)).then().body("items.number", contains(1));
    }

    @Test
    void shouldShowARevisionWholeWithLinksToItsNeighbours() {
        String slug = article().title("First headline").body("First body.").tags("a", "b").createSlug();
        patch(slug, Map.of("title", "Second headline"));
        patch(slug, Map.of("title", "Third headline"));

        asAdmin().get(history(slug) + "/1").then().statusCode(200)
                .body("number", equalTo(1)).body("format", equalTo(2))
                .body("snapshot.title", equalTo("First headline"))
                .body("snapshot.body", equalTo("First body."))
                .body("snapshot.tags", contains("a", "b"))
                .body("snapshot.status", equalTo("published"));
        String link = asAdmin().get(history(slug) + "/2").then().statusCode(200).body("snapshot.title", equalTo("Second headline"))
                .extract().header("Link");
        assertTrue(link.contains("<" + history(slug) + ">; rel=\"version-history\""), link);
        assertTrue(link.contains("<" + history(slug) + "/1>; rel=\"predecessor-version\""), link);
        assertTrue(link.contains("<" + history(slug) + "/3>; rel=\"latest-version\""), link);
        asAdmin().get(history(slug) + "/4").then().statusCode(404);
        asAdmin().get(history(slug) + "/zero").then().statusCode(400);
    }

    @Test
    void shouldDiffFieldsAndTheBodyWordByWord() {
        String slug = article().title("Storm warning").body("Winds of 90 km/h are expected tonight.\n\nStay indoors.").createSlug();
        patch(slug, Map.of("title", "Storm warning upgraded", "body", "Winds of 120 km/h are expected tonight.\n\nStay indoors."));

        JsonPath diff = asAdmin().get(history(slug) + "/2/diff").then().statusCode(200).extract().jsonPath();
        assertEquals(2, diff.getInt("number"));
        assertEquals(1, diff.getInt("against"));
        assertEquals(List.of("title", "body"), diff.getList("changes.field"));
        assertEquals("Storm warning", diff.getString("changes[0].from"));
        assertEquals("Storm warning upgraded", diff.getString("changes[0].to"));
        List<Map<String, String>> words = diff.getList("changes[1].words");
        assertTrue(words.contains(Map.of("op", "delete", "text", "90")), words.toString());
        assertTrue(words.contains(Map.of("op", "insert", "text", "120")), words.toString());
        assertTrue(diff.getString("changes[1].unified").contains("-Winds of 90 km/h"), diff.getString("changes[1].unified"));
        asAdmin().queryParam("against", 2).get(history(slug) + "/1/diff").then().statusCode(200)
                .body("changes[0].from", equalTo("Storm warning upgraded"));
        asAdmin().get(history(slug) + "/1/diff").then().statusCode(400);
    }

    @Test
    void shouldRestoreARevisionAsANewOneWithSlugTagsCategoryAndRelatedLinks() {
        String section = category().name(unique("Weather")).createSlug();
        String other = article().title("Flood defences").createSlug();
        String slug = article().title("Heatwave ends").body("Cooler air arrives.").tags("weather").category(section).createSlug();
        String report = "https://www.example.org/flood-report";
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("articleSlug", other), Map.of("url", report, "title", "Flood report")))
                .put(ARTICLES + slug + "/related").then().statusCode(200);
        String renamed = slug + "-update";
        patch(slug, Map.of("title", "Heatwave returns", "slug", renamed, "tags", List.of("heat"), "categorySlug", ""));
        asAdmin().contentType(ContentType.JSON).body(List.of()).put(ARTICLES + renamed + "/related").then().statusCode(200);

        asAdmin().header("If-Match", "\"stale\"").post(history(renamed) + "/2/restore").then().statusCode(412);
        asAdmin().header("If-Match", etag(renamed)).post(history(renamed) + "/2/restore").then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.notNullValue())
                .body("slug", equalTo(slug)).body("title", equalTo("Heatwave ends")).body("tags", contains("weather"))
                .body("category.slug", equalTo(section));
        given().get(ARTICLES + slug + "/related").then()
                .body("items.findAll { it.source == 'curated' && it.kind == 'article' }.article.slug", contains(other))
                .body("items.findAll { it.source == 'curated' && it.kind == 'external' }.url", contains(report));
        asAdmin().get(history(slug)).then()
                .body("items[0].number", equalTo(5)).body("items[0].reason", equalTo("restore"))
                .body("items[0].changed", contains("title", "slug", "category", "tags", "related"))
                .body("items.reason", contains("restore", "related", "rename", "related", "create"));
    }

    @Test
    void shouldNameWhatARestoreCannotBringBackAndRestoreTheRestWhenAsked() {
        String section = category().name(unique("Gone soon")).createSlug();
        String slug = article().title("Before the move").category(section).createSlug();
        patch(slug, Map.of("title", "After the move", "categorySlug", ""));
        asAdmin().delete("/api/v1/categories/" + section).then().statusCode(204);

        asAdmin().header("If-Match", etag(slug)).post(history(slug) + "/1/restore").then().statusCode(409)
                .body("errors[0].field", equalTo("category")).body("detail", containsString(section));
        asAdmin().header("If-Match", etag(slug)).queryParam("skipMissing", "true").post(history(slug) + "/1/restore").then()
                .statusCode(200).body("title", equalTo("Before the move")).body("category", nullValue());
    }

    @Test
    void shouldKeepHistoryFromAnonymousReadersAndAuthorsOfOtherArticles() {
        String slug = article().title("Editors only").createSlug();
        given().get(history(slug)).then().statusCode(404);
        given().get(history(slug) + "/1").then().statusCode(404);
        String author = token("author");
        as(author).get(history(slug)).then().statusCode(403);
        String own = as(author).contentType(ContentType.JSON).body(article().title("An author's draft").draft().body())
                .post("/api/v1/articles").then().statusCode(201).extract().path("slug");
        as(author).get(history(own)).then().statusCode(200).body("items[0].by.role", equalTo("author"));
        as(token("editor")).get(history(own)).then().statusCode(200);
    }

    @Test
    void shouldStartTheHistoryOfAnArticleWrittenBeforeItWasKept() {
        String slug = article().title("Old story").createSlug();
        // As if written before history was kept: its revisions gone.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> jakarta.enterprise.inject.spi.CDI.current()
                .select(jakarta.persistence.EntityManager.class).get()
                .createNativeQuery("delete from article_revision where article_id = (select id from article where slug = :slug)")
                .setParameter("slug", slug).executeUpdate());
        patch(slug, Map.of("title", "Old story, updated"));
        asAdmin().get(history(slug)).then().body("items.reason", contains("update", "baseline"))
                .body("items[0].changed", contains("title"));
        asAdmin().get(history(slug) + "/1").then().body("snapshot.title", equalTo("Old story"));
    }

    @Test
    void shouldKeepAThousandSmallEditsOfALongStoryInLessThanTenCopiesOfIt() {
        java.util.Random random = new java.util.Random(42);
        String[] vocabulary = ("the minister said council budget river bridge storm vote market energy price school hospital police court "
                + "report city region plan week year million percent night morning officials residents data project network").split(" ");
        StringBuilder text = new StringBuilder();
        while (text.length() < 50_000) {
            for (int w = 0; w < 80; w++) {
                text.append(w == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
            }
            text.append(".\n\n");
        }
        String body = text.toString();
        String slug = article().title("A long story").body(body).createSlug();
        String[] words = body.split(" ", -1);
        for (int i = 1; i <= 1_000; i++) {
            words[(i * 37) % words.length] = "edit" + i;
            patch(slug, Map.of("body", String.join(" ", words)));
        }

        long copy = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        long history = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) jakarta.enterprise.inject.spi.CDI.current()
                .select(jakarta.persistence.EntityManager.class).get()
                .createNativeQuery("select sum(pg_column_size(r.*)) from article_revision r join article a on a.id = r.article_id where a.slug = :slug")
                .setParameter("slug", slug).getSingleResult()).longValue());
        System.out.printf("[history] 1,001 revisions of a %,d-byte story take %,d bytes (%.1f copies)%n", copy, history, (double) history / copy);
        assertTrue(history < 10 * copy, "history takes " + history + " bytes for a " + copy + "-byte story");
        asAdmin().get(history(slug) + "/1").then().body("snapshot.body", equalTo(body));
        asAdmin().get(history(slug) + "/500/diff").then().body("changes[0].words.findAll { it.op == 'insert' }.text", contains("edit499"));
    }

    @Test
    void shouldListRecentChangesAcrossTheSiteForEditors() {
        String name = unique("Night desk");
        String editor = asAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "role", "editor")).post("/api/v1/tokens")
                .then().statusCode(201).extract().path("token");
        String slug = article().title("Dashboard story").createSlug();
        as(editor).contentType("application/merge-patch+json").body(Map.of("title", "Dashboard story, edited"))
                .patch(ARTICLES + slug).then().statusCode(200);

        as(editor).queryParam("author", name.toUpperCase()).get("/api/v1/revisions").then().statusCode(200)
                .body("items.article.slug", contains(slug)).body("items[0].number", equalTo(2))
                .body("items[0].reason", equalTo("update")).body("items[0].article.title", equalTo("Dashboard story, edited"));
        as(editor).queryParam("since", "2999-01-01T00:00:00Z").get("/api/v1/revisions").then().statusCode(200).body("items.size()", equalTo(0));
        as(editor).queryParam("since", "yesterday").get("/api/v1/revisions").then().statusCode(400).body("errors[0].field", equalTo("since"));
        given().get("/api/v1/revisions").then().statusCode(401);
        as(token("author")).get("/api/v1/revisions").then().statusCode(403);
    }

    @jakarta.inject.Inject
    HistoryPruning pruning;

    private int prune(long articleId, int keep, java.time.Duration keepPublished) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> pruning.prune(articleId, keep, keepPublished));
    }

    @Test
    void shouldPruneOldRevisionsAndKeepTheRestReadableComparableAndRestorable() {
        JsonPath created = article().title("Draft 0").body("Version 0 of the text.").draft().create();
        String slug = created.getString("slug");
        long id = created.getLong("id");
        for (int i = 1; i <= 10; i++) {
            patch(slug, Map.of("title", "Draft " + i, "body", "Version " + i + " of the text."));
        }

        assertEquals(8, prune(id, 3, java.time.Duration.ZERO), "of 11 drafts, the newest 3 stay");
        assertEquals(0, prune(id, 3, java.time.Duration.ZERO), "a second run removes nothing more");
        asAdmin().get(history(slug)).then().body("items.number", contains(11, 10, 9));
        String link = asAdmin().get(history(slug) + "/9").then().statusCode(200)
                .body("snapshot.title", equalTo("Draft 8")).body("snapshot.body", equalTo("Version 8 of the text."))
                .extract().header("Link");
        assertTrue(!link.contains("predecessor-version") && link.contains("<" + history(slug) + "/10>; rel=\"successor-version\""), link);
        asAdmin().get(history(slug) + "/10/diff").then().statusCode(200).body("against", equalTo(9))
                .body("changes[0].from", equalTo("Draft 8"));
        asAdmin().get(history(slug) + "/2").then().statusCode(404);
        asAdmin().header("If-Match", etag(slug)).post(history(slug) + "/9/restore").then().statusCode(200)
                .body("title", equalTo("Draft 8")).body("body", equalTo("Version 8 of the text."));
    }

    @Test
    void shouldKeepEveryRecentPublishedStateBeyondTheNewestOnes() {
        JsonPath created = article().title("Live 0").create();
        String slug = created.getString("slug");
        long id = created.getLong("id");
        for (int i = 1; i <= 5; i++) {
            patch(slug, Map.of("title", "Live " + i));
        }
        assertEquals(0, prune(id, 2, java.time.Duration.ofDays(30)), "every published state of the last 30 days stays");
        assertEquals(4, prune(id, 2, java.time.Duration.ZERO), "lowering the setting prunes existing history");
        asAdmin().get(history(slug)).then().body("items.number", contains(6, 5));
        asAdmin().get(history(slug) + "/5").then().body("snapshot.title", equalTo("Live 4"));
    }

    @Test
    void shouldReadCompareAndRestoreRevisionsWrittenInTheFirstFormat() {
        String section = category().name(unique("Markets")).createSlug();
        String other = article().title("Rates hold").createSlug();
        JsonPath created = article().title("Shares rally").category(section).create();
        String slug = created.getString("slug");
        long id = created.getLong("id");
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("articleSlug", other))).put(ARTICLES + slug + "/related")
                .then().statusCode(200);
        patch(slug, Map.of("title", "Shares slump", "categorySlug", "", "tags", List.of("markets")));
        asAdmin().contentType(ContentType.JSON).body(List.of()).put(ARTICLES + slug + "/related").then().statusCode(200);
        // As format 1 stored them: no category name, no related article titles.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> jakarta.enterprise.inject.spi.CDI.current()
                .select(jakarta.persistence.EntityManager.class).get().createNativeQuery("""
                        update article_revision set format = 1,
                               fields = case when jsonb_typeof(fields -> 'related') = 'array'
                                             then jsonb_set(fields #- '{category,name}', '{related}',
                                                  coalesce((select jsonb_agg(e - 'articleTitle') from jsonb_array_elements(fields -> 'related') e), '[]'))
                                             else fields #- '{category,name}' end
                        where article_id = :id""").setParameter("id", id).executeUpdate());

        asAdmin().get(history(slug) + "/2").then().statusCode(200).body("format", equalTo(1))
                .body("snapshot.title", equalTo("Shares rally")).body("snapshot.category.slug", equalTo(section))
                .body("snapshot.category.name", nullValue()).body("snapshot.related[0].articleSlug", equalTo(other))
                .body("snapshot.related[0].articleTitle", nullValue());
        asAdmin().get(history(slug) + "/3/diff").then().statusCode(200)
                .body("changes.field", contains("title", "category", "tags"));
        asAdmin().header("If-Match", etag(slug)).post(history(slug) + "/2/restore").then().statusCode(200)
                .body("title", equalTo("Shares rally")).body("category.slug", equalTo(section));
        given().get(ARTICLES + slug + "/related").then().body("items.findAll { it.source == 'curated' }.article.slug", contains(other));
        asAdmin().get(history(slug) + "/5").then().body("format", equalTo(2))
                .body("snapshot.category.name", org.hamcrest.Matchers.startsWith("Markets"))
                .body("snapshot.related[0].articleTitle", equalTo("Rates hold"));
        asAdmin().get(history(slug) + "/2").then().statusCode(200).body("snapshot.title", equalTo("Shares rally"));
    }
}
