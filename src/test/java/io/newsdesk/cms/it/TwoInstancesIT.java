package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database behind a load balancer: a client's next request may land on the other instance, and
 * must see what the first one just did. Writes, the comment rate limit and token revocation hold across instances.
 */
@ExtendWith(TwoInstances.Shared.class)
class TwoInstancesIT {

    /** How long the other instance may lag behind a write. */
    static final Duration PROPAGATION = Duration.ofSeconds(1);

    @Test
    void aWriteOnOneInstanceIsReadOnTheOtherAtOnce(TwoInstances two) {
        String editor = two.issueToken("cross-instance editor", "editor").secret();
        String run = UUID.randomUUID().toString().substring(0, 8);

        // B has answered the list (and could have kept it) before A publishes a new article.
        assertEquals(200, two.httpB.get(Api.ARTICLES).status());
        String fresh = Api.createPublished(two.httpA, editor, "Fresh on A " + run, "fresh-on-a-" + run, List.of("two"));
        Await.Polled listed = Await.poll(PROPAGATION, Duration.ofMillis(20), () -> two.httpB.get(Api.ARTICLES),
                r -> r.status() == 200 && slugs(r).contains(fresh));

        // A draft B has answered 404 for, then published on A.
        String draft = "draft-on-a-" + run;
        Map<String, Object> write = new LinkedHashMap<>(Api.publishedArticle("Draft on A " + run, draft, List.of("two")));
        write.put("status", "draft");
        write.remove("publishedAt");
        Http.Response created = two.httpA.post(Api.ARTICLES, editor, write);
        assertEquals(201, created.status(), () -> "draft on A: " + created);
        Http.Response hidden = two.httpB.get(Api.ARTICLES + "/" + draft);
        assertEquals(404, hidden.status(), () -> "a draft is hidden on B: " + hidden);
        Http.Response published = two.httpA.patch(Api.ARTICLES + "/" + draft, editor, Map.of("status", "published"));
        assertEquals(200, published.status(), () -> "publishing on A: " + published);
        Await.Polled visible = Await.poll(PROPAGATION, Duration.ofMillis(20), () -> two.httpB.get(Api.ARTICLES + "/" + draft),
                r -> r.status() == 200);

        // A title B has answered, changed on A.
        Http.Response before = two.httpB.get(Api.ARTICLES + "/" + draft);
        assertEquals("Draft on A " + run, before.text("title"));
        String title = "Retitled on A " + run;
        Http.Response retitled = two.httpA.patch(Api.ARTICLES + "/" + draft, editor, Map.of("title", title));
        assertEquals(200, retitled.status(), () -> "PATCH title on A: " + retitled);
        Await.Polled renamed = Await.poll(PROPAGATION, Duration.ofMillis(20), () -> two.httpB.get(Api.ARTICLES + "/" + draft),
                r -> r.status() == 200 && title.equals(r.text("title")));
        Await.Polled renamedInList = Await.poll(PROPAGATION, Duration.ofMillis(20), () -> two.httpB.get(Api.ARTICLES),
                r -> r.status() == 200 && titles(r).contains(title));

        System.out.printf("[it] two instances: B saw on A's write after: new article in the list %d ms, published draft %d ms, "
                + "new title %d ms (in the list %d ms)%n", listed.millis(), visible.millis(), renamed.millis(), renamedInList.millis());
        assertTrue(listed.reached(), () -> "B's list lacks the article created on A after " + PROPAGATION.toMillis() + " ms: " + listed.last());
        assertTrue(visible.reached(), () -> "B does not show the article published on A after " + PROPAGATION.toMillis() + " ms: "
                + visible.last());
        assertTrue(renamed.reached(), () -> "B shows the old title after " + PROPAGATION.toMillis() + " ms: " + renamed.last());
        assertTrue(renamedInList.reached(), () -> "B's list shows the old title after " + PROPAGATION.toMillis() + " ms: "
                + renamedInList.last());
    }

    @Test
    void aCommentApprovedOnAIsShownOnBWithinASecondWhileBKeepsWhatDidNotChange(TwoInstances two) {
        String editor = two.issueToken("cross-instance moderator", "editor").secret();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String story = Api.createPublished(two.httpA, editor, "Live story " + run, "live-story-" + run, List.of("two"));
        String bystander = Api.createPublished(two.httpA, editor, "Bystander " + run, "bystander-" + run, List.of("two"));
        String thread = Api.ARTICLES + "/" + story + "/comments";
        for (String path : List.of(thread, Api.ARTICLES + "/" + story, Api.ARTICLES + "/" + bystander)) {
            assertEquals(200, two.httpB.get(path).status());
            assertEquals("hit", two.httpB.get(path).header("X-Cache").orElse(""), path + " is kept on B");
        }

        String email = "moderated-" + run + "@example.com";
        two.emailsSent.add(email);
        Http.Response pending = RawHttp.postJson("127.0.0.4", two.a.baseUrl(), thread, Api.comment("Reader", email, "Seen on B soon " + run));
        assertEquals(202, pending.status(), () -> "a new reader's comment waits: " + pending);
        Http.Response approved = two.httpA.patch("/api/v1/comments/" + pending.json().path("id").asLong(), editor,
                Map.of("status", "approved"));
        assertEquals(200, approved.status(), () -> "approving on A: " + approved);

        Await.Polled shown = Await.poll(PROPAGATION, Duration.ofMillis(10), () -> two.httpB.get(thread),
                r -> r.status() == 200 && r.body().contains("Seen on B soon " + run));
        Await.Polled counted = Await.poll(PROPAGATION, Duration.ofMillis(10), () -> two.httpB.get(Api.ARTICLES + "/" + story),
                r -> r.status() == 200 && r.json().path("commentCount").asInt() == 1);
        Http.Response untouched = two.httpB.get(Api.ARTICLES + "/" + bystander);
        System.out.printf("[it] two instances: B showed the comment approved on A after %d ms, its count after %d ms; "
                + "an unrelated article stayed in B's memory: %s%n", shown.millis(), counted.millis(), untouched.header("X-Cache").orElse("?"));
        assertTrue(shown.reached(), () -> "B's thread lacks the comment approved on A after " + PROPAGATION.toMillis() + " ms: " + shown.last());
        assertTrue(counted.reached(), () -> "B's count is stale after " + PROPAGATION.toMillis() + " ms: " + counted.last());
        assertEquals("hit", untouched.header("X-Cache").orElse(""), "B still serves an article the approval did not touch from memory");
    }

    @Test
    void theCommentRateLimitIsSharedByBothInstances(TwoInstances two) {
        String editor = two.issueToken("rate limit editor", "editor").secret();
        String slug = Api.createPublished(two.httpA, editor, "Comment here " + UUID.randomUUID(), null, List.of("two"));
        // One reader, its own loopback address, posting through the load balancer: A, B, A, B...
        String reader = "127.0.0.3";
        List<Http.Response> answers = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < 2 * TwoInstances.RATE_LIMIT + 2; i++) {
            ServiceProcess instance = i % 2 == 0 ? two.a : two.b;
            String email = "reader" + i + "@example.com";
            two.emailsSent.add(email);
            answers.add(RawHttp.postJson(reader, instance.baseUrl(), Api.ARTICLES + "/" + slug + "/comments",
                    Api.comment("Reader", email, "Comment number " + i + " from one reader")));
            where.add(i % 2 == 0 ? "A" : "B");
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            seen.add(where.get(i) + ":" + answers.get(i).status());
        }
        System.out.printf("[it] two instances: comments from one address alternating A/B with limit %d: %s%n", TwoInstances.RATE_LIMIT, seen);

        long accepted = answers.stream().filter(r -> r.status() == 201 || r.status() == 202).count();
        assertEquals(TwoInstances.RATE_LIMIT, accepted, () -> "accepted comments across both instances: " + seen + "; " + answers);
        for (int i = 0; i < answers.size(); i++) {
            Http.Response r = answers.get(i);
            if (i < TwoInstances.RATE_LIMIT) {
                assertTrue(r.status() == 201 || r.status() == 202, "comment " + (i + 1) + " on " + where.get(i) + ": " + r);
            } else {
                assertEquals(429, r.status(), "comment " + (i + 1) + " on " + where.get(i) + " is over the shared limit: " + r);
                assertTrue(r.header("Retry-After").orElse("").matches("\\d+"), "429 with Retry-After: " + r);
            }
        }
    }

    @Test
    void aTokenIssuedOnAWorksOnBAndItsRevocationOnAIsRefusedOnBAtOnce(TwoInstances two) {
        Api.IssuedToken token = two.issueToken("short-lived editor", "editor");
        String drafts = Api.ARTICLES + "?status=draft";
        Http.Response onB = two.httpB.get(drafts, token.secret());
        Http.Response again = two.httpB.get(drafts, token.secret());
        assertEquals(200, onB.status(), () -> "a token issued on A, used on B: " + onB);
        assertEquals(200, again.status(), () -> "a token issued on A, used on B again: " + again);

        Http.Response revoked = two.httpA.delete(Api.TOKENS + "/" + token.id(), two.admin);
        assertEquals(204, revoked.status(), () -> "revoking on A: " + revoked);
        Http.Response refused = two.httpB.get(drafts, token.secret());
        Http.Response refusedOnA = two.httpA.get(drafts, token.secret());
        System.out.printf("[it] two instances: revoked on A, then on B: %s; on A: %s%n", refused, refusedOnA);
        assertEquals(401, refused.status(), () -> "the first request on B after revocation on A: " + refused);
        assertTrue(refused.header("WWW-Authenticate").orElse("").startsWith("Bearer"), () -> "401 with WWW-Authenticate: " + refused);
        assertEquals(401, refusedOnA.status(), () -> "on A after revocation: " + refusedOnA);
    }

    private static List<String> slugs(Http.Response list) {
        return field(list, "slug");
    }

    private static List<String> titles(Http.Response list) {
        return field(list, "title");
    }

    private static List<String> field(Http.Response list, String name) {
        return StreamSupport.stream(list.json().path("items").spliterator(), false).map(item -> item.path(name).asText()).toList();
    }
}
