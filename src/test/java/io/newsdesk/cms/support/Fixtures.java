package io.newsdesk.cms.support;

import static io.newsdesk.cms.support.Callers.asAdmin;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Builders that make test data through the public API as the bootstrap admin, each with names no
 * other test uses, so tests never depend on each other, on their order, or on what an earlier run
 * left behind. A test about another caller makes its data here and then calls as that caller.
 */
public final class Fixtures {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    private Fixtures() {
    }

    /** A slug-safe token unique to this test run and call: "t-k3x9a-17". */
    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    public static CategoryBuilder category() {
        return new CategoryBuilder();
    }

    public static ArticleBuilder article() {
        return new ArticleBuilder();
    }

    public static final class CategoryBuilder {
        private final Map<String, Object> body = new HashMap<>();

        CategoryBuilder() {
            String slug = unique("cat");
            body.put("name", "Category " + slug);
            body.put("slug", slug);
        }

        public CategoryBuilder name(String name) {
            body.put("name", name);
            return this;
        }

        public CategoryBuilder slug(String slug) {
            body.put("slug", slug);
            return this;
        }

        public CategoryBuilder parent(String parentSlug) {
            body.put("parentSlug", parentSlug);
            return this;
        }

        public CategoryBuilder position(int position) {
            body.put("position", position);
            return this;
        }

        public Map<String, Object> body() {
            return body;
        }

        /** Creates it as the admin and answers its JSON. */
        public JsonPath create() {
            return asAdmin().contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/categories")
                    .then().statusCode(201).extract().jsonPath();
        }

        public String createSlug() {
            return create().getString("slug");
        }
    }

    public static final class ArticleBuilder {
        private final Map<String, Object> body = new HashMap<>();

        ArticleBuilder() {
            String slug = unique("art");
            body.put("title", "Article " + slug);
            body.put("slug", slug);
            body.put("body", "Some **Markdown** text for " + slug + ".");
            body.put("status", "published");
            body.put("publishedAt", Instant.now().minusSeconds(3600).toString());
        }

        public ArticleBuilder title(String title) {
            body.put("title", title);
            return this;
        }

        public ArticleBuilder slug(String slug) {
            if (slug == null) {
                body.remove("slug");
            } else {
                body.put("slug", slug);
            }
            return this;
        }

        public ArticleBuilder body(String markdown) {
            body.put("body", markdown);
            return this;
        }

        public ArticleBuilder category(String categorySlug) {
            body.put("categorySlug", categorySlug);
            return this;
        }

        public ArticleBuilder tags(String... tags) {
            body.put("tags", List.of(tags));
            return this;
        }

        public ArticleBuilder draft() {
            body.put("status", "draft");
            return this;
        }

        public ArticleBuilder archived() {
            body.put("status", "archived");
            return this;
        }

        public ArticleBuilder publishedAt(Instant at) {
            body.put("publishedAt", at.toString());
            return this;
        }

        public ArticleBuilder with(String field, Object value) {
            body.put(field, value);
            return this;
        }

        public Map<String, Object> body() {
            return body;
        }

        /** Creates it as the admin and answers its JSON. */
        public JsonPath create() {
            return createResponse().jsonPath();
        }

        /** Creates it as the admin and answers the whole 201 response, for its headers (Location, ETag). */
        public Response createResponse() {
            return asAdmin().contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/articles")
                    .then().statusCode(201).extract().response();
        }

        public String createSlug() {
            return create().getString("slug");
        }
    }
}
