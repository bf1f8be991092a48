package io.newsdesk.cms.article;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Finding 8 of the security review: the service has one "now". What is public is decided by the service's clock,
 * the same instant in Java (one article) and in SQL (lists, counts, an editor's list of what is scheduled), and no
 * statement asks the database for its own time instead.
 */
@QuarkusTest
class OneClockTest {

    private static final String ARTICLES = "/api/v1/articles";

    @Inject
    TestClock clock;

    @Test
    void shouldHaveOneNowForVisibilityInJavaAndInSqlOnEveryRoute() {
        String section = category().createSlug();
        String tag = unique("tag");
        Instant now = clock.stop();
        Instant at = now.plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String slug = article().category(section).tags(tag).publishedAt(at).createSlug();

        clock.advance(Duration.between(now, at).minusMillis(1));
        assertSeen(slug, section, tag, false);

        clock.advance(Duration.ofMillis(1));
        assertSeen(slug, section, tag, true);
    }

    @Test
    void shouldNeverDecideWhatIsPublicByTheDatabaseClock() throws IOException {
        Pattern databaseNow = Pattern.compile("published_at\\s*(<=|>=|<|>)\\s*(now|current_timestamp|clock_timestamp)\\b",
                Pattern.CASE_INSENSITIVE);
        List<String> found;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            found = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(l -> databaseNow.matcher(l).find()).map(l -> f + ": " + l.strip());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), found, "visibility compares with the bound service time (Article.publicSql), not the database's");
    }

    /** The article as every route shows it at the clock's time: public everywhere, or nowhere but the editors' schedule. */
    private void assertSeen(String slug, String section, String tag, boolean isPublic) {
        given().get(ARTICLES + "/" + slug).then().statusCode(isPublic ? 200 : 404);
        given().queryParam("tag", tag).get(ARTICLES).then().statusCode(200)
                .body("items.slug", isPublic ? contains(slug) : empty());
        given().queryParam("category", section).get(ARTICLES).then().statusCode(200)
                .header("X-Total-Count", isPublic ? "1" : "0");
        given().get("/api/v1/categories/" + section).then().statusCode(200).body("articleCount", equalTo(isPublic ? 1 : 0));
        asAdmin().queryParam("tag", tag).queryParam("status", "scheduled").get(ARTICLES).then().statusCode(200)
                .body("items.slug", isPublic ? empty() : contains(slug));
        asAdmin().get(ARTICLES + "/" + slug).then().statusCode(200).body("status", equalTo("published"));
    }
}
