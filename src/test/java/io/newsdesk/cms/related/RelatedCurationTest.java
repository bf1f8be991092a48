package io.newsdesk.cms.related;

import static io.newsdesk.cms.related.RelatedApi.ETAG;
import static io.newsdesk.cms.related.RelatedApi.PRIVATE_CACHE;
import static io.newsdesk.cms.related.RelatedApi.PUBLIC_CACHE;
import static io.newsdesk.cms.related.RelatedApi.articleUrl;
import static io.newsdesk.cms.related.RelatedApi.assertInvalidField;
import static io.newsdesk.cms.related.RelatedApi.assertProblem;
import static io.newsdesk.cms.related.RelatedApi.curate;
import static io.newsdesk.cms.related.RelatedApi.curateAs;
import static io.newsdesk.cms.related.RelatedApi.curated;
import static io.newsdesk.cms.related.RelatedApi.external;
import static io.newsdesk.cms.related.RelatedApi.internal;
import static io.newsdesk.cms.related.RelatedApi.linkedSlugs;
import static io.newsdesk.cms.related.RelatedApi.patchArticle;
import static io.newsdesk.cms.related.RelatedApi.related;
import static io.newsdesk.cms.related.RelatedApi.relatedAsEditor;
import static io.newsdesk.cms.related.RelatedApi.relatedUrl;
import static io.newsdesk.cms.related.RelatedApi.sources;
import static io.newsdesk.cms.related.RelatedApi.withoutState;
import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Editors curating PUT /articles/{slug}/related: the resolved answer, its ETag, If-Match, validation by index, roles, old slugs. */
@QuarkusTest
class RelatedCurationTest {

    // ---- the resolved answer ------------------------------------------------------------------------

    @Test
    void shouldAnswerTheResolvedListWithAnETagWhenCuratingInternalAndExternalLinks() {
        String tag = unique("tag");
        String section = category().createSlug();
        JsonPath target = article().title("Passkeys are finally replacing passwords " + unique("t"))
                .with("excerpt", "Phones become the key.")
                .with("coverImage", Map.of("url", "https://img.example.com/passkeys.jpg", "alt", "A phone", "caption", "Keys",
                        "width", 1600, "height", 900))
                .category(section).create();
        String source = article().category(section).tags(tag).createSlug();
        // two more stories sharing the source's tag fill the block up to cms.related.count (4), newest first
        String newer = article().tags(tag).publishedAt(Instant.now().minusSeconds(60)).createSlug();
        String older = article().tags(tag).publishedAt(Instant.now().minusSeconds(120)).createSlug();
        Map<String, Object> report = new LinkedHashMap<>(external("https://www.example.org/report-2024", "The full report", "120 pages, PDF"));
        report.put("image", Map.of("url", "https://www.example.org/cover.png", "alt", "Report cover", "width", 800, "height", 600));

        Response put = curate(source, List.of(internal(target.getString("slug")), report));

        put.then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", matchesPattern(ETAG))
                .header("Cache-Control", PRIVATE_CACHE)
                .header("X-Content-Type-Options", "nosniff")
                .body("items", hasSize(4))
                .body("items.position", contains(1, 2, 3, 4))
                .body("items.source", contains("curated", "curated", "suggested", "suggested"))
                .body("items.kind", contains("article", "external", "article", "article"))
                // the internal link shows its target as it stands
                .body("items[0].id", notNullValue())
                .body("items[0].title", equalTo(target.getString("title")))
                .body("items[0].url", equalTo(articleUrl(target.getString("slug"))))
                .body("items[0].excerpt", equalTo("Phones become the key."))
                .body("items[0].coverImage.url", equalTo("https://img.example.com/passkeys.jpg"))
                .body("items[0].coverImage.alt", equalTo("A phone"))
                .body("items[0].coverImage.caption", equalTo("Keys"))
                .body("items[0].coverImage.width", equalTo(1600))
                .body("items[0].coverImage.height", equalTo(900))
                .body("items[0].article.slug", equalTo(target.getString("slug")))
                .body("items[0].article.title", equalTo(target.getString("title")))
                .body("items[0].article.excerpt", equalTo("Phones become the key."))
                .body("items[0].article.coverImage.url", equalTo("https://img.example.com/passkeys.jpg"))
                .body("items[0].article.publishedAt", equalTo(target.getString("publishedAt")))
                // the external link: its image is the cover, its description the excerpt, no article
                .body("items[1].id", notNullValue())
                .body("items[1].title", equalTo("The full report"))
                .body("items[1].url", equalTo("https://www.example.org/report-2024"))
                .body("items[1].excerpt", equalTo("120 pages, PDF"))
                .body("items[1].coverImage.url", equalTo("https://www.example.org/cover.png"))
                .body("items[1].coverImage.alt", equalTo("Report cover"))
                .body("items[1].coverImage.width", equalTo(800))
                .body("items[1].coverImage.height", equalTo(600))
                .body("items[1].article", nullValue())
                // suggestions fill up: no id, the newest sharing the tag first
                .body("items[2].id", nullValue())
                .body("items[3].id", nullValue())
                .body("items[2].article.slug", equalTo(newer))
                .body("items[3].article.slug", equalTo(older));
        String etag = put.header("ETag");

        Response editorRead = relatedAsEditor(source);
        editorRead.then().statusCode(200).header("ETag", etag).header("Cache-Control", PRIVATE_CACHE);
        assertEquals(put.jsonPath().getList("items"), editorRead.jsonPath().getList("items"),
                "an editor's GET answers what the PUT answered");

        Response anonymousRead = related(source);
        anonymousRead.then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", etag)
                .header("Cache-Control", PUBLIC_CACHE)
                .header("X-Content-Type-Options", "nosniff")
                .body("items.state", everyItem(nullValue()));
        assertEquals(withoutState(put.jsonPath().getList("items")), anonymousRead.jsonPath().getList("items"),
                "an anonymous GET answers the same block, without the editors' state");
    }

    @Test
    void shouldShowAnEditorTheStateOfEachInternalLinkInThePutAnswer() {
        String target = article().createSlug();
        String source = article().createSlug();

        curate(source, List.of(internal(target), external("https://example.org/" + unique("x"), "Elsewhere", null)))
                .then().statusCode(200)
                .body("items[0].state", equalTo("published"))
                .body("items[1].kind", equalTo("external"))
                .body("items[1].excerpt", nullValue())
                .body("items[1].coverImage", nullValue());
    }

    // ---- If-Match -----------------------------------------------------------------------------------

    @Test
    void shouldRefuseAStaleIfMatchAndAcceptTheCurrentOne() {
        String first = article().createSlug();
        String second = article().createSlug();
        String source = article().createSlug();
        String original = related(source).then().statusCode(200).header("ETag", matchesPattern(ETAG)).extract().header("ETag");

        Response update = asAdmin().contentType(ContentType.JSON).header("If-Match", original).body(List.of(internal(first)))
                .when().put(relatedUrl(source));
        update.then().statusCode(200).header("ETag", matchesPattern(ETAG));
        String current = update.header("ETag");
        assertNotEquals(original, current, "a change answers a new ETag");

        Response stale = asAdmin().contentType(ContentType.JSON).header("If-Match", original).body(List.of(internal(second)))
                .when().put(relatedUrl(source));
        assertProblem(stale, 412).body("type", endsWith("/precondition-failed")).header("ETag", current);
        assertEquals(List.of(first), curatedSlugs(source), "the stale write changed nothing");

        Response fresh = asAdmin().contentType(ContentType.JSON).header("If-Match", current).body(List.of(internal(second)))
                .when().put(relatedUrl(source));
        fresh.then().statusCode(200).header("ETag", matchesPattern(ETAG)).body("items[0].article.slug", equalTo(second));
        assertNotEquals(current, fresh.header("ETag"));
        related(source).then().statusCode(200).header("ETag", fresh.header("ETag"));
    }

    // ---- validation, entry by entry -----------------------------------------------------------------

    @Test
    void shouldNameAnUnknownSlugByItsIndex() {
        String known = article().createSlug();
        String source = article().createSlug();
        String etag = curated(source, internal(known));

        Response response = curate(source, List.of(internal(known), internal(unique("no-such-article"))));

        assertInvalidField(response, "[1].articleSlug").body("errors", hasSize(1));
        assertUnchanged(source, etag, List.of(known));
    }

    @Test
    void shouldRefuseALinkToTheArticleItself() {
        String source = article().createSlug();

        assertInvalidField(curate(source, List.of(internal(source))), "[0].articleSlug")
                .body("errors[0].message", containsString("itself"));
    }

    @Test
    void shouldRefuseTheSameArticleTwice() {
        String target = article().createSlug();
        String source = article().createSlug();

        assertInvalidField(curate(source, List.of(internal(target), internal(target))), "[1].articleSlug")
                .body("errors", hasSize(1));
    }

    @Test
    void shouldRefuseTheSameUrlTwice() {
        String source = article().createSlug();
        String url = "https://example.org/" + unique("page");

        assertInvalidField(curate(source, List.of(external(url, "One", null), external(url, "Two", null))), "[1].url")
                .body("errors", hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "javascript:alert(1)", "ftp://files.example.org/report.pdf", "data:text/html,hi", "//example.org/x",
            "example.org/page" })
    void shouldRefuseAUrlThatIsNotHttpOrHttps(String url) {
        String source = article().createSlug();

        assertInvalidField(curate(source, List.of(external(url, "Bad link", null))), "[0].url")
                .body("errors[0].message", containsString("http"));
        assertEquals(List.of(), curatedSlugs(source));
    }

    @Test
    void shouldNameAnInvalidImageOfAnExternalLinkByIndex() {
        String source = article().createSlug();
        Map<String, Object> link = new LinkedHashMap<>(external("https://example.org/" + unique("page"), "Elsewhere", null));
        link.put("image", Map.of("url", "javascript:alert(1)", "alt", "x"));

        assertInvalidField(curate(source, List.of(external("https://example.org/" + unique("page"), "Fine", null), link)), "[1].image.url");
    }

    @Test
    void shouldRefuseATitleOnAnInternalLinkWhoseTeaserComesFromTheArticle() {
        String target = article().createSlug();
        String source = article().createSlug();

        assertInvalidField(curate(source, List.of(Map.of("articleSlug", target, "title", "My own title"))), "[0]");
    }

    @Test
    void shouldRequireATitleForAnExternalLink() {
        String source = article().createSlug();

        assertInvalidField(curate(source, List.of(Map.of("url", "https://example.org/" + unique("page")))), "[0].title");
        assertInvalidField(curate(source, List.of(Map.of("url", "https://example.org/" + unique("page"), "title", "  "))), "[0].title");
    }

    @Test
    void shouldRefuseAnEntryWithBothAnArticleSlugAndAUrl() {
        String target = article().createSlug();
        String source = article().createSlug();

        assertInvalidField(curate(source, List.of(Map.of("articleSlug", target, "url", "https://example.org/x", "title", "X"))), "[0]")
                .body("errors[0].message", containsString("either"));
    }

    @Test
    void shouldRefuseAnEntryWithNeitherAnArticleSlugNorAUrl() {
        String target = article().createSlug();
        String source = article().createSlug();

        assertInvalidField(curate(source, List.of(internal(target), Map.of("title", "Nothing to link"))), "[1]")
                .body("errors[0].message", containsString("either"));
    }

    @Test
    void shouldNameEveryInvalidEntryAtOnce() {
        String source = article().createSlug();

        assertInvalidField(curate(source, List.of(internal(source), external("ftp://x.example.org", "F", null),
                internal(unique("missing")))), "[0].articleSlug")
                .body("errors.field", contains("[0].articleSlug", "[1].url", "[2].articleSlug"));
    }

    @Test
    void shouldAcceptTwentyEntriesAndRefuseTwentyOne() {
        String source = article().createSlug();
        List<Object> twenty = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            twenty.add(external("https://example.org/" + unique("page"), "Page " + i, null));
        }
        curate(source, twenty).then().statusCode(200).body("items", hasSize(20))
                .body("items.source", everyItem(equalTo("curated")));

        List<Object> twentyOne = new ArrayList<>(twenty);
        twentyOne.add(external("https://example.org/" + unique("page"), "Page 21", null));
        assertProblem(curate(source, twentyOne), 400).body("type", endsWith("/invalid-input"))
                .body("detail", containsString("20"));
        relatedAsEditor(source).then().statusCode(200).body("items", hasSize(20));
    }

    @Test
    void shouldRefuseABodyThatIsNotAnArray() {
        String target = article().createSlug();
        String source = article().createSlug();

        assertProblem(curate(source, internal(target)), 400);
        assertProblem(curate(source, "\"" + target + "\""), 400);
        assertProblem(curate(source, "null"), 400);
        assertEquals(List.of(), curatedSlugs(source));
    }

    @Test
    void shouldRefuseMalformedJson() {
        String source = article().createSlug();

        assertProblem(curate(source, "[{\"articleSlug\": "), 400);
        assertProblem(curate(source, "[{\"articleSlug\" \"x\"}]"), 400);
        assertProblem(curate(source, "[1, 2"), 400);
        assertInvalidField(curate(source, "[{\"articleSlug\": \"x\", \"colour\": \"red\"}]"), "[0].colour");
    }

    @Test
    void shouldClearTheCuratedListWithAnEmptyArray() {
        String target = article().createSlug();
        String source = article().createSlug();
        String before = curated(source, internal(target), external("https://example.org/" + unique("page"), "Elsewhere", null));

        Response cleared = curate(source, List.of());

        cleared.then().statusCode(200).header("ETag", matchesPattern(ETAG))
                .body("items.source", everyItem(equalTo("suggested")));
        assertNotEquals(before, cleared.header("ETag"));
        assertEquals(List.of(), curatedSlugs(source));
        related(source).then().statusCode(200).header("ETag", cleared.header("ETag"))
                .body("items.source", everyItem(equalTo("suggested")));
    }

    // ---- who may curate -----------------------------------------------------------------------------

    @Test
    void shouldAskForATokenWhenCuratingAnonymously() {
        String target = article().createSlug();
        String source = article().createSlug();

        Response response = anonymous().contentType(ContentType.JSON).body(List.of(internal(target)))
                .when().put(relatedUrl(source));

        assertProblem(response, 401).header("WWW-Authenticate", startsWith("Bearer"));
        assertEquals(List.of(), curatedSlugs(source));
    }

    @Test
    void shouldForbidAnAuthorToCurateSomeoneElsesArticle() {
        String author = token("author");
        String target = article().createSlug();
        String othersDraft = article().draft().createSlug();
        String othersStory = article().createSlug();

        // another writer's draft is not there for an author; another writer's public story is, and is not theirs to curate
        assertProblem(curateAs(author, othersDraft, List.of(internal(target))), 404);
        assertEquals(List.of(), curatedSlugs(othersDraft));
        assertProblem(curateAs(author, othersStory, List.of(internal(target))), 403);
        assertEquals(List.of(), curatedSlugs(othersStory));
    }

    @Test
    void shouldLetAnAuthorCurateTheirOwnDraft() {
        String author = token("author");
        String target = article().createSlug();
        String ownDraft = as(author).contentType(ContentType.JSON)
                .body(article().draft().body())
                .when().post(RelatedApi.ARTICLES)
                .then().statusCode(201).body("status", equalTo("draft")).extract().jsonPath().getString("slug");

        curateAs(author, ownDraft, List.of(internal(target))).then().statusCode(200)
                .header("ETag", matchesPattern(ETAG))
                .body("items[0].source", equalTo("curated"))
                .body("items[0].article.slug", equalTo(target));
        assertEquals(List.of(target), curatedSlugs(ownDraft));
    }

    // ---- old slugs ----------------------------------------------------------------------------------

    @Test
    void shouldRedirectAnOldSlugWith308ForPutAnd301ForGet() {
        String target = article().createSlug();
        String oldSlug = article().createSlug();
        String newSlug = unique("renamed");
        patchArticle(oldSlug, Map.of("slug", newSlug));

        Response put = curate(oldSlug, List.of(internal(target)));
        assertProblem(put, 308);
        assertEquals(relatedUrl(newSlug), URI.create(put.header("Location")).getPath());
        assertEquals(List.of(), curatedSlugs(newSlug), "a redirected PUT changed nothing");

        Response get = related(oldSlug);
        assertProblem(get, 301);
        assertEquals(relatedUrl(newSlug), URI.create(get.header("Location")).getPath());

        curate(newSlug, List.of(internal(target))).then().statusCode(200);
        assertEquals(List.of(target), curatedSlugs(newSlug));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** The curated internal links of an article as an editor sees them (every state), in order. */
    private static List<String> curatedSlugs(String slug) {
        List<Map<String, Object>> items = relatedAsEditor(slug).then().statusCode(200).extract().jsonPath().getList("items");
        List<Map<String, Object>> curated = items.stream().filter(i -> "curated".equals(i.get("source"))).toList();
        return linkedSlugs(curated);
    }

    private static void assertUnchanged(String source, String etag, List<String> curatedSlugs) {
        Response read = relatedAsEditor(source);
        read.then().statusCode(200).header("ETag", etag);
        assertEquals(curatedSlugs, curatedSlugs(source), "a refused write changed nothing");
        assertEquals(curatedSlugs.size(), sources(read.jsonPath().getList("items")).stream().filter("curated"::equals).count());
    }
}
