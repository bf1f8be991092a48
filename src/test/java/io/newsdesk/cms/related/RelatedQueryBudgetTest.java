package io.newsdesk.cms.related;

import static io.newsdesk.cms.related.RelatedApi.ARTICLES;
import static io.newsdesk.cms.related.RelatedApi.articleUrl;
import static io.newsdesk.cms.related.RelatedApi.curated;
import static io.newsdesk.cms.related.RelatedApi.external;
import static io.newsdesk.cms.related.RelatedApi.internal;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;

import io.newsdesk.cms.common.cache.ResponseCache;

import io.newsdesk.cms.support.Statements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The related block costs a fixed number of statements, whatever the number of curated links or of
 * articles on a page. Counts come from Hibernate's statistics (enabled in the test profile).
 */
@QuarkusTest
class RelatedQueryBudgetTest {

    /**
     * The article row with its breadcrumb, the curated links with their targets, the ranked
     * suggestions, the top-level comments, their replies (the first page is short: no count).
     */
    private static final long SINGLE_WITH_RELATED_AND_COMMENTS = 5;
    /** The page of summaries, the total, every item's curated links, every item's suggestions. */
    private static final long FULL_PAGE_WITH_RELATED = 4;
    /** What "a fixed, small number of statements" means for a page. */
    private static final long SMALL_BUDGET = 5;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    ResponseCache responseCache;

    private Statements statements;

    @BeforeEach
    void countStatements() {
        statements = new Statements(sessionFactory, responseCache);
    }

    @Test
    void shouldReadAnArticleWithTenCuratedLinksAndCommentsWithTheSameStatementsAsWithNone() {
        String section = category().createSlug();
        String tag = unique("tag");
        for (int i = 0; i < 4; i++) {
            article().tags(tag).category(section).createSlug();
        }
        String bare = article().tags(tag).category(section).createSlug();
        String curatedTen = article().tags(tag).category(section).createSlug();
        List<Object> links = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            links.add(internal(article().category(section).createSlug()));
        }
        links.add(external("https://example.org/" + unique("page"), "Elsewhere", null));
        links.add(internal(article().draft().createSlug()));
        curated(curatedTen, links.toArray());
        comment(bare);
        comment(curatedTen);

        long none = statements.of(() -> readWithIncludes(bare, 4));
        long ten = statements.of(() -> readWithIncludes(curatedTen, 9));

        System.out.printf("[query budget] GET /articles/{slug}?include=related,comments: 0 curated links %d statements, "
                + "10 curated links %d%n", none, ten);
        assertEquals(SINGLE_WITH_RELATED_AND_COMMENTS, none, "statements with no curated link");
        assertEquals(none, ten, "statements with 10 curated links");
        assertTrue(ten <= SMALL_BUDGET);
    }

    @Test
    void shouldListTwentyArticlesWithTheirRelatedBlocksWithTheSameStatementsAsTwo() {
        String smallTag = unique("budget-small");
        stories(smallTag, 2);
        String bigTag = unique("budget-big");
        stories(bigTag, 20);

        long two = statements.of(() -> list(smallTag, 2));
        long twenty = statements.of(() -> list(bigTag, 20));

        System.out.printf("[query budget] GET /articles?include=related full page: size=2 with 2 articles %d statements, "
                + "size=20 with 20 articles %d%n", two, twenty);
        assertEquals(FULL_PAGE_WITH_RELATED, two, "statements for a full page of 2");
        assertEquals(two, twenty, "statements for a full page of 20");
        assertTrue(twenty <= SMALL_BUDGET);
    }

    /**
     * The statements one call costs: the least of three runs, because a scheduled job (the comment address
     * retention) may run at any moment and would be counted with the request, while a request never costs
     * fewer statements than it needs.
     */

    private static void readWithIncludes(String slug, int relatedItems) {
        given().queryParam("include", "related,comments").when().get(articleUrl(slug))
                .then().statusCode(200)
                .body("related.items", hasSize(relatedItems))
                .body("comments.items", hasSize(1));
    }

    private static void list(String tag, int size) {
        given().queryParam("tag", tag).queryParam("size", size).queryParam("include", "related").when().get(ARTICLES)
                .then().statusCode(200)
                .body("items", hasSize(size))
                .body("totalItems", equalTo(size))
                .body("items.related.items", everyItem(hasSize(4)))
                .body("items.related.items.source", everyItem(contains("curated", "curated", "suggested", "suggested")));
    }

    /** Public articles with this tag, each curating a link to another article and one to an external page, suggestions filling up. */
    private static void stories(String tag, int count) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slugs.add(article().tags(tag).publishedAt(Instant.now().minusSeconds(600L + 60L * i)).createSlug());
        }
        String target = article().createSlug();
        for (String slug : slugs) {
            curated(slug, internal(target), external("https://example.org/" + unique("page"), "Elsewhere", null));
        }
    }

    private static void comment(String slug) {
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("authorName", "Desk", "authorEmail", unique("desk") + "@example.com", "body", "Noted " + unique("c")))
                .when().post(articleUrl(slug) + "/comments").then().statusCode(201);
    }
}
