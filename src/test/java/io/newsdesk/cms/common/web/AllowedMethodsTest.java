package io.newsdesk.cms.common.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Path templates as the resource classes write them, matched against request paths. */
class AllowedMethodsTest {

    @Test
    void shouldMatchOneSegmentPerParameter() {
        Pattern article = AllowedMethods.pattern("/api/v1/articles/{slug}");
        assertTrue(article.matcher("/api/v1/articles/some-story").matches());
        assertTrue(article.matcher("/api/v1/articles/some-story/").matches());
        assertFalse(article.matcher("/api/v1/articles/some-story/revisions").matches());
        assertFalse(article.matcher("/api/v1/articles").matches());
        assertTrue(AllowedMethods.pattern("/api/v1/articles/{slug}/revisions/{number}/diff").matcher("/api/v1/articles/a/revisions/3/diff").matches());
    }

    @Test
    void shouldUseAParameterOwnRegexAndQuoteTheRest() {
        Pattern id = AllowedMethods.pattern("/api/v1/media/{id: [0-9]+}");
        assertTrue(id.matcher("/api/v1/media/42").matches());
        assertFalse(id.matcher("/api/v1/media/abc").matches());
        assertFalse(AllowedMethods.pattern("/api/v1/feeds/rss.xml").matcher("/api/v1/feeds/rssxxml").matches(), "dots are literal");
    }
}
