package io.newsdesk.cms.comment;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Comments.approve;
import static io.newsdesk.cms.support.Comments.assertInvalidField;
import static io.newsdesk.cms.support.Comments.assertProblem;
import static io.newsdesk.cms.support.Comments.comment;
import static io.newsdesk.cms.support.Comments.commentCount;
import static io.newsdesk.cms.support.Comments.commentsUrl;
import static io.newsdesk.cms.support.Comments.moderate;
import static io.newsdesk.cms.support.Comments.moderationUrl;
import static io.newsdesk.cms.support.Comments.patchArticle;
import static io.newsdesk.cms.support.Comments.reader;
import static io.newsdesk.cms.support.Comments.thread;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.Comments.Reader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The public thread under an article, commentCount, and what moderation and article changes do to them. */
@QuarkusTest
class CommentThreadTest {

    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]+)\"");

    // ---- the thread -------------------------------------------------------------------------------

    @Test
    void shouldListOnlyApprovedTopLevelCommentsOldestFirst() {
        String slug = article().createSlug();
        long first = comment(slug).body("First <b>bold</b> claim").url("https://first.example.org").submit();
        long second = comment(slug).submit();
        long third = comment(slug).submit();
        comment(slug).submit(); // stays pending
        long spam = comment(slug).submit();
        long trash = comment(slug).submit();
        // approved in another order than they were written: the thread follows the writing
        approve(third);
        approve(first);
        approve(second);
        moderate(spam, "spam");
        approve(trash);
        moderate(trash, "trash");

        Response response = thread(slug);

        response.then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Total-Count", "3")
                .header("Cache-Control", startsWith("public, max-age="))
                .body("page", equalTo(1))
                .body("size", equalTo(20))
                .body("totalItems", equalTo(3))
                .body("totalPages", equalTo(1))
                .body("items.id", contains((int) first, (int) second, (int) third))
                .body("items.parentId", contains(nullValue(), nullValue(), nullValue()))
                .body("items[0].authorUrl", equalTo("https://first.example.org"))
                .body("items[0].bodyHtml", equalTo("<p>First &lt;b&gt;bold&lt;/b&gt; claim</p>"))
                .body("items[0].createdAt", matchesPattern(ISO_UTC))
                .body("items[0].staff", equalTo(false))
                .body("items[0].replies", empty())
                .body("items[1].authorUrl", nullValue());
        Map<String, Object> item = response.jsonPath().getMap("items[0]");
        assertEquals(Set.of("id", "parentId", "authorName", "authorUrl", "bodyHtml", "createdAt", "staff", "replies"), item.keySet());
        assertEquals(3, commentCount(slug));
    }

    @Test
    void shouldPageTopLevelCommentsLikeEveryListWithLinkAndTotalCount() {
        String slug = article().createSlug();
        List<Long> topLevel = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            topLevel.add(comment(slug).approved());
        }
        // replies are not counted as top-level comments
        comment(slug).replyTo(topLevel.get(0)).approved();
        comment(slug).replyTo(topLevel.get(3)).approved();

        Response page2 = given().queryParam("size", 2).queryParam("page", 2).when().get(commentsUrl(slug));

        page2.then().statusCode(200)
                .header("X-Total-Count", "5")
                .body("page", equalTo(2))
                .body("size", equalTo(2))
                .body("totalItems", equalTo(5))
                .body("totalPages", equalTo(3))
                .body("items.id", contains(topLevel.get(2).intValue(), topLevel.get(3).intValue()))
                .body("items[1].replies.size()", equalTo(1));
        Map<String, URI> links = links(page2);
        assertEquals(List.of("first", "prev", "next", "last"), List.copyOf(links.keySet()));
        assertEquals(Map.of("first", "1", "prev", "1", "next", "3", "last", "3"),
                Map.of("first", query(links.get("first")).get("page"), "prev", query(links.get("prev")).get("page"),
                        "next", query(links.get("next")).get("page"), "last", query(links.get("last")).get("page")));
        links.forEach((rel, uri) -> {
            assertEquals(commentsUrl(slug), uri.getPath(), rel);
            assertEquals("2", query(uri).get("size"), rel + " keeps the size");
        });
        given().queryParam("size", 2).queryParam("page", 3).when().get(commentsUrl(slug))
                .then().statusCode(200).header("X-Total-Count", "5")
                .body("items.id", contains(topLevel.get(4).intValue()));
        given().queryParam("size", 2).queryParam("page", 4).when().get(commentsUrl(slug))
                .then().statusCode(200).header("X-Total-Count", "5").body("items", empty());
        assertEquals(7, commentCount(slug));
    }

    @Test
    void shouldRefuseABadPageOrSize() {
        String slug = article().createSlug();

        assertInvalidField(given().queryParam("page", 0).when().get(commentsUrl(slug)), "page");
        assertInvalidField(given().queryParam("page", "two").when().get(commentsUrl(slug)), "page");
        assertInvalidField(given().queryParam("size", 101).when().get(commentsUrl(slug)), "size");
    }

    @Test
    void shouldNestApprovedRepliesToAnyDepthOldestFirst() {
        String slug = article().createSlug();
        long root = comment(slug).approved();
        long reply1 = comment(slug).replyTo(root).approved();
        long reply2 = comment(slug).replyTo(root).approved();
        long depth2 = comment(slug).replyTo(reply1).approved();
        long depth3 = comment(slug).replyTo(depth2).approved();
        long depth4 = comment(slug).replyTo(depth3).approved();
        comment(slug).replyTo(reply1).submit(); // pending: not shown
        long laterRoot = comment(slug).approved();

        thread(slug).then().statusCode(200)
                .header("X-Total-Count", "2")
                .body("items.id", contains((int) root, (int) laterRoot))
                .body("items[0].replies.id", contains((int) reply1, (int) reply2))
                .body("items[0].replies.parentId", contains((int) root, (int) root))
                .body("items[0].replies[0].replies.id", contains((int) depth2))
                .body("items[0].replies[0].replies[0].parentId", equalTo((int) reply1))
                .body("items[0].replies[0].replies[0].replies.id", contains((int) depth3))
                .body("items[0].replies[0].replies[0].replies[0].replies.id", contains((int) depth4))
                .body("items[0].replies[0].replies[0].replies[0].replies[0].replies", empty())
                .body("items[0].replies[1].replies", empty())
                .body("items[1].replies", empty());
        assertEquals(7, commentCount(slug));
    }

    @ParameterizedTest
    @ValueSource(strings = { "trash", "spam", "pending" })
    void shouldTakeRepliesOutOfPublicViewWithTheirParent(String status) {
        String slug = article().createSlug();
        long root = comment(slug).approved();
        long reply = comment(slug).replyTo(root).approved();
        long deeper = comment(slug).replyTo(reply).approved();
        assertEquals(3, commentCount(slug));

        moderate(reply, status);

        thread(slug).then().statusCode(200).body("items.id", contains((int) root)).body("items[0].replies", empty());
        assertEquals(1, commentCount(slug));

        moderate(root, status);

        thread(slug).then().statusCode(200).header("X-Total-Count", "0").body("items", empty());
        assertEquals(0, commentCount(slug));

        approve(root);
        approve(reply);

        thread(slug).then().statusCode(200)
                .body("items[0].replies.id", contains((int) reply))
                .body("items[0].replies[0].replies.id", contains((int) deeper));
        assertEquals(3, commentCount(slug));
    }

    @Test
    void shouldDeleteACommentWithItsReplies() {
        String slug = article().createSlug();
        long root = comment(slug).approved();
        long reply = comment(slug).replyTo(root).approved();
        long deeper = comment(slug).replyTo(reply).approved();
        long other = comment(slug).approved();

        asAdmin().when().delete(moderationUrl(root)).then().statusCode(204);

        for (long gone : List.of(root, reply, deeper)) {
            assertProblem(asAdmin().when().get(moderationUrl(gone)), 404).body("type", endsWith("/not-found"));
        }
        thread(slug).then().statusCode(200).header("X-Total-Count", "1").body("items.id", contains((int) other));
        assertEquals(1, commentCount(slug));
    }

    // ---- commentCount -----------------------------------------------------------------------------

    @Test
    void shouldKeepCommentCountEqualToTheVisibleApprovedCommentsAfterEveryChange() {
        String tag = unique("counted");
        String slug = article().tags(tag).createSlug();
        Reader sam = reader();
        JsonPath first = sam.on(slug).post().then().statusCode(202).extract().jsonPath();
        long a = first.getLong("id");
        assertCommentCount(slug, tag, 0);

        approve(a);
        assertCommentCount(slug, tag, 1);

        long b = comment(slug).approved();
        long reply = sam.on(slug).replyTo(a).body("Replying to myself").commenterKey(first.getString("commenterKey")).post()
                .then().statusCode(201).extract().jsonPath().getLong("id");
        assertCommentCount(slug, tag, 3);

        moderate(a, "pending");
        assertCommentCount(slug, tag, 1);

        approve(a);
        assertCommentCount(slug, tag, 3);

        moderate(b, "spam");
        assertCommentCount(slug, tag, 2);

        moderate(reply, "trash");
        assertCommentCount(slug, tag, 1);

        approve(reply);
        approve(b);
        assertCommentCount(slug, tag, 3);

        asAdmin().when().delete(moderationUrl(b)).then().statusCode(204);
        assertCommentCount(slug, tag, 2);

        bulk(Map.of("ids", List.of(a, reply, 987_654_321L), "status", "trash"))
                .then().statusCode(200)
                .body("done", contains((int) a, (int) reply))
                .body("missing", contains(987_654_321));
        assertCommentCount(slug, tag, 0);

        bulk(Map.of("ids", List.of(a, reply), "status", "approved"))
                .then().statusCode(200).body("done", contains((int) a, (int) reply)).body("missing", empty());
        assertCommentCount(slug, tag, 2);

        long c = comment(slug).approved();
        assertCommentCount(slug, tag, 3);

        bulk(Map.of("ids", List.of(c, 987_654_322L), "delete", true))
                .then().statusCode(200).body("done", contains((int) c)).body("missing", contains(987_654_322));
        assertCommentCount(slug, tag, 2);

        bulk(Map.of("ids", List.of(a), "delete", true)).then().statusCode(200).body("done", contains((int) a));
        assertCommentCount(slug, tag, 0);
        assertProblem(asAdmin().when().get(moderationUrl(reply)), 404);
    }

    @Test
    void shouldRecountEveryArticleABulkChangeTouches() {
        String one = article().createSlug();
        String two = article().createSlug();
        long onOne = comment(one).submit();
        long onTwo = comment(two).submit();

        bulk(Map.of("ids", List.of(onOne, onTwo), "status", "approved"))
                .then().statusCode(200).body("done", contains((int) onOne, (int) onTwo));

        assertEquals(1, commentCount(one));
        assertEquals(1, commentCount(two));
        thread(two).then().body("items.id", contains((int) onTwo));
    }

    @Test
    void shouldDeleteAParentAndItsReplyNamedInOneBulkRequest() {
        String slug = article().createSlug();
        long parent = comment(slug).approved();
        long reply = comment(slug).replyTo(parent).approved();

        bulk(Map.of("ids", List.of(parent, reply), "delete", true))
                .then().statusCode(200).body("done", contains((int) parent, (int) reply)).body("missing", empty());

        assertProblem(asAdmin().when().get(moderationUrl(reply)), 404);
        assertEquals(0, commentCount(slug));
    }

    @Test
    void shouldDeleteAReplyAndItsParentNamedInOneBulkRequestReplyFirst() {
        String slug = article().createSlug();
        long parent = comment(slug).approved();
        long reply = comment(slug).replyTo(parent).approved();

        bulk(Map.of("ids", List.of(reply, parent), "delete", true))
                .then().statusCode(200).body("done", contains((int) reply, (int) parent)).body("missing", empty());

        assertProblem(asAdmin().when().get(moderationUrl(parent)), 404);
        assertEquals(0, commentCount(slug));
    }

    @Test
    void shouldChangeTheArticlesETagWhenItsCommentCountChanges() {
        String slug = article().createSlug();
        long id = comment(slug).submit();
        String before = given().when().get(Comments.ARTICLES + "/" + slug).then().statusCode(200).extract().header("ETag");

        approve(id);

        Response after = given().when().get(Comments.ARTICLES + "/" + slug);
        after.then().statusCode(200).body("commentCount", equalTo(1));
        assertNotEquals(before, after.header("ETag"));
    }

    // ---- article changes --------------------------------------------------------------------------

    @Test
    void shouldKeepExistingCommentsVisibleWhenCommentsAreClosed() {
        String slug = article().createSlug();
        long root = comment(slug).approved();
        long reply = comment(slug).replyTo(root).approved();
        long waiting = comment(slug).submit();
        String before = thread(slug).then().statusCode(200).extract().asString();

        patchArticle(slug, Map.of("commentsOpen", false));

        given().when().get(Comments.ARTICLES + "/" + slug).then().statusCode(200)
                .body("commentsOpen", equalTo(false)).body("commentCount", equalTo(2));
        assertEquals(before, thread(slug).then().statusCode(200).extract().asString());
        assertProblem(comment(slug).replyTo(reply).post(), 403);
        // moderators can still publish what was written before closing
        approve(waiting);
        thread(slug).then().body("items.id", contains((int) root, (int) waiting));
        assertEquals(3, commentCount(slug));
    }

    @Test
    void shouldReopenComments() {
        String slug = article().with("commentsOpen", false).createSlug();
        patchArticle(slug, Map.of("commentsOpen", true));

        comment(slug).post().then().statusCode(202);
    }

    @Test
    void shouldHideTheCommentsOfAnArticleInTheTrashAndDeleteThemWithItForGood() {
        String slug = article().createSlug();
        long approved = comment(slug).approved();
        long reply = comment(slug).replyTo(approved).approved();
        long pending = comment(slug).submit();
        long spam = comment(slug).homepage("bot").submit();

        asAdmin().when().delete(Comments.ARTICLES + "/" + slug).then().statusCode(204);
        assertProblem(thread(slug), 404);
        asAdmin().when().get(moderationUrl(approved)).then().statusCode(200);

        asAdmin().queryParam("permanent", "true").when().delete(Comments.ARTICLES + "/" + slug).then().statusCode(204);

        for (long id : List.of(approved, reply, pending, spam)) {
            assertProblem(asAdmin().when().get(moderationUrl(id)), 404).body("type", endsWith("/not-found"));
        }
        asAdmin().queryParam("article", slug).when().get(Comments.MODERATION)
                .then().statusCode(200).body("items", empty());
        assertProblem(thread(slug), 404);
    }

    @Test
    void shouldHideTheThreadOfAnArticleThatIsNoLongerPublic() {
        String slug = article().createSlug();
        comment(slug).approved();

        patchArticle(slug, Map.of("status", "draft"));

        assertProblem(thread(slug), 404).body("type", endsWith("/not-found"));
        // editors still see the article, with its count
        asAdmin().when().get(Comments.ARTICLES + "/" + slug).then().statusCode(200).body("commentCount", equalTo(1));
    }

    @Test
    void shouldAnswer404ForTheThreadOfAnUnknownDraftOrScheduledArticle() {
        assertProblem(thread(unique("nowhere")), 404).body("type", endsWith("/not-found"));
        assertProblem(thread(article().draft().createSlug()), 404);
        assertProblem(thread(article().publishedAt(Instant.now().plusSeconds(3600)).createSlug()), 404);
    }

    @Test
    void shouldRedirectTheThreadOfAnOldSlugWith301() {
        String oldSlug = article().createSlug();
        long id = comment(oldSlug).approved();
        String newSlug = unique("renamed");
        patchArticle(oldSlug, Map.of("slug", newSlug));

        Response moved = given().redirects().follow(false).when().get(commentsUrl(oldSlug));

        assertProblem(moved, 301);
        assertEquals(commentsUrl(newSlug), URI.create(moved.header("Location")).getPath());
        thread(newSlug).then().statusCode(200).body("items.id", contains((int) id));
    }

    // ---- include=comments -------------------------------------------------------------------------

    @Test
    void shouldEmbedTheSameFirstPageAsTheCommentsRoute() {
        String slug = article().createSlug();
        long first = comment(slug).url("https://first.example.org").approved();
        comment(slug).replyTo(first).approved();
        String editor = token("editor");
        for (int i = 0; i < 20; i++) {
            comment(slug).withToken(editor).body("Staff note " + i).post().then().statusCode(201);
        }
        comment(slug).submit(); // pending: in neither

        Response article = given().queryParam("include", "comments").when().get(Comments.ARTICLES + "/" + slug);
        Response comments = thread(slug);

        article.then().statusCode(200)
                .body("commentCount", equalTo(22))
                .body("comments.items.size()", equalTo(20))
                .body("comments.totalItems", equalTo(21))
                .body("comments.totalPages", equalTo(2))
                .body("comments.items[0].id", equalTo((int) first));
        comments.then().statusCode(200).header("X-Total-Count", "21");
        Map<String, Object> embedded = article.jsonPath().getMap("comments");
        assertEquals(comments.jsonPath().getMap("$"), embedded);
        given().when().get(Comments.ARTICLES + "/" + slug).then().statusCode(200).body("$", not(hasKey("comments")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "bogus", "comments,bogus", "COMMENTS" })
    void shouldRefuseAnUnknownInclude(String include) {
        String slug = article().createSlug();

        assertInvalidField(given().queryParam("include", include).when().get(Comments.ARTICLES + "/" + slug), "include");
    }

    @Test
    void shouldAnswer404ForIncludeCommentsOnAHiddenArticle() {
        String slug = article().draft().createSlug();

        assertProblem(given().queryParam("include", "comments").when().get(Comments.ARTICLES + "/" + slug), 404);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static Response bulk(Map<String, Object> request) {
        return asAdmin().contentType(ContentType.JSON).body(request).when().patch(Comments.MODERATION);
    }

    /** commentCount agrees on the article, in the /articles list and with the comments a reader can see in the thread. */
    private static void assertCommentCount(String slug, String tag, int expected) {
        assertEquals(expected, commentCount(slug), "commentCount of GET /articles/" + slug);
        given().queryParam("tag", tag).when().get(Comments.ARTICLES)
                .then().statusCode(200)
                .body("items.slug", contains(slug))
                .body("items[0].commentCount", equalTo(expected));
        List<Map<String, Object>> items = given().queryParam("size", 100).when().get(commentsUrl(slug))
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(expected, visible(items), "comments in the thread of " + slug);
    }

    @SuppressWarnings("unchecked")
    private static int visible(List<Map<String, Object>> comments) {
        int n = 0;
        for (Map<String, Object> c : comments) {
            n += 1 + visible((List<Map<String, Object>>) c.get("replies"));
        }
        return n;
    }

    private static Map<String, URI> links(Response response) {
        String header = response.header("Link");
        assertTrue(header != null && !header.isBlank(), "a Link header");
        Map<String, URI> links = new LinkedHashMap<>();
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            links.put(m.group(2), URI.create(m.group(1)));
        }
        return links;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
