package io.newsdesk.cms.related;

import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.newsdesk.cms.support.Problems;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** What the related-articles tests say again and again: the routes, curation bodies, tokens and problem answers. */
final class RelatedApi {

    static final String ARTICLES = "/api/v1/articles";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String ETAG = "\"[^\"]+\"";
    static final String PUBLIC_CACHE = "public, max-age=60, stale-while-revalidate=300";
    static final String PRIVATE_CACHE = "private, no-store";

    private RelatedApi() {
    }

    static String articleUrl(String slug) {
        return ARTICLES + "/" + slug;
    }

    static String relatedUrl(String slug) {
        return articleUrl(slug) + "/related";
    }

    /** An internal link entry of a curation body. */
    static Map<String, Object> internal(String slug) {
        return Map.of("articleSlug", slug);
    }

    /** An external link entry of a curation body. */
    static Map<String, Object> external(String url, String title, String description) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("url", url);
        link.put("title", title);
        if (description != null) {
            link.put("description", description);
        }
        return link;
    }

    /** PUT /articles/{slug}/related as the admin. */
    static Response curate(String slug, Object links) {
        return asAdmin().redirects().follow(false).contentType(ContentType.JSON).body(links)
                .when().put(relatedUrl(slug));
    }

    /** PUT /articles/{slug}/related with this token. */
    static Response curateAs(String token, String slug, Object links) {
        return as(token).redirects().follow(false).contentType(ContentType.JSON).body(links)
                .when().put(relatedUrl(slug));
    }

    /** Curates as the admin and checks it worked; answers the new ETag. */
    static String curated(String slug, Object... links) {
        return curate(slug, List.of(links)).then().statusCode(200).extract().header("ETag");
    }

    /** Anonymous GET /articles/{slug}/related, without following redirects. */
    static Response related(String slug) {
        return given().redirects().follow(false).when().get(relatedUrl(slug));
    }

    /** GET /articles/{slug}/related as an authenticated editor (the admin token). */
    static Response relatedAsEditor(String slug) {
        return asAdmin().redirects().follow(false).when().get(relatedUrl(slug));
    }

    /** The items of an anonymous read that must succeed. */
    static List<Map<String, Object>> items(String slug) {
        return related(slug).then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The slugs of the linked articles of a block, in block order (null for external links). */
    static List<String> linkedSlugs(List<Map<String, Object>> items) {
        List<String> slugs = new ArrayList<>();
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> article = (Map<String, Object>) item.get("article");
            slugs.add(article == null ? null : (String) article.get("slug"));
        }
        return slugs;
    }

    static List<String> sources(List<Map<String, Object>> items) {
        return items.stream().map(i -> (String) i.get("source")).toList();
    }

    /** A block as an anonymous reader sees it: an editor's block without the editor-only `state`. */
    static List<Map<String, Object>> withoutState(List<Map<String, Object>> items) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> item : items) {
            Map<String, Object> copy = new LinkedHashMap<>(item);
            copy.remove("state");
            out.add(copy);
        }
        return out;
    }

    /** Merge-patches an article as the admin and checks it worked. */
    static void patchArticle(String slug, Map<String, Object> patch) {
        asAdmin().contentType(MERGE_PATCH).body(patch).when().patch(articleUrl(slug)).then().statusCode(200);
    }

    /** Removes the article for good (an admin's DELETE ?permanent=true), not to the trash. */
    static void deleteArticle(String slug) {
        asAdmin().queryParam("permanent", "true").when().delete(articleUrl(slug)).then().statusCode(204);
    }

    /** Moves the article to the trash as the admin. */
    static void trashArticle(String slug) {
        asAdmin().when().delete(articleUrl(slug)).then().statusCode(204);
    }

    /** An RFC 9457 problem with this status, carrying nosniff like every answer. */
    static ValidatableResponse assertProblem(Response response, int status) {
        return Problems.assertProblem(response, status);
    }

    /** A 400 invalid-input problem whose errors name {@code field}. */
    static ValidatableResponse assertInvalidField(Response response, String field) {
        return assertProblem(response, 400)
                .body("type", endsWith("/invalid-input"))
                .body("errors.field", hasItem(field));
    }
}
