package io.newsdesk.cms.support;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Builders for comments, the readers who write them and the moderators who judge them. Every reader
 * has a name, email, client address (sent as X-Forwarded-For, trusted from 127.0.0.1 in the test
 * profile) and user agent that no other test uses, because the rate limit and "has this email an
 * approved comment?" are counted over the whole run.
 */
public final class Comments {

    public static final String ARTICLES = "/api/v1/articles";
    public static final String MODERATION = "/api/v1/comments";
    public static final String PROBLEM_JSON = "application/problem+json";

    /** The second octet of every address this run hands out, so reruns against a kept database never collide. */
    private static final int RUN = (int) (System.currentTimeMillis() / 1000 % 250) + 1;
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private Comments() {
    }

    /** A client address no other request of this run has used: 10.(run).(n).(m). */
    public static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + RUN + "." + (n / 250 % 256) + "." + (n % 250 + 1);
    }

    /** Someone who reads the site and comments on it. */
    public static Reader reader() {
        return new Reader(Fixtures.unique("reader"));
    }

    /** A reader with this email and user agent, and an address of their own. */
    public static Reader reader(String email, String userAgent) {
        return new Reader("Reader " + Fixtures.unique("reader"), email, userAgent);
    }

    /** A comment on the article with this slug, by a reader of its own. */
    public static CommentBuilder comment(String articleSlug) {
        return new CommentBuilder(articleSlug, reader());
    }

    public static String commentsUrl(String articleSlug) {
        return ARTICLES + "/" + articleSlug + "/comments";
    }

    public static String moderationUrl(Object id) {
        return MODERATION + "/" + id;
    }

    /** Moves a comment to a status as the admin; answers the moderated comment. */
    public static JsonPath moderate(long id, String status) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("status", status))
                .when().patch(moderationUrl(id))
                .then().statusCode(200).body("status", equalTo(status)).extract().jsonPath();
    }

    public static void approve(long id) {
        moderate(id, "approved");
    }

    /** The comment as moderators see it (email, address, user agent, status). */
    public static JsonPath moderated(long id) {
        return asAdmin().when().get(moderationUrl(id)).then().statusCode(200).extract().jsonPath();
    }

    /** The public thread of an article, as anonymous readers get it. */
    public static Response thread(String articleSlug) {
        return given().when().get(commentsUrl(articleSlug));
    }

    /** The article's commentCount as an anonymous reader sees it. */
    public static int commentCount(String articleSlug) {
        return given().when().get(ARTICLES + "/" + articleSlug).then().statusCode(200).extract().path("commentCount");
    }

    /** Merge-patches an article as the admin (to close its comments, rename it, unpublish it...). */
    public static void patchArticle(String articleSlug, Map<String, ?> patch) {
        asAdmin().contentType("application/merge-patch+json").body(patch)
                .when().patch(ARTICLES + "/" + articleSlug)
                .then().statusCode(200);
    }

    /** An RFC 9457 problem with this status, carrying nosniff like every answer, with no internals in it. */
    public static ValidatableResponse assertProblem(Response response, int status) {
        return Problems.assertProblem(response, status);
    }

    /** A 400 problem whose errors name {@code field}. */
    public static ValidatableResponse assertInvalidField(Response response, String field) {
        return assertProblem(response, 400)
                .body("type", endsWith("/invalid-input"))
                .body("errors.field", hasItem(field));
    }

    /** A reader: one person with one email, one client address and one browser. */
    public static final class Reader {
        public final String name;
        public final String email;
        public final String address;
        public final String userAgent;

        Reader(String handle) {
            this("Reader " + handle, handle + "@readers.example.org", "CommentTest/1.0 (" + handle + ")");
        }

        Reader(String name, String email, String userAgent) {
            this.name = name;
            this.email = email;
            this.address = address();
            this.userAgent = userAgent;
        }

        /** A comment by this reader. */
        public CommentBuilder on(String articleSlug) {
            return new CommentBuilder(articleSlug, this);
        }
    }

    public static final class CommentBuilder {
        private final String articleSlug;
        private final Map<String, Object> body = new LinkedHashMap<>();
        private String address;
        private String userAgent;
        private String token;

        CommentBuilder(String articleSlug, Reader reader) {
            this.articleSlug = articleSlug;
            body.put("authorName", reader.name);
            body.put("authorEmail", reader.email);
            body.put("body", "A thoughtful remark " + Fixtures.unique("remark") + ".");
            this.address = reader.address;
            this.userAgent = reader.userAgent;
        }

        public CommentBuilder name(String name) {
            return with("authorName", name);
        }

        public CommentBuilder email(String email) {
            return with("authorEmail", email);
        }

        public CommentBuilder url(String url) {
            return with("authorUrl", url);
        }

        public CommentBuilder body(String text) {
            return with("body", text);
        }

        public CommentBuilder replyTo(long parentId) {
            return with("parentId", parentId);
        }

        public CommentBuilder homepage(String value) {
            return with("homepage", value);
        }

        /** Sends the commenter key an earlier answer gave, as a front-end does for a returning reader. */
        public CommentBuilder commenterKey(String key) {
            return with("commenterKey", key);
        }

        /** Sets any field, or leaves it out when value is null. */
        public CommentBuilder with(String field, Object value) {
            if (value == null) {
                body.remove(field);
            } else {
                body.put(field, value);
            }
            return this;
        }

        public CommentBuilder without(String field) {
            body.remove(field);
            return this;
        }

        /** Sends it from another client address (X-Forwarded-For). */
        public CommentBuilder from(String clientAddress) {
            this.address = clientAddress;
            return this;
        }

        public CommentBuilder userAgent(String agent) {
            this.userAgent = agent;
            return this;
        }

        /** Sends it with this token (an editor's makes it a staff comment) instead of anonymously. */
        public CommentBuilder withToken(String bearer) {
            this.token = bearer;
            return this;
        }

        public Map<String, Object> body() {
            return body;
        }

        /** The request headers a transcript should show. */
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Forwarded-For", address);
            if (userAgent != null) {
                headers.put("User-Agent", userAgent);
            }
            if (token != null) {
                headers.put("Authorization", "Bearer <token>");
            }
            return headers;
        }

        public String endpoint() {
            return commentsUrl(articleSlug);
        }

        /** POSTs it, anonymously unless {@link #withToken} named a caller, and answers the raw response, redirects not followed. */
        public Response post() {
            RequestSpecification request = (token == null ? anonymous() : as(token)).redirects().follow(false)
                    .contentType(ContentType.JSON).body(body).header("X-Forwarded-For", address);
            if (userAgent != null) {
                request.header("User-Agent", userAgent);
            }
            return request.when().post(commentsUrl(articleSlug));
        }

        /** POSTs it, expects it to wait for moderation (202), answers its id. */
        public long submit() {
            return ((Number) post().then().statusCode(202).body("status", equalTo("pending")).extract().path("id")).longValue();
        }

        /** POSTs it and approves it as a moderator; answers its id. */
        public long approved() {
            long id = submit();
            approve(id);
            return id;
        }
    }
}
