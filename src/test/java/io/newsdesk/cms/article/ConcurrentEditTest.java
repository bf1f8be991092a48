package io.newsdesk.cms.article;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Many editors patching one article with the same If-Match: exactly one wins, the others are told, nothing is lost. */
@QuarkusTest
class ConcurrentEditTest {

    private static final int EDITORS = 12;

    @Test
    void shouldLetExactlyOneOfManyConcurrentPatchesWithTheSameIfMatchWin() throws Exception {
        String slug = article().createSlug();
        String etag = given().get("/api/v1/articles/" + slug).header("ETag");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(EDITORS);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < EDITORS; i++) {
                String title = "Edit " + i;
                Callable<int[]> edit = () -> {
                    start.await();
                    int status = asAdmin().contentType("application/merge-patch+json").header("If-Match", etag)
                            .body(Map.of("title", title)).patch("/api/v1/articles/" + slug).statusCode();
                    return new int[] { status, Integer.parseInt(title.substring(5)) };
                };
                results.add(pool.submit(edit));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (Future<int[]> f : results) {
                int[] r = f.get(60, TimeUnit.SECONDS);
                assertTrue(r[0] == 200 || r[0] == 412, "every answer is a win or a 412, got " + r[0]);
                if (r[0] == 200) {
                    winners.add(r[1]);
                }
            }
            assertEquals(1, winners.size(), "exactly one edit wins");
            given().get("/api/v1/articles/" + slug).then().statusCode(200)
                    .body("title", org.hamcrest.Matchers.equalTo("Edit " + winners.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }
}
