package io.newsdesk.cms.common;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Comments.approve;
import static io.newsdesk.cms.support.Comments.comment;
import static io.newsdesk.cms.support.Comments.commentCount;
import static io.newsdesk.cms.support.Comments.commentsUrl;
import static io.newsdesk.cms.support.Comments.moderationUrl;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.newsdesk.cms.support.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once over real HTTP: every thread is parked behind one start gate, then all go
 * together. Whatever the interleaving, every answer is a documented one (never a 500), writes with
 * the same If-Match serialize to exactly one winner, the rate limit counts every post exactly once,
 * and an article's commentCount matches its visible thread after any mix of moderation.
 */
@QuarkusTest
class ConcurrencyTest {

    @Inject
    TestClock clock;

    private static final int THREADS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CmsConfig config;

    // ---- (a) the same title or name at the same moment ---------------------------------------------------

    @Test
    void shouldGiveArticlesCreatedAtOnceWithTheSameTitleDistinctSlugs() {
        String title = "Breaking " + unique("story");

        List<Response> answers = race(THREADS, i -> asAdmin().contentType(ContentType.JSON)
                .body(article().slug(null).title(title).body("Version " + i).body())
                .when().post("/api/v1/articles"));

        assertAll(answers, 201);
        Set<String> slugs = answers.stream().map(r -> r.jsonPath().getString("slug")).collect(Collectors.toSet());
        assertEquals(THREADS, slugs.size(), "one slug per article: " + slugs);
        for (String slug : slugs) {
            given().get("/api/v1/articles/" + slug).then().statusCode(200).body("title", org.hamcrest.Matchers.equalTo(title));
        }
    }

    @Test
    void shouldGiveCategoriesCreatedAtOnceWithTheSameNameDistinctSlugs() {
        String name = "Section " + unique("desk");

        List<Response> answers = race(THREADS, i -> asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .when().post("/api/v1/categories"));

        assertAll(answers, 201);
        Set<String> slugs = answers.stream().map(r -> r.jsonPath().getString("slug")).collect(Collectors.toSet());
        assertEquals(THREADS, slugs.size(), "one slug per category: " + slugs);
        for (String slug : slugs) {
            given().get("/api/v1/categories/" + slug).then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo(name));
        }
    }

    // ---- (b) If-Match under contention --------------------------------------------------------------------

    @Test
    void shouldLetExactlyOneEditorWinEachRoundOfConcurrentIfMatchPatchesAndLoseNothing() {
        String slug = article().tags("start").createSlug();
        String url = "/api/v1/articles/" + slug;
        List<String> expectedTags = new ArrayList<>(List.of("start"));
        int rounds = 5;

        for (int round = 1; round <= rounds; round++) {
            Response before = given().get(url);
            before.then().statusCode(200);
            String etag = before.header("ETag");
            List<String> tags = before.jsonPath().getList("tags");
            assertEquals(expectedTags, tags, "every earlier round's winner is still there before round " + round);
            int r = round;

            // Each editor adds its own tag to the list it read, and renames the article.
            List<Response> answers = race(THREADS, i -> {
                List<String> mine = new ArrayList<>(tags);
                mine.add("r" + r + "-e" + i);
                return asAdmin().contentType("application/merge-patch+json").header("If-Match", etag)
                        .body(Map.of("title", "Round " + r + " by editor " + i, "tags", mine))
                        .when().patch(url);
            });

            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                Response answer = answers.get(i);
                if (answer.statusCode() == 200) {
                    winners.add(i);
                } else {
                    assertProblem(answer, 412).body("type", endsWith("/precondition-failed"));
                }
            }
            assertEquals(1, winners.size(), "round " + round + ": exactly one 200, the others 412; got " + statuses(answers));
            int winner = winners.get(0);
            for (Response answer : answers) {
                if (answer.statusCode() == 412) {
                    // The losers are told what won: its ETag and its revision (the creation was revision 1).
                    assertEquals(answers.get(winner).header("ETag"), answer.header("ETag"), "round " + round + ": the current ETag");
                    assertEquals(round + 1, answer.jsonPath().getInt("currentRevision"), "round " + round + ": the newest revision");
                }
            }
            expectedTags.add("r" + r + "-e" + winner);
            Response after = given().get(url);
            after.then().statusCode(200)
                    .body("title", org.hamcrest.Matchers.equalTo("Round " + r + " by editor " + winner));
            assertEquals(expectedTags, after.jsonPath().getList("tags"), "round " + round + ": the winner's list, nothing else");
            assertEquals(answers.get(winner).header("ETag"), after.header("ETag"), "the winner's ETag is the article's now");
        }
        assertEquals(rounds + 1, expectedTags.size());
        // One revision per winning write: none lost, none twice.
        asAdmin().queryParam("size", 100)
                .get(url + "/revisions").then().statusCode(200)
                .body("items.number", org.hamcrest.Matchers.contains(6, 5, 4, 3, 2, 1));
    }

    // ---- (c) the rate limit under a burst -----------------------------------------------------------------

    @Test
    void shouldAcceptExactlyTheLimitFromOneAddressPostingAtOnce() {
        String slug = article().createSlug();
        String address = Comments.address();
        int limit = config.comments().rateLimit();
        int posts = 24;
        stopTheClockForABurst();

        List<Response> answers = race(posts, i -> comment(slug).from(address).body("Posted at once, number " + i).post());

        List<Response> accepted = answers.stream().filter(r -> r.statusCode() == 202).toList();
        List<Response> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(posts, accepted.size() + refused.size(), "every answer is 202 or 429: " + statuses(answers));
        assertEquals(limit, accepted.size(), "exactly the limit is accepted: " + statuses(answers));
        assertEquals(List.of(0, 1, 2, 3, 4).subList(0, limit),
                accepted.stream().map(r -> Integer.parseInt(r.header("RateLimit-Remaining"))).sorted().toList(),
                "each accepted post used one distinct unit of the allowance");
        long window = config.comments().rateWindow().toSeconds();
        for (Response r : refused) {
            assertProblem(r, 429).body("type", endsWith("/rate-limited")).header("RateLimit-Remaining", "0");
            String retryAfter = r.header("Retry-After");
            assertNotNull(retryAfter, "Retry-After on every 429");
            assertTrue(retryAfter.matches("[1-9][0-9]*") && Long.parseLong(retryAfter) <= window, "Retry-After " + retryAfter);
        }
        asAdmin().queryParam("article", slug).when().get(Comments.MODERATION)
                .then().statusCode(200).body("totalItems", org.hamcrest.Matchers.equalTo(limit));
    }

    // ---- (d) moderation under contention ------------------------------------------------------------------

    @Test
    void shouldKeepTheCommentCountEqualToTheVisibleThreadAfterConcurrentModeration() {
        String slug = article().createSlug();
        List<Long> ids = new ArrayList<>();
        List<Long> topLevel = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            long id = comment(slug).submit();
            topLevel.add(id);
            if (i % 4 != 3) {
                approve(id);
            }
        }
        ids.addAll(topLevel);
        // replies, and replies to replies, under approved comments
        List<Long> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long reply = comment(slug).replyTo(topLevel.get(i % 18 / 4 * 4 + i % 3)).submit();
            approve(reply);
            replies.add(reply);
        }
        ids.addAll(replies);
        for (int i = 0; i < 6; i++) {
            long nested = comment(slug).replyTo(replies.get(i * 2)).submit();
            if (i % 2 == 0) {
                approve(nested);
            }
            ids.add(nested);
        }
        assertEquals(visibleInThread(slug), commentCount(slug), "consistent before the storm");

        String[] statuses = { "approved", "pending", "spam", "trash" };
        List<List<String>> logs = race(THREADS, t -> {
            Random random = new Random(31L * t + 7);
            List<String> log = new ArrayList<>();
            for (int step = 0; step < 6; step++) {
                int dice = random.nextInt(100);
                Response answer;
                String what;
                if (dice < 55) {
                    long id = ids.get(random.nextInt(ids.size()));
                    String status = statuses[random.nextInt(statuses.length)];
                    what = "PATCH " + id + " " + status;
                    answer = asAdmin().contentType(ContentType.JSON).body(Map.of("status", status)).when().patch(moderationUrl(id));
                } else if (dice < 85) {
                    List<Long> some = pick(ids, 5, random);
                    String status = statuses[random.nextInt(statuses.length)];
                    what = "bulk " + some + " " + status;
                    answer = asAdmin().contentType(ContentType.JSON).body(Map.of("ids", some, "status", status))
                            .when().patch(Comments.MODERATION);
                } else if (dice < 95) {
                    long id = ids.get(random.nextInt(ids.size()));
                    what = "DELETE " + id;
                    answer = asAdmin().when().delete(moderationUrl(id));
                } else {
                    List<Long> some = pick(ids, 2, random);
                    what = "bulk delete " + some;
                    answer = asAdmin().contentType(ContentType.JSON).body(Map.of("ids", some, "delete", true))
                            .when().patch(Comments.MODERATION);
                }
                log.add(answer.statusCode() + " " + what + (Set.of(200, 204, 404, 412).contains(answer.statusCode()) ? ""
                        : " -> " + answer.asString()));
            }
            return log;
        });

        System.out.println("[concurrency] moderation storm answers: " + logs.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(line -> line.substring(0, 3), java.util.TreeMap::new, Collectors.counting())));
        List<String> unexpected = logs.stream().flatMap(List::stream)
                .filter(line -> !line.startsWith("200 ") && !line.startsWith("204 ") && !line.startsWith("404 ") && !line.startsWith("412 "))
                .toList();
        assertEquals(List.of(), unexpected, "every moderation answer is 200, 204, 404 or 412");
        int visible = visibleInThread(slug);
        assertEquals(visibleByModerationQueue(slug), visible, "the public thread shows the approved comments under approved parents");
        assertEquals(visible, commentCount(slug), "commentCount after concurrent moderation; operations: " + logs);
    }

    @Test
    void shouldSurviveOverlappingBulkDeletesAndUpdatesOfParentsAndReplies() {
        // Eight approved comments with three approved replies each, created parent by parent (so ids grow that way).
        String slug = article().createSlug();
        int families = 8;
        List<Long> parents = new ArrayList<>();
        List<List<Long>> replies = new ArrayList<>();
        for (int p = 0; p < families; p++) {
            long parent = comment(slug).submit();
            approve(parent);
            parents.add(parent);
        }
        for (int p = 0; p < families; p++) {
            List<Long> under = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                long reply = comment(slug).replyTo(parents.get(p)).submit();
                approve(reply);
                under.add(reply);
            }
            replies.add(under);
        }
        assertEquals(families * 4, commentCount(slug));

        // Pairs of editors: one deletes a comment (its replies go with it) together with a reply of the next family;
        // the other files a reply of the first family and that same reply of the next family as spam.
        List<Response> answers = race(2 * families, t -> {
            int k = t / 2;
            long laterReply = replies.get((k + 1) % families).get(0);
            Map<String, Object> body = t % 2 == 0
                    ? Map.of("ids", List.of(parents.get(k), laterReply), "delete", true)
                    : Map.of("ids", List.of(replies.get(k).get(1), laterReply), "status", "spam");
            return asAdmin().contentType(ContentType.JSON).body(body).when().patch(Comments.MODERATION);
        });

        assertAll(answers, 200);
        int visible = visibleInThread(slug);
        assertEquals(visibleByModerationQueue(slug), visible);
        assertEquals(visible, commentCount(slug));
    }

    @Test
    void shouldPublishNewsroomCommentsPostedAtOnceAndCountThemAll() {
        // Staff comments are approved at once: each post stores its comment and recounts the article in one transaction.
        String slug = article().createSlug();
        String editor = token("editor");

        List<Response> answers = race(THREADS, i -> comment(slug).withToken(editor).body("Newsroom note " + i).post());

        assertAll(answers, 201);
        assertEquals(THREADS, visibleInThread(slug));
        assertEquals(THREADS, commentCount(slug));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /**
     * Runs the task on that many threads at once: each thread is started and parked at the gate
     * before any request goes out. Answers in thread order.
     */
    private static <T> List<T> race(int threads, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return task.apply(n);
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "every thread reached the gate");
            gate.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> future : futures) {
                out.add(future.get(120, TimeUnit.SECONDS));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertAll(List<Response> answers, int status) {
        List<String> others = new ArrayList<>();
        for (Response answer : answers) {
            if (answer.statusCode() != status) {
                others.add(answer.statusCode() + " " + answer.asString());
            }
        }
        assertEquals(List.of(), others, "every answer is " + status + " (" + statuses(answers) + ")");
    }

    private static Map<Integer, Long> statuses(List<Response> answers) {
        return answers.stream().collect(Collectors.groupingBy(Response::statusCode, java.util.TreeMap::new, Collectors.counting()));
    }

    private static List<Long> pick(List<Long> ids, int count, Random random) {
        Set<Long> some = new HashSet<>();
        while (some.size() < count) {
            some.add(ids.get(random.nextInt(ids.size())));
        }
        return new ArrayList<>(some);
    }

    /** Every comment in the public thread, replies at any depth included. */
    private static int visibleInThread(String slug) {
        Response thread = given().queryParam("size", 100).when().get(commentsUrl(slug));
        thread.then().statusCode(200);
        try {
            JsonNode items = JSON.readTree(thread.asString()).get("items");
            int total = Integer.parseInt(thread.header("X-Total-Count"));
            assertEquals(total, items.size(), "the whole thread fits one page");
            return count(items);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(JsonNode items) {
        int n = 0;
        for (JsonNode item : items) {
            n += 1 + count(item.path("replies"));
        }
        return n;
    }

    /** What should be visible, worked out from the moderators' view: approved comments whose every ancestor is approved. */
    private static int visibleByModerationQueue(String slug) {
        Map<Long, Long> parentOf = new HashMap<>();
        Map<Long, String> statusOf = new LinkedHashMap<>();
        for (int page = 1;; page++) {
            Response queue = asAdmin().queryParam("article", slug).queryParam("size", 100).queryParam("page", page)
                    .when().get(Comments.MODERATION);
            queue.then().statusCode(200);
            List<Map<String, Object>> items = queue.jsonPath().getList("items");
            for (Map<String, Object> item : items) {
                long id = ((Number) item.get("id")).longValue();
                statusOf.put(id, (String) item.get("status"));
                if (item.get("parentId") != null) {
                    parentOf.put(id, ((Number) item.get("parentId")).longValue());
                }
            }
            if (page >= queue.jsonPath().getInt("totalPages")) {
                break;
            }
        }
        int visible = 0;
        for (Long id : statusOf.keySet()) {
            boolean shown = true;
            for (Long at = id; at != null; at = parentOf.get(at)) {
                shown &= "approved".equals(statusOf.get(at));
            }
            visible += shown ? 1 : 0;
        }
        return visible;
    }

    /**
     * Stops the service's clock, so that a burst falls in one window of the rate limit however long it takes:
     * the limit counts in fixed windows, and a burst that straddled two would be counted in both.
     */
    private void stopTheClockForABurst() {
        clock.stop();
    }
}
