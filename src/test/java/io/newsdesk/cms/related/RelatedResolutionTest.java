package io.newsdesk.cms.related;

import static io.newsdesk.cms.related.RelatedApi.MERGE_PATCH;
import static io.newsdesk.cms.related.RelatedApi.articleUrl;
import static io.newsdesk.cms.related.RelatedApi.assertProblem;
import static io.newsdesk.cms.related.RelatedApi.curate;
import static io.newsdesk.cms.related.RelatedApi.curated;
import static io.newsdesk.cms.related.RelatedApi.deleteArticle;
import static io.newsdesk.cms.related.RelatedApi.external;
import static io.newsdesk.cms.related.RelatedApi.internal;
import static io.newsdesk.cms.related.RelatedApi.items;
import static io.newsdesk.cms.related.RelatedApi.linkedSlugs;
import static io.newsdesk.cms.related.RelatedApi.patchArticle;
import static io.newsdesk.cms.related.RelatedApi.related;
import static io.newsdesk.cms.related.RelatedApi.relatedAsEditor;
import static io.newsdesk.cms.related.RelatedApi.relatedUrl;
import static io.newsdesk.cms.related.RelatedApi.sources;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Internal links resolved at read time: renames flow through, hidden targets leave anonymous answers, deletions take links along. */
@QuarkusTest
class RelatedResolutionTest {

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    // ---- renames --------------------------------------------------------------------------------

    @Test
    void shouldShowTheTargetsNewTitleAndSlugAfterAPut() {
        String target = article().createSlug();
        String source = article().createSlug();
        curated(source, internal(target));
        String newSlug = unique("renamed");
        String newTitle = "Renamed by PUT " + newSlug;

        asAdmin().contentType(ContentType.JSON)
                .body(article().slug(newSlug).title(newTitle).with("excerpt", "A fresh teaser.").body())
                .when().put(articleUrl(target)).then().statusCode(200).body("slug", equalTo(newSlug));

        related(source).then().statusCode(200)
                .body("items[0].source", equalTo("curated"))
                .body("items[0].title", equalTo(newTitle))
                .body("items[0].url", equalTo(articleUrl(newSlug)))
                .body("items[0].excerpt", equalTo("A fresh teaser."))
                .body("items[0].article.slug", equalTo(newSlug))
                .body("items[0].article.title", equalTo(newTitle))
                .body("items[0].article.excerpt", equalTo("A fresh teaser."));
    }

    @Test
    void shouldShowTheTargetsNewTitleAndSlugAfterAPatch() {
        String target = article().createSlug();
        String source = article().createSlug();
        curated(source, internal(target));
        String newSlug = unique("patched");
        String newTitle = "Renamed by PATCH " + newSlug;

        patchArticle(target, Map.of("slug", newSlug, "title", newTitle));

        related(source).then().statusCode(200)
                .body("items[0].title", equalTo(newTitle))
                .body("items[0].url", equalTo(articleUrl(newSlug)))
                .body("items[0].article.slug", equalTo(newSlug))
                .body("items[0].article.title", equalTo(newTitle));
    }

    // ---- targets that stop being public -------------------------------------------------------------

    @Test
    void shouldHideAnUnpublishedTargetFromAnonymousReadersAtOnceAndShowItToEditorsAsDraft() {
        String tag = unique("tag");
        String target = article().title("Passkeys are finally replacing passwords").slug(unique("passkeys"))
                .with("excerpt", "Phones become the key.").tags(tag).createSlug();
        String source = article().title("The quiet race to build smaller language models").slug(unique("small-models"))
                .tags(tag).createSlug();
        List<String> alsoTagged = storiesTagged(tag, 3);
        Transcript transcript = new Transcript();

        Response put = curate(source, List.of(internal(target),
                external("https://www.example.org/report-2024", "The 2024 state of small models", "120 pages, PDF")));
        put.then().statusCode(200);
        transcript.show("PUT", relatedUrl(source), "[{\"articleSlug\": \"" + target + "\"}, {\"url\": "
                + "\"https://www.example.org/report-2024\", \"title\": \"The 2024 state of small models\", ...}]", put);

        Response before = related(source);
        before.then().statusCode(200).body("items[0].article.slug", equalTo(target)).body("items[0].source", equalTo("curated"));
        transcript.show("GET", relatedUrl(source), null, before);

        Response unpublish = asAdmin().contentType(MERGE_PATCH).body(Map.of("status", "draft")).when().patch(articleUrl(target));
        unpublish.then().statusCode(200).body("status", equalTo("draft"));
        transcript.show("PATCH", articleUrl(target), "{\"status\": \"draft\"}  (Content-Type: application/merge-patch+json)", unpublish);

        Response after = related(source);
        after.then().statusCode(200)
                .body("items[0].kind", equalTo("external"))
                .body("items[0].position", equalTo(1));
        List<Map<String, Object>> anonymous = after.jsonPath().getList("items");
        assertFalse(linkedSlugs(anonymous).contains(target), "an unpublished target is neither a curated link nor a suggestion");
        assertEquals(List.of("external", "article", "article", "article"), anonymous.stream().map(i -> i.get("kind")).toList());
        assertEquals(alsoTagged, linkedSlugs(anonymous).subList(1, 4), "suggestions fill the hidden link's place");
        transcript.show("GET", relatedUrl(source), null, after);

        Response editor = relatedAsEditor(source);
        editor.then().statusCode(200)
                .body("items[0].article.slug", equalTo(target))
                .body("items[0].source", equalTo("curated"))
                .body("items[0].state", equalTo("draft"))
                .body("items[1].kind", equalTo("external"));
        transcript.show("GET", relatedUrl(source) + "  (Authorization: Bearer <editor token>)", null, editor);
        transcript.print("Curating, reading anonymously, unpublishing a target and reading again");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unpublished | {\"status\": \"draft\"}                       | draft",
            "scheduled   | {\"publishedAt\": \"FUTURE\"}                 | scheduled",
            "archived    | {\"status\": \"archived\"}                    | archived" })
    void shouldLeaveAHiddenTargetOutOfAnonymousAnswersAndShowItsStateToEditors(String what, String patch, String state) {
        String tag = unique("tag");
        String target = article().tags(tag).createSlug();
        String source = article().tags(tag).createSlug();
        List<String> alsoTagged = storiesTagged(tag, 3);
        String stillPublic = article().createSlug();
        curated(source, internal(target), internal(stillPublic));

        asAdmin().contentType(MERGE_PATCH)
                .body(patch.replace("FUTURE", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                .when().patch(articleUrl(target)).then().statusCode(200);

        List<Map<String, Object>> anonymous = items(source);
        assertFalse(linkedSlugs(anonymous).contains(target), what + " target must not be in an anonymous answer: " + anonymous);
        assertEquals(stillPublic, linkedSlugs(anonymous).get(0), "the public link moves up");
        assertEquals(1, anonymous.get(0).get("position"));
        assertEquals(List.of("curated", "suggested", "suggested", "suggested"), sources(anonymous));
        assertEquals(alsoTagged, linkedSlugs(anonymous).subList(1, 4), "never the hidden target as a suggestion either");

        relatedAsEditor(source).then().statusCode(200)
                .body("items[0].article.slug", equalTo(target))
                .body("items[0].state", equalTo(state))
                .body("items[0].source", equalTo("curated"))
                .body("items[1].article.slug", equalTo(stillPublic))
                .body("items[1].state", equalTo("published"));
    }

    @Test
    void shouldShowAScheduledTargetOnceItsTimeHasComeWithNoJob() {
        String tag = unique("tag");
        Instant soon = clock.stop().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String target = article().publishedAt(soon).createSlug();
        String source = article().tags(tag).createSlug();
        storiesTagged(tag, 3);
        curated(source, internal(target));
        assertFalse(linkedSlugs(items(source)).contains(target), "scheduled for " + soon + ", now " + clock.instant());
        clock.passTo(soon.minusMillis(2));
        assertFalse(linkedSlugs(items(source)).contains(target), "not shown a moment before its time");

        clock.passTo(soon);

        assertTrue(linkedSlugs(items(source)).contains(target), "shown from its publishedAt on");
        related(source).then().statusCode(200)
                .body("items[0].article.slug", equalTo(target))
                .body("items[0].source", equalTo("curated"))
                .body("items.source", contains("curated", "suggested", "suggested", "suggested"));
    }

    @Test
    void shouldShowARepublishedTargetAgainOnTheNextRead() {
        String target = article().createSlug();
        String source = article().createSlug();
        curated(source, internal(target));
        patchArticle(target, Map.of("status", "draft"));
        assertFalse(linkedSlugs(items(source)).contains(target));

        patchArticle(target, Map.of("status", "published"));

        related(source).then().statusCode(200)
                .body("items[0].article.slug", equalTo(target))
                .body("items[0].source", equalTo("curated"));
    }

    @Test
    void shouldAnswerANewETagWhenTheBlockChangesBecauseATargetWasUnpublished() {
        String target = article().createSlug();
        String source = article().createSlug();
        curated(source, internal(target));
        Response before = related(source);
        before.then().statusCode(200).body("items[0].article.slug", equalTo(target));
        String etag = before.header("ETag");

        patchArticle(target, Map.of("status", "draft"));

        Response after = related(source);
        after.then().statusCode(200);
        assertFalse(linkedSlugs(after.jsonPath().getList("items")).contains(target));
        assertNotEquals(etag, after.header("ETag"),
                "the block changed, so its entity tag must change: a cache revalidating with the old one would keep showing the hidden target");
    }

    // ---- deletions ------------------------------------------------------------------------------

    @Test
    void shouldRemoveTheLinkToADeletedTargetForEveryone() {
        String target = article().createSlug();
        String kept = article().createSlug();
        String source = article().createSlug();
        curated(source, internal(target), internal(kept));

        deleteArticle(target);

        assertFalse(linkedSlugs(items(source)).contains(target));
        List<Map<String, Object>> editor = relatedAsEditor(source).then().statusCode(200).extract().jsonPath().getList("items");
        assertFalse(linkedSlugs(editor).contains(target), "a deleted target is gone for editors too: " + editor);
        assertEquals(kept, linkedSlugs(editor).get(0));
        assertEquals("curated", editor.get(0).get("source"));
        assertEquals(1L, editor.stream().filter(i -> "curated".equals(i.get("source"))).count());
    }

    @Test
    void shouldHideATrashedTargetFromReadersAndShowItToEditorsAsTrashed() {
        String target = article().createSlug();
        String source = article().createSlug();
        curated(source, internal(target));

        RelatedApi.trashArticle(target);

        assertFalse(linkedSlugs(items(source)).contains(target), "readers do not see a trashed target");
        List<Map<String, Object>> editor = relatedAsEditor(source).then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals("trashed", editor.get(0).get("state"), "editors see where the link went: " + editor);
    }

    @Test
    void shouldDeleteAnArticlesOwnLinksWithIt() throws SQLException {
        String target = article().createSlug();
        Response created = article().createResponse();
        String source = created.jsonPath().getString("slug");
        long sourceId = created.jsonPath().getLong("id");
        curated(source, internal(target), external("https://example.org/" + unique("page"), "Elsewhere", null));
        assertEquals(2, linkRows(sourceId));

        deleteArticle(source);

        assertEquals(0, linkRows(sourceId), "the article's related links went with it");
        assertProblem(related(source), 404).body("type", endsWith("/not-found"));
        assertProblem(relatedAsEditor(source), 404);
        related(target).then().statusCode(200);
    }

    // ---- the article itself hidden ----------------------------------------------------------------

    @Test
    void shouldAnswer404ToAnonymousReadersOfADraftArticlesRelatedLinks() {
        String target = article().createSlug();
        String draft = article().draft().createSlug();
        curated(draft, internal(target));

        assertProblem(related(draft), 404).body("type", endsWith("/not-found"));
        relatedAsEditor(draft).then().statusCode(200)
                .body("items[0].article.slug", equalTo(target))
                .body("items[0].state", equalTo("published"));
    }

    @Test
    void shouldAnswer404ToAnonymousReadersOfAScheduledArticlesRelatedLinks() {
        String tag = unique("tag");
        String target = article().createSlug();
        String scheduled = article().tags(tag).publishedAt(Instant.now().plus(1, ChronoUnit.DAYS)).createSlug();
        storiesTagged(tag, 3);
        curated(scheduled, internal(target));

        assertProblem(related(scheduled), 404);
        relatedAsEditor(scheduled).then().statusCode(200).body("items.source", contains("curated", "suggested", "suggested", "suggested"));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private long linkRows(long articleId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from related_link where article_id = ?")) {
            s.setLong(1, articleId);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getLong(1);
            }
        }
    }

    /** Public articles carrying this tag, so that suggestions for an article with the tag are ours and known. */
    private static List<String> storiesTagged(String tag, int count) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slugs.add(article().tags(tag).publishedAt(Instant.now().minusSeconds(600L + 60L * i)).createSlug());
        }
        return slugs;
    }

    /** A curl-like record of requests and answers, printed for the closing note. */
    static final class Transcript {
        private final StringBuilder out = new StringBuilder();

        void show(String method, String url, String body, Response response) {
            out.append("\n$ ").append(method).append(' ').append(url).append(body == null ? "" : "  " + body).append('\n');
            out.append("< ").append(response.statusCode());
            for (String header : List.of("ETag", "Cache-Control")) {
                if (response.header(header) != null) {
                    out.append("  ").append(header).append(": ").append(response.header(header));
                }
            }
            out.append('\n');
            List<Map<String, Object>> items = response.jsonPath().getList("items");
            if (items != null) {
                for (Map<String, Object> item : items) {
                    out.append("   ").append(item.get("position")).append(". ").append(item.get("source")).append(' ')
                            .append(item.get("kind")).append(' ').append(item.get("url"))
                            .append(item.get("state") == null ? "" : "  state=" + item.get("state"))
                            .append("  \"").append(item.get("title")).append("\"\n");
                }
            } else {
                out.append("   {\"slug\": \"").append(response.jsonPath().getString("slug")).append("\", \"status\": \"")
                        .append(response.jsonPath().getString("status")).append("\", ...}\n");
            }
        }

        void print(String title) {
            System.out.println("[related transcript] " + title + out);
        }
    }
}
