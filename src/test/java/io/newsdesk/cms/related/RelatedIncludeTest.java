package io.newsdesk.cms.related;

import static io.newsdesk.cms.related.RelatedApi.ARTICLES;
import static io.newsdesk.cms.related.RelatedApi.PUBLIC_CACHE;
import static io.newsdesk.cms.related.RelatedApi.articleUrl;
import static io.newsdesk.cms.related.RelatedApi.assertInvalidField;
import static io.newsdesk.cms.related.RelatedApi.curated;
import static io.newsdesk.cms.related.RelatedApi.external;
import static io.newsdesk.cms.related.RelatedApi.internal;
import static io.newsdesk.cms.related.RelatedApi.linkedSlugs;
import static io.newsdesk.cms.related.RelatedApi.patchArticle;
import static io.newsdesk.cms.related.RelatedApi.related;
import static io.newsdesk.cms.related.RelatedApi.relatedAsEditor;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** include=related (and comments) on GET /articles/{slug} and GET /articles: one response renders the page. */
@QuarkusTest
class RelatedIncludeTest {

    @Test
    void shouldEmbedTheSameBlockAsTheRelatedRoute() {
        String tag = unique("tag");
        String target = article().tags(tag).createSlug();
        String source = article().tags(tag).createSlug();
        stories(tag, 3);
        curated(source, internal(target), external("https://example.org/" + unique("page"), "Elsewhere", "A page"));
        Response plain = given().when().get(articleUrl(source));

        Response withRelated = given().queryParam("include", "related").when().get(articleUrl(source));

        withRelated.then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", not(equalTo(plain.header("ETag"))))
                .header("Cache-Control", PUBLIC_CACHE)
                .body("slug", equalTo(source))
                .body("related.items", hasSize(4))
                .body("$", not(hasKey("comments")));
        assertEquals(related(source).jsonPath().getMap(""), withRelated.jsonPath().getMap("related"));
        plain.then().statusCode(200).body("$", not(hasKey("related"))).body("$", not(hasKey("comments")));
    }

    @Test
    void shouldEmbedBothBlocksWithIncludeRelatedAndComments() {
        String tag = unique("tag");
        String source = article().tags(tag).createSlug();
        stories(tag, 4);
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("authorName", "Desk", "authorEmail", unique("desk") + "@example.com", "body", "From the newsroom " + unique("c")))
                .when().post(articleUrl(source) + "/comments").then().statusCode(201);

        Response both = given().queryParam("include", "related,comments").when().get(articleUrl(source));

        both.then().statusCode(200).body("related.items", hasSize(4)).body("comments.items", hasSize(1));
        assertEquals(related(source).jsonPath().getMap(""), both.jsonPath().getMap("related"));
        assertEquals(given().when().get(articleUrl(source) + "/comments").then().statusCode(200).extract().jsonPath().getMap(""),
                both.jsonPath().getMap("comments"));

        Response reversed = given().queryParam("include", "comments,related").when().get(articleUrl(source));
        assertEquals(both.jsonPath().getMap(""), reversed.jsonPath().getMap(""), "the order of the include list does not matter");
    }

    @Test
    void shouldEmbedAnEditorsBlockWithStatesForAnAuthenticatedReader() {
        String tag = unique("tag");
        String hidden = article().draft().createSlug();
        String source = article().tags(tag).createSlug();
        stories(tag, 3);
        curated(source, internal(hidden));

        Response editor = asAdmin().queryParam("include", "related")
                .when().get(articleUrl(source));
        editor.then().statusCode(200).body("related.items[0].state", equalTo("draft"));
        assertEquals(relatedAsEditor(source).jsonPath().getMap(""), editor.jsonPath().getMap("related"));

        Response anonymous = given().queryParam("include", "related").when().get(articleUrl(source));
        assertFalse(linkedSlugs(anonymous.jsonPath().getList("related.items")).contains(hidden));
        assertEquals(related(source).jsonPath().getMap(""), anonymous.jsonPath().getMap("related"));
    }

    @Test
    void shouldAnswerANewArticleETagWhenTheEmbeddedRelatedBlockChanges() {
        String target = article().createSlug();
        String source = article().createSlug();
        curated(source, internal(target));
        Response before = given().queryParam("include", "related").when().get(articleUrl(source));
        before.then().statusCode(200).body("related.items[0].article.slug", equalTo(target));

        curated(source, external("https://example.org/" + unique("page"), "Elsewhere", null));

        Response after = given().queryParam("include", "related").when().get(articleUrl(source));
        after.then().statusCode(200).body("related.items[0].kind", equalTo("external"));
        assertNotEquals(before.header("ETag"), after.header("ETag"),
                "the answer embeds a different related block, so its entity tag must differ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "bogus", "related,bogus", "RELATED", "author" })
    void shouldRefuseAnUnknownInclude(String include) {
        String source = article().createSlug();

        assertInvalidField(given().queryParam("include", include).when().get(articleUrl(source)), "include");
    }

    @Test
    void shouldGiveEveryListItemItsOwnRelatedBlock() {
        String tag = unique("tag");
        List<String> slugs = stories(tag, 3);
        curated(slugs.get(0), internal(slugs.get(2)), external("https://example.org/" + unique("page"), "Elsewhere", null));
        curated(slugs.get(1), internal(slugs.get(0)));
        patchArticle(slugs.get(1), Map.of("excerpt", "Changed after curation"));

        Response list = given().queryParam("tag", tag).queryParam("include", "related").when().get(ARTICLES);

        list.then().statusCode(200)
                .header("X-Total-Count", "3")
                .body("items", hasSize(3))
                .body("totalItems", equalTo(3));
        List<Map<String, Object>> items = list.jsonPath().getList("items");
        for (Map<String, Object> item : items) {
            String slug = (String) item.get("slug");
            assertTrue(item.containsKey("related"), slug + " has a related block");
            assertEquals(related(slug).jsonPath().getMap(""), item.get("related"), "the block of " + slug);
        }
        given().queryParam("tag", tag).when().get(ARTICLES).then().statusCode(200)
                .body("items[0]", not(hasKey("related")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "comments", "related,comments", "bogus" })
    void shouldRefuseAListIncludeOtherThanRelated(String include) {
        String tag = unique("tag");
        stories(tag, 1);

        assertInvalidField(given().queryParam("tag", tag).queryParam("include", include).when().get(ARTICLES), "include");
    }

    /** Public articles carrying this tag, newest first. */
    private static List<String> stories(String tag, int count) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slugs.add(article().tags(tag).publishedAt(Instant.now().minusSeconds(600L + 60L * i)).createSlug());
        }
        return slugs;
    }
}
