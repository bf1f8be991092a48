package io.newsdesk.cms.article;

import static io.newsdesk.cms.article.Api.ARTICLES;
import static io.newsdesk.cms.article.Api.assertInvalidField;
import static io.newsdesk.cms.article.Api.assertLocationIsArticle;
import static io.newsdesk.cms.article.Api.assertNotFound;
import static io.newsdesk.cms.article.Api.assertProblem;
import static io.newsdesk.cms.article.Api.linkedPage;
import static io.newsdesk.cms.article.Api.links;
import static io.newsdesk.cms.article.Api.query;
import static io.newsdesk.cms.article.Api.read;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The anonymous reading side of /articles: lists, filters, orders, single reads, visibility and old slugs. */
@QuarkusTest
class ArticleReadTest {

    @Inject
    TestClock clock;

    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    // ---- the list envelope and its headers ------------------------------------------------------

    @Test
    void shouldWrapAPageInTheListEnvelopeWithLinkAndTotalCountHeaders() {
        String section = category().createSlug();
        List<String> newestFirst = publishedInOrder(section, 5);

        Response response = given().queryParam("category", section).queryParam("size", 2).queryParam("page", 2)
                .when().get(ARTICLES);

        response.then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Total-Count", "5")
                .body("page", equalTo(2))
                .body("size", equalTo(2))
                .body("totalItems", equalTo(5))
                .body("totalPages", equalTo(3))
                .body("items.slug", contains(newestFirst.get(2), newestFirst.get(3)));
        Map<String, URI> links = links(response);
        assertEquals(List.of("first", "prev", "next", "last"), List.copyOf(links.keySet()));
        assertEquals(1, linkedPage(links, "first"));
        assertEquals(1, linkedPage(links, "prev"));
        assertEquals(3, linkedPage(links, "next"));
        assertEquals(3, linkedPage(links, "last"));
        links.forEach((rel, uri) -> {
            assertEquals(ARTICLES, uri.getPath(), rel);
            assertEquals(section, query(uri).get("category"), rel + " keeps the filter");
            assertEquals("2", query(uri).get("size"), rel + " keeps the size");
        });
    }

    @Test
    void shouldListArticleSummariesWithoutTheBody() {
        String section = category().name("Summaries").createSlug();
        String slug = article().category(section).tags("Summary", "Lists").with("authorName", "Maya Lindqvist")
                .with("excerpt", "A teaser.")
                .with("coverImage", Map.of("url", "https://img.example.com/a.jpg", "alt", "An image", "width", 1600, "height", 900))
                .createSlug();

        given().queryParam("category", section).when().get(ARTICLES)
                .then().statusCode(200)
                .header("X-Total-Count", "1")
                .body("items", hasSize(1))
                .body("items[0].id", notNullValue())
                .body("items[0].slug", equalTo(slug))
                .body("items[0].title", equalTo("Article " + slug))
                .body("items[0].excerpt", equalTo("A teaser."))
                .body("items[0].coverImage.url", equalTo("https://img.example.com/a.jpg"))
                .body("items[0].coverImage.alt", equalTo("An image"))
                .body("items[0].coverImage.width", equalTo(1600))
                .body("items[0].coverImage.height", equalTo(900))
                .body("items[0].category.slug", equalTo(section))
                .body("items[0].category.name", equalTo("Summaries"))
                .body("items[0].tags", contains("Summary", "Lists"))
                .body("items[0].author.name", equalTo("Maya Lindqvist"))
                .body("items[0].publishedAt", matchesPattern(ISO_UTC))
                .body("items[0].updatedAt", matchesPattern(ISO_UTC))
                .body("items[0].readingTimeMinutes", equalTo(1))
                .body("items[0].commentCount", equalTo(0))
                .body("items[0]", not(hasKey("body")))
                .body("items[0]", not(hasKey("bodyHtml")))
                .body("items[0]", not(hasKey("status")));
    }

    @Test
    void shouldLinkOnlyForwardFromTheFirstPageAndOnlyBackFromTheLast() {
        String section = category().createSlug();
        publishedInOrder(section, 3);

        Response first = given().queryParam("category", section).queryParam("size", 2).when().get(ARTICLES);
        first.then().statusCode(200).header("X-Total-Count", "3").body("page", equalTo(1)).body("totalPages", equalTo(2));
        Map<String, URI> firstLinks = links(first);
        assertEquals(List.of("first", "next", "last"), List.copyOf(firstLinks.keySet()));
        assertEquals(2, linkedPage(firstLinks, "next"));
        assertEquals(2, linkedPage(firstLinks, "last"));

        Response last = given().queryParam("category", section).queryParam("size", 2).queryParam("page", 2).when().get(ARTICLES);
        last.then().statusCode(200).body("items", hasSize(1));
        Map<String, URI> lastLinks = links(last);
        assertEquals(List.of("first", "prev", "last"), List.copyOf(lastLinks.keySet()));
        assertEquals(1, linkedPage(lastLinks, "prev"));
        assertEquals(2, linkedPage(lastLinks, "last"));
    }

    @Test
    void shouldAnswerAnEmptyPageBeyondTheEnd() {
        String section = category().createSlug();
        publishedInOrder(section, 3);

        Response response = given().queryParam("category", section).queryParam("size", 2).queryParam("page", 7)
                .when().get(ARTICLES);

        response.then().statusCode(200)
                .header("X-Total-Count", "3")
                .body("items", empty())
                .body("page", equalTo(7))
                .body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2));
        Map<String, URI> links = links(response);
        assertFalse(links.containsKey("next"), "no next page after the end");
        assertEquals(2, linkedPage(links, "prev"), "prev leads back to the real last page");
        assertEquals(2, linkedPage(links, "last"));
    }

    @Test
    void shouldAnswerAnEmptyListWithOnePageOfLinksForAnUnknownCategory() {
        Response response = given().queryParam("category", unique("no-such-category")).when().get(ARTICLES);

        response.then().statusCode(200)
                .header("X-Total-Count", "0")
                .body("items", empty())
                .body("totalItems", equalTo(0))
                .body("totalPages", equalTo(0));
        Map<String, URI> links = links(response);
        assertEquals(1, linkedPage(links, "first"));
        assertEquals(1, linkedPage(links, "last"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "101", "0", "-3", "ten", "1.5" })
    void shouldRejectASizeOutsideOneToHundred(String size) {
        assertInvalidField(given().queryParam("size", size).when().get(ARTICLES), "size");
    }

    @Test
    void shouldAcceptTheLargestSize() {
        given().queryParam("size", 100).queryParam("category", category().createSlug()).when().get(ARTICLES)
                .then().statusCode(200).body("size", equalTo(100));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "abc" })
    void shouldRejectAPageBelowOneOrNotANumber(String page) {
        assertInvalidField(given().queryParam("page", page).when().get(ARTICLES), "page");
    }

    // ---- orders -------------------------------------------------------------------------------

    @Test
    void shouldListNewestFirstByDefault() {
        Sorted s = sortedFixture();

        given().queryParam("category", s.section).when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(s.bananaNewest, s.appleMiddle, s.cherryOldest));
        given().queryParam("category", s.section).queryParam("sort", "-publishedAt").when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(s.bananaNewest, s.appleMiddle, s.cherryOldest));
    }

    @Test
    void shouldListOldestFirstWhenSortedByPublishedAt() {
        Sorted s = sortedFixture();

        given().queryParam("category", s.section).queryParam("sort", "publishedAt").when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(s.cherryOldest, s.appleMiddle, s.bananaNewest));
    }

    @Test
    void shouldListByTitleIgnoringCase() {
        Sorted s = sortedFixture();

        given().queryParam("category", s.section).queryParam("sort", "title").when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(s.appleMiddle, s.bananaNewest, s.cherryOldest));
    }

    @Test
    void shouldListByTitleDescending() {
        Sorted s = sortedFixture();

        given().queryParam("category", s.section).queryParam("sort", "-title").when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(s.cherryOldest, s.bananaNewest, s.appleMiddle));
    }

    @Test
    void shouldOrderSearchResultsByRelevanceWhenQueryGiven() {
        String word = word();
        Instant now = Instant.now();
        String inBodyNewer = article().title("Body mention " + unique("r")).body("It mentions " + word + " once.")
                .publishedAt(now.minus(1, ChronoUnit.HOURS)).createSlug();
        String inTitleOlder = article().title("All about " + word).body("Nothing else.")
                .publishedAt(now.minus(5, ChronoUnit.HOURS)).createSlug();

        given().queryParam("q", word).when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(inTitleOlder, inBodyNewer));
        given().queryParam("q", word).queryParam("sort", "relevance").when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(inTitleOlder, inBodyNewer));
        given().queryParam("q", word).queryParam("sort", "-publishedAt").when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(inBodyNewer, inTitleOlder));
    }

    @Test
    void shouldRejectRelevanceWithoutQuery() {
        assertInvalidField(given().queryParam("sort", "relevance").when().get(ARTICLES), "sort");
    }

    @ParameterizedTest
    @ValueSource(strings = { "popularity", "TITLE", "+title", "published_at" })
    void shouldRejectAnUnknownSort(String sort) {
        assertInvalidField(given().queryParam("sort", sort).when().get(ARTICLES), "sort")
                .body("errors[0].message", containsString("-publishedAt"));
    }

    // ---- filters ------------------------------------------------------------------------------

    @Test
    void shouldIncludeSubcategoryArticlesInTheCategoryFilter() {
        String parent = category().createSlug();
        String child = category().parent(parent).createSlug();
        String grandchild = category().parent(child).createSlug();
        String sibling = category().createSlug();
        Instant now = Instant.now();
        String inGrandchild = article().category(grandchild).publishedAt(now.minusSeconds(60)).createSlug();
        String inChild = article().category(child).publishedAt(now.minusSeconds(120)).createSlug();
        String inParent = article().category(parent).publishedAt(now.minusSeconds(180)).createSlug();
        article().category(sibling).publishedAt(now.minusSeconds(30)).createSlug();

        given().queryParam("category", parent).when().get(ARTICLES)
                .then().statusCode(200).header("X-Total-Count", "3")
                .body("items.slug", contains(inGrandchild, inChild, inParent));
        given().queryParam("category", child).when().get(ARTICLES)
                .then().statusCode(200).header("X-Total-Count", "2")
                .body("items.slug", contains(inGrandchild, inChild))
                .body("items.category.slug", contains(grandchild, child));
    }

    @Test
    void shouldMatchTagIgnoringCase() {
        String tag = unique("Quantum");
        String tagged = article().tags("Physics", tag).createSlug();
        article().tags("Physics", unique("Quantum")).createSlug();

        given().queryParam("tag", tag.toUpperCase()).when().get(ARTICLES)
                .then().statusCode(200).header("X-Total-Count", "1")
                .body("items.slug", contains(tagged))
                .body("items[0].tags", contains("Physics", tag));
        given().queryParam("tag", tag.toLowerCase()).when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(tagged));
    }

    @Test
    void shouldFindArticlesMatchingEveryWordOfTheQuery() {
        String first = word();
        String second = word();
        String titleAndBody = article().title("Story on " + first).body("It also says " + second + ".").createSlug();
        article().title("Only " + first).body("Nothing more.").createSlug();
        article().title("Only the other").body("Just " + second + ".").createSlug();

        given().queryParam("q", first + " " + second).when().get(ARTICLES)
                .then().statusCode(200).header("X-Total-Count", "1").body("items.slug", contains(titleAndBody));
        given().queryParam("q", first.toUpperCase()).when().get(ARTICLES)
                .then().statusCode(200).header("X-Total-Count", "2");
    }

    @Test
    void shouldSearchTheExcerptAndTheTags() {
        String inExcerpt = word();
        String inTag = word();
        String byExcerpt = article().with("excerpt", "A teaser about " + inExcerpt).createSlug();
        String byTag = article().tags("News", inTag.toUpperCase()).createSlug();

        given().queryParam("q", inExcerpt).when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(byExcerpt));
        given().queryParam("q", inTag).when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(byTag));
    }

    @Test
    void shouldTreatWildcardsInTheQueryAsPlainCharacters() {
        String section = category().createSlug();
        String percent = article().category(section).title("Prices up 50% " + unique("pct")).createSlug();
        String underscore = article().category(section).title("The snake_case story " + unique("us")).createSlug();
        article().category(section).title("Plain title " + unique("plain")).createSlug();

        // Full-text search reads words: a wildcard is punctuation, so it matches nothing rather than everything.
        given().queryParam("category", section).queryParam("q", "%").when().get(ARTICLES)
                .then().statusCode(200).body("items", empty());
        given().queryParam("category", section).queryParam("q", "_").when().get(ARTICLES)
                .then().statusCode(200).body("items", empty());
        given().queryParam("category", section).queryParam("q", "snake_case").when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(underscore));
        given().queryParam("category", section).queryParam("q", "50%").when().get(ARTICLES)
                .then().statusCode(200).body("items.slug", contains(percent));
    }

    @Test
    void shouldRejectAQueryLongerThan200Characters() {
        assertInvalidField(given().queryParam("q", "a".repeat(201)).when().get(ARTICLES), "q");
    }

    @Test
    void shouldNotFindHiddenArticlesBySearch() {
        String word = word();
        article().title("Draft " + word).draft().createSlug();
        article().title("Scheduled " + word).publishedAt(Instant.now().plus(1, ChronoUnit.DAYS)).createSlug();
        article().title("Archived " + word).archived().createSlug();

        given().queryParam("q", word).when().get(ARTICLES)
                .then().statusCode(200).header("X-Total-Count", "0").body("items", empty()).body("totalItems", equalTo(0));
    }

    // ---- one article --------------------------------------------------------------------------

    @Test
    void shouldReadAnArticleWithItsBreadcrumbFromRootToLeaf() {
        String root = category().name("Technology, News & Trends").createSlug();
        String middle = category().name("Science").parent(root).createSlug();
        String leaf = category().name("AI").parent(middle).createSlug();
        String slug = article().category(leaf).tags("AI").body("## Small is big\n\nWhile the *headlines* chase scale.")
                .createSlug();

        Response response = read(slug);

        response.then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Content-Type-Options", "nosniff")
                .header("ETag", matchesPattern("\".+\""))
                .body("slug", equalTo(slug))
                .body("title", equalTo("Article " + slug))
                .body("status", equalTo("published"))
                .body("body", equalTo("## Small is big\n\nWhile the *headlines* chase scale."))
                .body("bodyHtml", containsString("<h2>Small is big</h2>"))
                .body("bodyHtml", containsString("<p>While the <em>headlines</em> chase scale.</p>"))
                .body("excerpt", equalTo("While the headlines chase scale."))
                .body("commentsOpen", equalTo(true))
                .body("createdAt", matchesPattern(ISO_UTC))
                .body("publishedAt", matchesPattern(ISO_UTC))
                .body("category.slug", equalTo(leaf))
                .body("category.name", equalTo("AI"))
                .body("category.path.slug", contains(root, middle, leaf))
                .body("category.path.name", contains("Technology, News & Trends", "Science", "AI"));
    }

    @Test
    void shouldReadAnArticleWithoutCategory() {
        String slug = article().createSlug();

        read(slug).then().statusCode(200).body("slug", equalTo(slug)).body("category", nullValue());
    }

    @Test
    void shouldAnswerNotFoundProblemForAnUnknownSlug() {
        String slug = unique("never-written");

        assertNotFound(read(slug)).body("detail", containsString(slug));
    }

    @Test
    void shouldAnswerProblemsForWrongMethodsAndMediaTypes() {
        String slug = article().createSlug();

        assertProblem(asAdmin().contentType(ContentType.JSON).body("{}").when().post(Api.articleUrl(slug)), 405);
        assertProblem(given().accept("application/xml").when().get(Api.articleUrl(slug)), 406);
        assertProblem(given().when().get(Api.articleUrl(slug) + "/no/such/route"), 404);
    }

    // ---- visibility ---------------------------------------------------------------------------

    @Test
    void shouldHideDraftArticle() {
        String section = category().createSlug();
        String visible = article().category(section).createSlug();
        String draft = article().category(section).draft().createSlug();

        assertHidden(draft, section, visible);
    }

    @Test
    void shouldHideScheduledArticleUntilItsTime() {
        String section = category().createSlug();
        String visible = article().category(section).createSlug();
        String scheduled = article().category(section).publishedAt(Instant.now().plus(1, ChronoUnit.DAYS)).createSlug();

        assertHidden(scheduled, section, visible);
    }

    @Test
    void shouldHideArchivedArticle() {
        String section = category().createSlug();
        String visible = article().category(section).createSlug();
        String archived = article().category(section).archived().createSlug();

        assertHidden(archived, section, visible);
    }

    @Test
    void shouldHideArticlesOfASubcategoryFromTheParentsCount() {
        String parent = category().createSlug();
        String child = category().parent(parent).createSlug();
        article().category(child).createSlug();
        article().category(child).draft().createSlug();
        article().category(child).publishedAt(Instant.now().plus(1, ChronoUnit.DAYS)).createSlug();

        given().when().get("/api/v1/categories/" + parent).then().statusCode(200).body("articleCount", equalTo(1));
        given().queryParam("category", parent).when().get(ARTICLES).then().statusCode(200).header("X-Total-Count", "1");
    }

    @Test
    void shouldShowScheduledArticleOnceItsTimeHasCome() {
        String section = category().createSlug();
        // publishedAt is kept to the second
        Instant soon = clock.stop().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        String slug = article().category(section).publishedAt(soon).createSlug();
        assertNotFound(read(slug));
        clock.passTo(soon.minusMillis(2));
        assertNotFound(read(slug));

        clock.passTo(soon);

        read(slug).then().statusCode(200).body("publishedAt", equalTo(soon.toString()));
        given().queryParam("category", section).when().get(ARTICLES)
                .then().statusCode(200).header("X-Total-Count", "1").body("items.slug", contains(slug));
        given().when().get("/api/v1/categories/" + section).then().statusCode(200).body("articleCount", equalTo(1));
    }

    // ---- old slugs ----------------------------------------------------------------------------

    @Test
    void shouldRedirectAnOldSlugPermanentlyToTheCurrentUrl() {
        String oldSlug = article().createSlug();
        String newSlug = unique("renamed");
        rename(oldSlug, newSlug);

        Response response = read(oldSlug);

        response.then().statusCode(301).header("X-Content-Type-Options", "nosniff");
        assertLocationIsArticle(response, newSlug);
        given().when().get(URI.create(response.header("Location")).getPath())
                .then().statusCode(200).body("slug", equalTo(newSlug));
    }

    @Test
    void shouldFollowAnOldSlugToTheArticleWithAnHttpClientThatFollowsRedirects() {
        String oldSlug = article().createSlug();
        String newSlug = unique("renamed");
        rename(oldSlug, newSlug);

        given().when().get(Api.articleUrl(oldSlug)).then().statusCode(200).body("slug", equalTo(newSlug));
    }

    @Test
    void shouldAnswerNotFoundNotRedirectForTheOldSlugOfAHiddenArticle() {
        String oldSlug = article().createSlug();
        String newSlug = unique("renamed");
        rename(oldSlug, newSlug);
        asAdmin().contentType("application/merge-patch+json").body("{\"status\": \"draft\"}")
                .when().patch(Api.articleUrl(newSlug)).then().statusCode(200).body("status", equalTo("draft"));

        Response response = read(oldSlug);

        assertNotFound(response).header("Location", nullValue());
        assertNotFound(read(newSlug));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Hidden means: 404 on its own URL, absent from the list and its total, not counted by its category. */
    private static void assertHidden(String hidden, String section, String visible) {
        assertNotFound(read(hidden)).body("detail", containsString(hidden));
        given().queryParam("category", section).when().get(ARTICLES)
                .then().statusCode(200)
                .header("X-Total-Count", "1")
                .body("totalItems", equalTo(1))
                .body("totalPages", equalTo(1))
                .body("items.slug", contains(visible));
        // a full first page makes the service count rather than infer the total from the page
        given().queryParam("category", section).queryParam("size", 1).when().get(ARTICLES)
                .then().statusCode(200).header("X-Total-Count", "1").body("totalItems", equalTo(1));
        given().when().get("/api/v1/categories/" + section)
                .then().statusCode(200).body("articleCount", equalTo(1));
    }

    private static void rename(String oldSlug, String newSlug) {
        asAdmin().contentType("application/merge-patch+json").body(Map.of("slug", newSlug))
                .when().patch(Api.articleUrl(oldSlug))
                .then().statusCode(200).body("slug", equalTo(newSlug));
    }

    /** {@code count} published articles in the section, an hour apart; their slugs newest first. */
    private static List<String> publishedInOrder(String section, int count) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String[] newestFirst = new String[count];
        for (int i = count - 1; i >= 0; i--) {
            newestFirst[i] = article().category(section).publishedAt(now.minus(i + 1, ChronoUnit.HOURS)).createSlug();
        }
        return List.of(newestFirst);
    }

    /** A search word no other article holds, not even as part of a longer word. */
    private static String word() {
        return unique("kw").replace("-", "") + "z";
    }

    private record Sorted(String section, String appleMiddle, String bananaNewest, String cherryOldest) {
    }

    /**
     * Three articles whose four orders all differ; "apple" is lower case so that a case-sensitive
     * title order (B < C < a) would show.
     */
    private static Sorted sortedFixture() {
        String section = category().createSlug();
        Instant now = Instant.now();
        String suffix = unique("t");
        String cherry = article().category(section).title("Cherry " + suffix).publishedAt(now.minus(3, ChronoUnit.HOURS)).createSlug();
        String banana = article().category(section).title("Banana " + suffix).publishedAt(now.minus(1, ChronoUnit.HOURS)).createSlug();
        String apple = article().category(section).title("apple " + suffix).publishedAt(now.minus(2, ChronoUnit.HOURS)).createSlug();
        return new Sorted(section, apple, banana, cherry);
    }

    @Test
    void shouldKeepTotalsExactThroughPublicationsMovesAndDeletions() {
        String section = category().createSlug();
        String topic = category().parent(section).createSlug();
        String elsewhere = category().createSlug();
        article().category(section).create();
        String moving = article().category(topic).createSlug();
        String deleted = article().category(section).createSlug();
        String draft = article().category(topic).draft().createSlug();
        String scheduled = article().category(topic).publishedAt(Instant.now().plus(1, ChronoUnit.DAYS)).createSlug();
        assertTotal(section, 3);

        asAdmin().contentType("application/merge-patch+json").body("{\"status\":\"published\"}").patch(ARTICLES + "/" + draft)
                .then().statusCode(200);
        assertTotal(section, 4);
        asAdmin().contentType("application/merge-patch+json").body("{\"categorySlug\":\"" + elsewhere + "\"}")
                .patch(ARTICLES + "/" + moving).then().statusCode(200);
        assertTotal(section, 3);
        assertTotal(elsewhere, 1);
        asAdmin().delete(ARTICLES + "/" + deleted).then().statusCode(204);
        assertTotal(section, 2);
        asAdmin().contentType("application/merge-patch+json").body("{\"publishedAt\":\"2020-01-01T00:00:00Z\"}")
                .patch(ARTICLES + "/" + scheduled).then().statusCode(200);
        assertTotal(section, 3);
    }

    /** The total of a category's list when it has to be counted (a first page that is full), and its articleCount. */
    private static void assertTotal(String category, int expected) {
        given().queryParam("category", category).queryParam("size", 1).get(ARTICLES)
                .then().statusCode(200).body("totalItems", equalTo(expected)).header("X-Total-Count", String.valueOf(expected));
        given().get("/api/v1/categories/" + category).then().body("articleCount", equalTo(expected));
    }
}
