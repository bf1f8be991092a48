package io.newsdesk.cms.article;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Full-text search: weighted, accent-insensitive, web-search syntax, with sanitized highlighted snippets. */
@QuarkusTest
class SearchTest {

    @Test
    void shouldFindWordsIgnoringAccentsAndStemming() {
        String tag = unique("fts");
        String slug = article().tags(tag).title("Café culture in Zürich").body("Baristas are experimenting with robots.").createSlug();

        for (String q : new String[] { "cafe zurich", "CAFÉ", "experiment robot" }) {
            given().queryParam("tag", tag).queryParam("q", q).get("/api/v1/articles")
                    .then().statusCode(200).body("items.slug", contains(slug));
        }
    }

    @Test
    void shouldUnderstandQuotedPhrasesExclusionsAndOr() {
        String tag = unique("fts");
        String quantum = article().tags(tag).title("Quantum computing gets practical").body("Error correction at last.").createSlug();
        String classical = article().tags(tag).title("Classical computing strikes back").body("Faster chips.").createSlug();

        given().queryParam("tag", tag).queryParam("q", "\"quantum computing\"").get("/api/v1/articles")
                .then().body("items.slug", contains(quantum));
        given().queryParam("tag", tag).queryParam("q", "computing -quantum").get("/api/v1/articles")
                .then().body("items.slug", contains(classical));
        given().queryParam("tag", tag).queryParam("q", "quantum or classical").queryParam("sort", "title").get("/api/v1/articles")
                .then().body("items.slug", contains(classical, quantum));
    }

    @Test
    void shouldRankATitleMatchAboveABodyMatch() {
        String tag = unique("fts");
        String inBody = article().tags(tag).title("Notes").body("A long text that mentions telescopes once.").createSlug();
        String inTitle = article().tags(tag).title("Telescopes").body("Nothing else.").createSlug();

        given().queryParam("tag", tag).queryParam("q", "telescope").get("/api/v1/articles")
                .then().body("items.slug", contains(inTitle, inBody));
    }

    @Test
    void shouldMarkMatchesInAnEscapedSnippet() {
        String tag = unique("fts");
        article().tags(tag).title("Markup").body("When a < b the <b>volcano</b> erupts & nobody <script>alert(1)</script> notices.").create();

        given().queryParam("tag", tag).queryParam("q", "volcano").get("/api/v1/articles")
                .then().statusCode(200)
                .body("items[0].snippet", containsString("<mark>volcano</mark>"))
                .body("items[0].snippet", not(containsString("<script")))
                .body("items[0].snippet", not(containsString("< b")));
        given().queryParam("tag", tag).get("/api/v1/articles").then().body("items[0]", not(org.hamcrest.Matchers.hasKey("snippet")));
    }

    @Test
    void shouldSayWhenTheTotalIsOnlyALowerBound() {
        String tag = unique("fts");
        for (int i = 0; i < 103; i++) {
            // Years back, so that a hundred stories do not push other tests' articles off the front page.
            article().tags(tag).title("Lighthouse keeper " + i).publishedAt(java.time.Instant.parse("2015-06-01T00:00:00Z").minusSeconds(60L * i))
                    .create();
        }

        given().queryParam("tag", tag).queryParam("q", "lighthouse").queryParam("size", 20).get("/api/v1/articles")
                .then().statusCode(200).body("items", hasSize(20)).body("totalItems", equalTo(101)).body("totalItemsExact", equalTo(false))
                .header("X-Total-Count", "101").header("Link", containsString("rel=\"next\""));
        // Paging on reads further: the last matches, and then the exact total.
        given().queryParam("tag", tag).queryParam("q", "lighthouse").queryParam("size", 50).queryParam("page", 3).get("/api/v1/articles")
                .then().statusCode(200).body("items", hasSize(3)).body("totalItems", equalTo(103)).body("totalItemsExact", equalTo(true))
                .body("items[2].title", equalTo("Lighthouse keeper 102"));
        given().queryParam("tag", tag).queryParam("q", "keeper 7").get("/api/v1/articles")
                .then().body("totalItemsExact", equalTo(true));
        given().queryParam("tag", tag).get("/api/v1/articles").then().body("$", not(org.hamcrest.Matchers.hasKey("totalItemsExact")));
    }

    @Test
    void shouldDropAWithdrawnArticleFromEverySearchAtOnce() {
        String tag = unique("fts");
        String kept = article().tags(tag).title("Aurora over the fjord").publishedAt(java.time.Instant.now().minusSeconds(60)).createSlug();
        String withdrawn = article().tags(tag).title("Aurora in the south").publishedAt(java.time.Instant.now().minusSeconds(120)).createSlug();
        given().queryParam("tag", tag).queryParam("q", "aurora").queryParam("size", 1).get("/api/v1/articles")
                .then().body("items.slug", contains(kept)).body("totalItems", equalTo(2));

        asAdmin().contentType("application/merge-patch+json").body(Map.of("status", "draft")).patch("/api/v1/articles/" + withdrawn)
                .then().statusCode(200);

        given().queryParam("tag", tag).queryParam("q", "aurora").queryParam("size", 1).get("/api/v1/articles")
                .then().body("items.slug", contains(kept)).body("totalItems", equalTo(1));
    }

    @Test
    void shouldMatchAPhrasesWordsInTheBodyAndRankTheExactPhraseInATitleFirst() {
        String tag = unique("fts");
        String scattered = article().tags(tag).title("Notes from the coast").body("The policy on climate was argued all night.")
                .publishedAt(java.time.Instant.now().minusSeconds(60)).createSlug();
        String exact = article().tags(tag).title("Climate policy, explained").body("Nothing more.")
                .publishedAt(java.time.Instant.now().minusSeconds(120)).createSlug();

        given().queryParam("tag", tag).queryParam("q", "\"climate policy\"").get("/api/v1/articles")
                .then().body("items.slug", contains(exact, scattered));
    }

    @Test
    void shouldKeepTheIndexCurrentAfterAnEdit() {
        String tag = unique("fts");
        String slug = article().tags(tag).title("Before").body("Old words.").createSlug();
        asAdmin().contentType("application/merge-patch+json").body(Map.of("body", "Brand new vocabulary."))
                .patch("/api/v1/articles/" + slug).then().statusCode(200);

        given().queryParam("tag", tag).queryParam("q", "vocabulary").get("/api/v1/articles").then().body("items.slug", contains(slug));
        given().queryParam("tag", tag).queryParam("q", "old").get("/api/v1/articles").then().body("items", empty());
    }
}
