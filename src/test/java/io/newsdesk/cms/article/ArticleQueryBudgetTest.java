package io.newsdesk.cms.article;

import static io.newsdesk.cms.article.Api.ARTICLES;
import static io.newsdesk.cms.article.Api.read;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;

import io.newsdesk.cms.common.cache.ResponseCache;

import io.newsdesk.cms.support.Statements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * One query budget per page: what a page costs in SQL statements does not grow with the depth of the
 * category tree nor with the number of items on the page (no query per item, no query per ancestor).
 * Counts come from Hibernate's statistics, enabled in the test profile; the app runs in this JVM.
 */
@QuarkusTest
class ArticleQueryBudgetTest {

    /** The article row with its breadcrumb, in one statement (a recursive query joined laterally). */
    private static final long SINGLE_READ_BUDGET = 1;
    /** The page of summaries with their categories joined, then the total. */
    private static final long FULL_PAGE_BUDGET = 2;
    /** A first page that is not full is the whole list: its length is the total, no count needed. */
    private static final long SHORT_FIRST_PAGE_BUDGET = 1;

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
    void shouldReadAnArticleInADeepCategoryWithTheSameStatementsAsInATopLevelOne() {
        String top = category().createSlug();
        String level1 = category().createSlug();
        String level2 = category().parent(level1).createSlug();
        String level3 = category().parent(level2).createSlug();
        String level4 = category().parent(level3).createSlug();
        String inTop = article().category(top).createSlug();
        String inDeep = article().category(level4).createSlug();

        long topCount = statements.of(() -> read(inTop).then().statusCode(200).body("category.path", hasSize(1)));
        long deepCount = statements.of(() -> read(inDeep).then().statusCode(200).body("category.path", hasSize(4)));

        System.out.printf("[query budget] GET /articles/{slug}: top-level category %d statements, 4 levels deep %d%n",
                topCount, deepCount);
        assertEquals(SINGLE_READ_BUDGET, topCount, "statements for an article in a top-level category");
        assertEquals(topCount, deepCount, "statements for an article 4 levels deep");
    }

    @Test
    void shouldListAFullPageOfTwentyWithTheSameStatementsAsAFullPageOfTwo() {
        String small = category().createSlug();
        publish(small, 2);
        String big = category().createSlug();
        publishAcrossSubcategories(big, 20);

        long twoCount = statements.of(() -> list(small, 2, 2));
        long twentyCount = statements.of(() -> list(big, 20, 20));

        System.out.printf("[query budget] GET /articles full page: size=2 with 2 articles %d statements, size=20 with 20 %d%n",
                twoCount, twentyCount);
        assertEquals(FULL_PAGE_BUDGET, twoCount, "statements for a full page of 2");
        assertEquals(twoCount, twentyCount, "statements for a full page of 20");
    }

    @Test
    void shouldListTwentyArticlesWithinTheBudgetOfTwo() {
        String small = category().createSlug();
        publish(small, 2);
        String big = category().createSlug();
        publishAcrossSubcategories(big, 20);

        long twoCount = statements.of(() -> list(small, 20, 2));
        long twentyCount = statements.of(() -> list(big, 20, 20));

        System.out.printf("[query budget] GET /articles?size=20: 2 articles %d statements, 20 articles %d%n",
                twoCount, twentyCount);
        assertEquals(SHORT_FIRST_PAGE_BUDGET, twoCount, "statements for 2 articles on a page of 20 (total known without counting)");
        assertEquals(FULL_PAGE_BUDGET, twentyCount, "statements for 20 articles on a page of 20 (items, then the total)");
    }

    @Test
    void shouldWriteAnArticleWithLongHistoryWithTheSameStatementsAsANewOne() {
        String fresh = article().title("Short history").createSlug();
        String edited = article().title("Long history").createSlug();
        for (int i = 0; i < 40; i++) {
            retitle(edited, "Long history, take " + i);
        }
        java.util.concurrent.atomic.AtomicInteger take = new java.util.concurrent.atomic.AtomicInteger();

        long freshCount = statements.of(() -> retitle(fresh, "Short history, edit " + take.incrementAndGet()));
        long editedCount = statements.of(() -> retitle(edited, "Long history, edit " + take.incrementAndGet()));

        System.out.printf("[query budget] PATCH /articles/{slug} title: 2 revisions %d statements, 40 revisions %d%n",
                freshCount, editedCount);
        assertEquals(freshCount, editedCount, "statements of a write do not grow with the article's history");
    }

    private static void retitle(String slug, String title) {
        asAdmin().contentType("application/merge-patch+json").body(java.util.Map.of("title", title)).when().patch(ARTICLES + "/" + slug)
                .then().statusCode(200).body("title", equalTo(title));
    }

    private static void list(String category, int size, int expectedItems) {
        given().queryParam("category", category).queryParam("size", size).when().get(ARTICLES)
                .then().statusCode(200).body("items", hasSize(expectedItems)).body("totalItems", equalTo(expectedItems));
    }

    private static void publish(String category, int count) {
        for (int i = 0; i < count; i++) {
            article().category(category).tags("Budget").publishedAt(Instant.now().minusSeconds(60L * (i + 1))).createSlug();
        }
    }

    /** Articles spread over a 4-level chain under the root, so that a per-item category lookup would show. */
    private static void publishAcrossSubcategories(String root, int count) {
        List<String> chain = new ArrayList<>(List.of(root));
        for (int depth = 1; depth < 4; depth++) {
            chain.add(category().parent(chain.get(depth - 1)).createSlug());
        }
        for (int i = 0; i < count; i++) {
            article().category(chain.get(i % chain.size())).tags("Budget")
                    .publishedAt(Instant.now().minusSeconds(60L * (i + 1))).createSlug();
        }
    }
}
