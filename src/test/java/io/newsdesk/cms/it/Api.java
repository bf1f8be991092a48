package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few API calls the process tests set up their data with. */
final class Api {

    static final String ARTICLES = "/api/v1/articles";
    static final String TOKENS = "/api/v1/tokens";

    private Api() {
    }

    record IssuedToken(long id, String secret) {
    }

    /** POST /tokens with an admin token; fails the test unless it is 201. */
    static IssuedToken issueToken(Http http, String adminToken, String name, String role) {
        Http.Response issued = http.post(TOKENS, adminToken, Map.of("name", name, "role", role));
        assertEquals(201, issued.status(), () -> "issuing a token: " + issued);
        return new IssuedToken(issued.json().path("id").asLong(), issued.text("token"));
    }

    /** An ArticleWrite body: published in the past, comments open, with these tags. */
    static Map<String, Object> publishedArticle(String title, String slug, List<String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("slug", slug);
        body.put("excerpt", "Excerpt of " + title);
        body.put("body", "## " + title + "\n\nA paragraph about " + title + ", long enough to be an article body.\n\n"
                + "Another paragraph with *emphasis* and a [link](https://example.org/" + slug + ").");
        body.put("tags", tags);
        body.put("authorName", "Process Tests");
        body.put("status", "published");
        body.put("publishedAt", "2024-02-23T09:30:00Z");
        body.put("commentsOpen", true);
        return body;
    }

    /** Creates a published article; fails the test unless it is 201. */
    static String createPublished(Http http, String token, String title, String slug, List<String> tags) {
        Http.Response created = http.post(ARTICLES, token, publishedArticle(title, slug, tags));
        assertEquals(201, created.status(), () -> "creating " + slug + ": " + created);
        return created.text("slug");
    }

    static Map<String, Object> comment(String name, String email, String body) {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("authorName", name);
        comment.put("authorEmail", email);
        comment.put("body", body);
        return comment;
    }
}
