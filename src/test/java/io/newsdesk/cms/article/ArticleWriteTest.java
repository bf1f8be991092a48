package io.newsdesk.cms.article;

import static io.newsdesk.cms.article.Api.ARTICLES;
import static io.newsdesk.cms.article.Api.articleUrl;
import static io.newsdesk.cms.article.Api.assertInvalidField;
import static io.newsdesk.cms.article.Api.assertLocationIsArticle;
import static io.newsdesk.cms.article.Api.assertNotFound;
import static io.newsdesk.cms.article.Api.assertProblem;
import static io.newsdesk.cms.article.Api.read;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Editors' writes on /articles: create, replace, merge-patch, delete, slugs, validation and If-Match. */
@QuarkusTest
class ArticleWriteTest {

    @Inject
    TestClock clock;

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String ETAG = "\"[^\"]+\"";

    // ---- create -------------------------------------------------------------------------------

    @Test
    void shouldCreateADraftFromATitleAlone() {
        String token = unique("minimal");

        Response response = post(Map.of("title", "Minimal " + token));

        response.then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("X-Content-Type-Options", "nosniff")
                .header("ETag", matchesPattern(ETAG))
                .body("id", not(nullValue()))
                .body("slug", equalTo("minimal-" + token))
                .body("title", equalTo("Minimal " + token))
                .body("status", equalTo("draft"))
                .body("publishedAt", nullValue())
                .body("body", equalTo(""))
                .body("bodyHtml", equalTo(""))
                .body("excerpt", equalTo(""))
                .body("readingTimeMinutes", equalTo(0))
                .body("coverImage", nullValue())
                .body("category", nullValue())
                .body("tags", empty())
                .body("author.name", nullValue())
                .body("commentsOpen", equalTo(true))
                .body("commentCount", equalTo(0));
        assertLocationIsArticle(response, "minimal-" + token);
        // a draft stays invisible to anonymous readers
        assertNotFound(read("minimal-" + token));
    }

    @Test
    void shouldFoldAccentsWhenGeneratingTheSlug() {
        String token = unique("fold");

        post(Map.of("title", "Café Déjà Vu: Ærø Straße " + token))
                .then().statusCode(201).body("slug", equalTo("cafe-deja-vu-aero-strasse-" + token));
    }

    @Test
    void shouldSuffixAGeneratedSlugThatIsTaken() {
        String title = "Same Title " + unique("clash");
        String base = title.toLowerCase().replace(' ', '-');

        post(Map.of("title", title)).then().statusCode(201).body("slug", equalTo(base));
        Response second = post(Map.of("title", title));
        second.then().statusCode(201).body("slug", equalTo(base + "-2"));
        assertLocationIsArticle(second, base + "-2");
        post(Map.of("title", title)).then().statusCode(201).body("slug", equalTo(base + "-3"));
    }

    @Test
    void shouldNotGiveAGeneratedSlugThatStillRedirects() {
        String title = "Moved Away " + unique("held");
        String base = title.toLowerCase().replace(' ', '-');
        post(Map.of("title", title, "status", "published")).then().statusCode(201).body("slug", equalTo(base));
        patch(base, Map.of("slug", unique("elsewhere"))).then().statusCode(200);

        post(Map.of("title", title)).then().statusCode(201).body("slug", equalTo(base + "-2"));
    }

    @Test
    void shouldRefuseAnExplicitSlugThatIsTaken() {
        String slug = article().createSlug();

        Response response = post(Map.of("title", "Another story", "slug", slug));

        assertProblem(response, 409).body("type", endsWith("/conflict")).body("detail", containsString(slug));
        read(slug).then().statusCode(200).body("title", equalTo("Article " + slug));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Not-Lowercase", "with space", "-leading", "trailing-", "double--hyphen", "ünïcode", "under_score", "" })
    void shouldRejectASlugOutsideThePattern(String slug) {
        assertInvalidField(post(Map.of("title", "Bad slug", "slug", slug)), "slug");
    }

    @Test
    void shouldRejectASlugLongerThan200Characters() {
        assertInvalidField(post(Map.of("title", "Long slug", "slug", "a".repeat(201))), "slug");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"title\": \"Unclosed", "{\"title\": \"Trailing comma\",}", "title=not-json", "{\"title\": \"Two\"} {}",
            "[\"an\", \"array\"]", "\"a string\"" })
    void shouldRejectMalformedJson(String body) {
        Response response = asAdmin().contentType(ContentType.JSON).body(body).when().post(ARTICLES);

        assertProblem(response, 400);
    }

    @Test
    void shouldRejectAnEmptyBody() {
        assertProblem(asAdmin().contentType(ContentType.JSON).body("").when().post(ARTICLES), 400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "title         | 5",
            "title         | [\"x\"]",
            "tags          | \"x\"",
            "tags          | [1, 2]",
            "commentsOpen  | \"yes\"",
            "commentsOpen  | 1",
            "publishedAt   | \"next tuesday\"",
            "coverImage    | \"https://img.example.com/a.jpg\"" })
    void shouldRejectAValueOfTheWrongTypeNamingTheField(String field, String json) {
        String body = field.equals("title")
                ? "{\"title\": " + json + "}"
                : "{\"title\": \"Typed\", \"" + field + "\": " + json + "}";

        Response response = asAdmin().contentType(ContentType.JSON).body(body).when().post(ARTICLES);

        assertProblem(response, 400).body("errors.field", contains(startsWith(field)));
    }

    @Test
    void shouldRejectAnUnknownStatusNamingTheValues() {
        assertInvalidField(post(Map.of("title", "Status", "status", "live")), "status")
                .body("errors[0].message", containsString("draft"))
                .body("errors[0].message", containsString("published"))
                .body("errors[0].message", containsString("archived"));
    }

    @Test
    void shouldRejectAnUnknownField() {
        assertInvalidField(post(Map.of("title", "Typo", "colour", "red")), "colour");
    }

    @Test
    void shouldRejectAMissingOrBlankTitle() {
        assertInvalidField(post(Map.of("excerpt", "No title")), "title");
        assertInvalidField(post(Map.of("title", "   ")), "title");
    }

    @Test
    void shouldRejectAnUnknownCategorySlug() {
        String missing = unique("no-such-category");

        assertInvalidField(post(Map.of("title", "Lost", "categorySlug", missing)), "categorySlug")
                .body("detail", containsString(missing));
    }

    @ParameterizedTest
    @ValueSource(strings = { "javascript:alert(1)", "data:image/png;base64,AAAA", "ftp://img.example.com/a.jpg", "/relative.jpg" })
    void shouldRejectACoverImageUrlThatIsNotHttp(String url) {
        assertInvalidField(post(Map.of("title", "Cover", "coverImage", Map.of("url", url))), "coverImage.url");
    }

    @Test
    void shouldRefuseAWrongContentTypeWith415() {
        Response response = asAdmin().contentType(ContentType.TEXT).body("title=Plain").when().post(ARTICLES);

        assertProblem(response, 415);
    }

    @Test
    void shouldRefuseABodyOverTheSizeLimitWith413() {
        Response response = postOversizeBody();

        response.then().statusCode(413).header("X-Content-Type-Options", "nosniff");
        given().queryParam("q", OVERSIZE_TITLE).when().get(ARTICLES).then().statusCode(200).body("items", empty());
    }

    @Test
    void shouldDescribeABodyOverTheSizeLimitAsAProblem() {
        assertProblem(postOversizeBody(), 413);
    }

    @Test
    void shouldRejectTooManyOrTooLongTags() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("tag" + i);
        }
        assertInvalidField(post(Map.of("title", "Tags", "tags", many)), "tags");
        assertProblem(post(Map.of("title", "Tags", "tags", List.of("ok", "x".repeat(51)))), 400)
                .body("errors.field", contains(startsWith("tags")));
    }

    @Test
    void shouldDropDuplicateTagsIgnoringCaseAndTidyTheirSpaces() {
        post(Map.of("title", "Tidy " + unique("tags"), "tags", List.of("AI", "  Machine   Learning ", "ai", "machine learning")))
                .then().statusCode(201).body("tags", contains("AI", "Machine Learning"));
    }

    @Test
    void shouldAnswerTimestampsInUtc() {
        Response response = post(Map.of("title", "Zoned " + unique("tz"), "status", "published",
                "publishedAt", "2024-02-23T11:30:00+02:00"));

        response.then().statusCode(201)
                .body("publishedAt", equalTo("2024-02-23T09:30:00Z"))
                .body("createdAt", endsWith("Z"))
                .body("updatedAt", endsWith("Z"));
        read(response.jsonPath().getString("slug")).then().statusCode(200).body("publishedAt", equalTo("2024-02-23T09:30:00Z"));
    }

    @Test
    void shouldSetPublishedAtToAboutNowWhenPublishingWithoutOne() {
        Instant before = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Response response = post(Map.of("title", "Breaking " + unique("now"), "status", "published"));
        Instant after = clock.instant();

        response.then().statusCode(201).body("status", equalTo("published"));
        Instant publishedAt = Instant.parse(response.jsonPath().getString("publishedAt"));
        assertFalse(publishedAt.isBefore(before), publishedAt + " before " + before);
        assertFalse(publishedAt.isAfter(after), publishedAt + " after " + after);
        read(response.jsonPath().getString("slug")).then().statusCode(200);
    }

    @Test
    void shouldSetPublishedAtWhenADraftIsPublishedByPatch() {
        String slug = post(Map.of("title", "Later " + unique("pub"))).then().statusCode(201).extract().path("slug");
        Instant before = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        Response response = patch(slug, Map.of("status", "published"));

        response.then().statusCode(200).body("status", equalTo("published"));
        Instant publishedAt = Instant.parse(response.jsonPath().getString("publishedAt"));
        assertTrue(!publishedAt.isBefore(before) && !publishedAt.isAfter(clock.instant()), "about now: " + publishedAt);
        read(slug).then().statusCode(200);
    }

    @Test
    void shouldDeriveReadingTimeAndExcerptFromTheBody() {
        String paragraph = "Frontier labs chase scale while a growing crowd of startups bets on models that fit on a phone. ";
        String body = "# Heading\n\n" + paragraph.repeat(25); // 25 x 18 words = 450 words: 3 minutes at 200 a minute
        Response response = post(Map.of("title", "Long read " + unique("long"), "body", body));

        response.then().statusCode(201)
                .body("readingTimeMinutes", equalTo(3))
                .body("excerpt", startsWith("Frontier labs chase scale while"))
                .body("excerpt", not(containsString("Heading")))
                .body("excerpt", endsWith("…"))
                .body("excerpt.length()", lessThanOrEqualTo(201));
    }

    @Test
    void shouldPreferTheEditorsExcerpt() {
        post(Map.of("title", "Teaser " + unique("ex"), "body", "The *body* text.", "excerpt", "  The editor's teaser.  "))
                .then().statusCode(201)
                .body("excerpt", equalTo("The editor's teaser."))
                .body("readingTimeMinutes", equalTo(1));
    }

    // ---- replace ------------------------------------------------------------------------------

    @Test
    void shouldResetEveryFieldLeftOutOfAPut() {
        String slug = fullArticle();

        Response response = put(slug, Map.of("title", "Replaced"));

        response.then().statusCode(200)
                .header("ETag", matchesPattern(ETAG))
                .body("slug", equalTo(slug))
                .body("title", equalTo("Replaced"))
                .body("status", equalTo("draft"))
                .body("publishedAt", nullValue())
                .body("body", equalTo(""))
                .body("excerpt", equalTo(""))
                .body("coverImage", nullValue())
                .body("category", nullValue())
                .body("tags", empty())
                .body("author.name", nullValue())
                .body("commentsOpen", equalTo(true));
        assertNotFound(read(slug));
    }

    @Test
    void shouldKeepTheOldSlugAsARedirectWhenAPutChangesIt() {
        String oldSlug = article().createSlug();
        String newSlug = unique("moved");

        put(oldSlug, Map.of("title", "Moved", "slug", newSlug, "status", "published"))
                .then().statusCode(200).body("slug", equalTo(newSlug));

        Response get = read(oldSlug);
        get.then().statusCode(301);
        assertLocationIsArticle(get, newSlug);
        Response write = asAdmin().redirects().follow(false).contentType(ContentType.JSON)
                .body(Map.of("title", "Again", "status", "published"))
                .when().put(articleUrl(oldSlug));
        write.then().statusCode(308).header("X-Content-Type-Options", "nosniff");
        assertLocationIsArticle(write, newSlug);
        read(newSlug).then().statusCode(200).body("title", equalTo("Moved"));
    }

    @Test
    void shouldServeTheArticleAtItsNewSlugAfterAPutChangesIt() {
        String oldSlug = article().createSlug();
        String newSlug = unique("moved");

        Response response = put(oldSlug, Map.of("title", "Moved", "slug", newSlug, "status", "published"));

        response.then().statusCode(200).body("slug", equalTo(newSlug));
        read(newSlug).then().statusCode(200).body("slug", equalTo(newSlug)).body("title", equalTo("Moved"));
        assertNotEquals(200, read(oldSlug).statusCode(), "the old slug no longer serves the article itself");
    }

    @Test
    void shouldAnswerNotFoundForAPutOnAnUnknownSlug() {
        assertNotFound(put(unique("nothing-here"), Map.of("title", "Ghost")));
    }

    @Test
    void shouldRefuseAPutToASlugTakenByAnotherArticle() {
        String mine = article().createSlug();
        String theirs = article().createSlug();

        assertProblem(put(mine, Map.of("title", "Mine", "slug", theirs)), 409).body("type", endsWith("/conflict"));
        read(mine).then().statusCode(200);
        read(theirs).then().statusCode(200).body("title", equalTo("Article " + theirs));
    }

    // ---- merge patch --------------------------------------------------------------------------

    @Test
    void shouldChangeOnlyTheFieldsAPatchSends() {
        String slug = fullArticle();
        Map<String, Object> before = read(slug).then().statusCode(200).extract().jsonPath().getMap("");

        Response response = patch(slug, Map.of("title", "Patched title"));

        response.then().statusCode(200).body("title", equalTo("Patched title"));
        Map<String, Object> after = read(slug).then().statusCode(200).extract().jsonPath().getMap("");
        for (String unchanged : List.of("id", "slug", "excerpt", "body", "bodyHtml", "coverImage", "category", "tags", "author",
                "publishedAt", "status", "commentsOpen", "readingTimeMinutes", "createdAt")) {
            assertEquals(before.get(unchanged), after.get(unchanged), unchanged);
        }
    }

    @Test
    void shouldClearTheCoverImageWhenAPatchSendsNull() {
        String slug = fullArticle();
        Map<String, Object> clear = new HashMap<>();
        clear.put("coverImage", null);

        patch(slug, clear).then().statusCode(200)
                .body("coverImage", nullValue())
                .body("tags", contains("Chips", "Energy"))
                .body("category.slug", not(emptyOrNullString()))
                .body("status", equalTo("published"));
        read(slug).then().statusCode(200).body("coverImage", nullValue());
    }

    @Test
    void shouldMergeIntoANestedObject() {
        String slug = fullArticle();

        patch(slug, Map.of("coverImage", Map.of("alt", "New alt"))).then().statusCode(200)
                .body("coverImage.url", equalTo("https://img.example.com/cover.jpg"))
                .body("coverImage.alt", equalTo("New alt"))
                .body("coverImage.width", equalTo(1600));
    }

    @Test
    void shouldRejectAPatchThatClearsTheTitle() {
        String slug = fullArticle();
        Map<String, Object> clear = new HashMap<>();
        clear.put("title", null);

        assertInvalidField(patch(slug, clear), "title");
        read(slug).then().statusCode(200).body("title", equalTo("Full " + slug));
    }

    @Test
    void shouldRejectAPatchWithAWrongTypeNamingTheField() {
        String slug = fullArticle();

        assertInvalidField(asAdmin().contentType(MERGE_PATCH).body("{\"commentsOpen\": \"yes\"}").when().patch(articleUrl(slug)),
                "commentsOpen");
        assertInvalidField(patch(slug, Map.of("status", "live")), "status");
        assertInvalidField(patch(slug, Map.of("colour", "red")), "colour");
    }

    @Test
    void shouldRejectAMalformedPatch() {
        String slug = fullArticle();

        assertProblem(asAdmin().contentType(MERGE_PATCH).body("{\"title\": ").when().patch(articleUrl(slug)), 400);
        assertProblem(asAdmin().contentType(MERGE_PATCH).body("[1, 2]").when().patch(articleUrl(slug)), 400);
    }

    @Test
    void shouldRedirectAPatchOnAnOldSlugWith308() {
        String oldSlug = article().createSlug();
        String newSlug = unique("moved");
        patch(oldSlug, Map.of("slug", newSlug)).then().statusCode(200).body("slug", equalTo(newSlug));

        Response response = asAdmin().redirects().follow(false).contentType(MERGE_PATCH).body(Map.of("title", "Through old"))
                .when().patch(articleUrl(oldSlug));

        response.then().statusCode(308);
        assertLocationIsArticle(response, newSlug);
        read(newSlug).then().statusCode(200).body("title", equalTo("Article " + oldSlug));
    }

    // ---- If-Match -----------------------------------------------------------------------------

    @Test
    void shouldApplyAWriteWhoseIfMatchIsCurrentAndAnswerANewETag() {
        Response created = article().createResponse();
        String slug = created.jsonPath().getString("slug");
        String etag = created.header("ETag");
        read(slug).then().header("ETag", equalTo(etag));

        Response patched = asAdmin().header("If-Match", etag).contentType(MERGE_PATCH).body(Map.of("title", "Edited"))
                .when().patch(articleUrl(slug));

        patched.then().statusCode(200).header("ETag", matchesPattern(ETAG)).body("title", equalTo("Edited"));
        assertNotEquals(etag, patched.header("ETag"));
        read(slug).then().header("ETag", equalTo(patched.header("ETag")));

        Response replaced = asAdmin().header("If-Match", patched.header("ETag")).contentType(ContentType.JSON)
                .body(Map.of("title", "Replaced", "status", "published")).when().put(articleUrl(slug));
        replaced.then().statusCode(200).body("title", equalTo("Replaced"));
        assertNotEquals(patched.header("ETag"), replaced.header("ETag"));
    }

    @Test
    void shouldRefuseAStalePatchWith412AndTheCurrentETag() {
        Response created = article().createResponse();
        String slug = created.jsonPath().getString("slug");
        String stale = created.header("ETag");
        String current = patch(slug, Map.of("title", "Someone else's edit")).then().statusCode(200).extract().header("ETag");

        Response response = asAdmin().header("If-Match", stale).contentType(MERGE_PATCH).body(Map.of("title", "Mine"))
                .when().patch(articleUrl(slug));

        assertProblem(response, 412).body("type", endsWith("/precondition-failed")).header("ETag", equalTo(current));
        read(slug).then().body("title", equalTo("Someone else's edit"));
    }

    @Test
    void shouldRefuseAStalePutWith412AndTheCurrentETag() {
        Response created = article().createResponse();
        String slug = created.jsonPath().getString("slug");
        String stale = created.header("ETag");
        String current = patch(slug, Map.of("title", "Someone else's edit")).then().statusCode(200).extract().header("ETag");

        Response response = asAdmin().header("If-Match", stale).contentType(ContentType.JSON)
                .body(Map.of("title", "Mine", "status", "published")).when().put(articleUrl(slug));

        assertProblem(response, 412).header("ETag", equalTo(current));
        read(slug).then().body("title", equalTo("Someone else's edit"));
    }

    @Test
    void shouldRefuseAStaleDeleteWith412AndKeepTheArticle() {
        Response created = article().createResponse();
        String slug = created.jsonPath().getString("slug");
        String stale = created.header("ETag");
        String current = patch(slug, Map.of("title", "Someone else's edit")).then().statusCode(200).extract().header("ETag");

        assertProblem(asAdmin().header("If-Match", stale).when().delete(articleUrl(slug)), 412).header("ETag", equalTo(current));
        read(slug).then().statusCode(200);

        asAdmin().header("If-Match", current).when().delete(articleUrl(slug)).then().statusCode(204);
    }

    // ---- delete -------------------------------------------------------------------------------

    @Test
    void shouldDeleteAnArticle() {
        String section = category().createSlug();
        String slug = article().category(section).createSlug();

        asAdmin().when().delete(articleUrl(slug))
                .then().statusCode(204)
                .header("X-Content-Type-Options", "nosniff")
                .body(emptyOrNullString());

        assertNotFound(read(slug));
        asAdmin().when().delete(articleUrl(slug)).then().statusCode(204); // in the trash already: nothing changes
        given().queryParam("category", section).when().get(ARTICLES).then().statusCode(200).header("X-Total-Count", "0");
        given().when().get("/api/v1/categories/" + section).then().statusCode(200).body("articleCount", equalTo(0));
    }

    @Test
    void shouldStopRedirectingTheOldSlugOfADeletedArticle() {
        String oldSlug = article().createSlug();
        String newSlug = unique("moved");
        patch(oldSlug, Map.of("slug", newSlug)).then().statusCode(200);
        read(oldSlug).then().statusCode(301);

        asAdmin().queryParam("permanent", "true").when().delete(articleUrl(newSlug)).then().statusCode(204);

        assertNotFound(read(oldSlug)).header("Location", nullValue());
        assertNotFound(asAdmin().redirects().follow(false).when().delete(articleUrl(oldSlug)));
    }

    @Test
    void shouldFreeTheSlugOfAnArticleRemovedForGood() {
        String slug = article().createSlug();
        asAdmin().queryParam("permanent", "true").when().delete(articleUrl(slug)).then().statusCode(204);

        post(Map.of("title", "Second life", "slug", slug, "status", "published")).then().statusCode(201).body("slug", equalTo(slug));
        read(slug).then().statusCode(200).body("title", equalTo("Second life"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A published article with every field set; its slug. */
    private static String fullArticle() {
        String section = category().createSlug();
        String slug = unique("full");
        article().slug(slug).title("Full " + slug).category(section).tags("Chips", "Energy")
                .body("First paragraph of the **full** story.\n\nSecond paragraph.")
                .with("excerpt", "The editor's teaser.")
                .with("authorName", "Maya Lindqvist")
                .with("commentsOpen", false)
                .with("coverImage", Map.of("url", "https://img.example.com/cover.jpg", "alt", "Racks", "caption", "A caption",
                        "width", 1600, "height", 900))
                .publishedAt(Instant.now().minus(Duration.ofHours(2)))
                .createSlug();
        return slug;
    }

    private static final String OVERSIZE_TITLE = unique("huge").replace("-", "");

    /** A JSON body of about 1.1 MB, over the 1 MB limit. */
    private static Response postOversizeBody() {
        String body = "{\"title\": \"" + OVERSIZE_TITLE + "\", \"body\": \"" + "x".repeat(1_100_000) + "\"}";
        return asAdmin().contentType(ContentType.JSON).body(body).when().post(ARTICLES);
    }

    /** POST /articles as the admin. */
    private static Response post(Map<String, ?> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).when().post(ARTICLES);
    }

    /** PUT /articles/{slug} as the admin. */
    private static Response put(String slug, Map<String, ?> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).when().put(articleUrl(slug));
    }

    /** PATCH /articles/{slug} as the admin. */
    private static Response patch(String slug, Map<String, ?> body) {
        return asAdmin().contentType(MERGE_PATCH).body(body).when().patch(articleUrl(slug));
    }
}
