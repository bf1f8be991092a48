package io.newsdesk.cms.comment;

import static io.newsdesk.cms.support.Comments.assertProblem;
import static io.newsdesk.cms.support.Comments.comment;
import static io.newsdesk.cms.support.Comments.moderated;
import static io.newsdesk.cms.support.Fixtures.article;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Without trusted-proxy forwarding (the production default), the client address is the connection's
 * peer: a bot that makes up a new X-Forwarded-For for every comment still hits the limit.
 */
@QuarkusTest
@TestProfile(ForgedForwardedForTest.NoTrustedProxy.class)
class ForgedForwardedForTest {

    @Inject
    TestClock clock;

    public static class NoTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "false",
                    "quarkus.http.proxy.allow-x-forwarded", "false");
        }
    }

    @Inject
    CmsConfig config;

    @Test
    void shouldNotLetAForgedXForwardedForResetTheRateLimit() {
        String slug = article().createSlug();
        clock.stop(); // the whole burst in one window of the rate limit

        List<String> remaining = new ArrayList<>();
        long firstId = -1;
        for (int i = 0; i < config.comments().rateLimit(); i++) {
            String forged = Comments.address();
            Response accepted = comment(slug).from(forged).post();
            accepted.then().statusCode(202);
            remaining.add(accepted.header("RateLimit-Remaining"));
            if (firstId < 0) {
                firstId = accepted.jsonPath().getLong("id");
                // the stored address is the peer's, not the forged one
                assertNotEquals(forged, moderated(firstId).getString("clientAddress"));
            }
        }
        Response refused = comment(slug).from(Comments.address()).post();

        assertEquals(List.of("4", "3", "2", "1", "0"), remaining);
        assertProblem(refused, 429).body("type", endsWith("/rate-limited")).header("RateLimit-Remaining", equalTo("0"));
    }
}
