package io.newsdesk.cms.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.synd.SyndFeed;
import io.newsdesk.cms.category.CategoryRef;

/** Text as feeds carry it: what XML forbids dropped, root-relative URLs made absolute; and the writers' output parses. */
class FeedTextTest {

    private static final FeedText.Origins ORIGINS = FeedText.Origins.of(URI.create("https://api.example.com/api/v1/"),
            "https://www.example.com/news/");

    @Test
    void shouldDropWhatXmlForbidsAndKeepEverythingElse() {
        assertEquals("ab", FeedText.clean("a\u0000\u0001\u0008\u000B\u000C\u001Fb"));
        assertEquals("a\u007Fb", FeedText.clean("a\u007Fb"), "DEL is allowed in XML 1.0");
        assertEquals("a\tb\nc\rd", FeedText.clean("a\tb\nc\rd"));
        assertEquals("xy", FeedText.clean("x\uFFFE\uFFFFy"));
        assertEquals("lone  and ", FeedText.clean("lone \uD800 and \uDC00"));
        assertEquals("pair \uD83D\uDE00 kept", FeedText.clean("pair \uD83D\uDE00 kept"));
        assertEquals("end", FeedText.clean("end\uD83D"));
        assertEquals("é € \u2028 \uE000 \uFFFD", FeedText.clean("é € \u2028 \uE000 \uFFFD"));
        String plain = "Nothing to drop <&>";
        assertSame(plain, FeedText.clean(plain), "clean text is not copied");
        assertNull(FeedText.clean(null));
    }

    @Test
    void shouldMakeMediaUrlsAbsoluteAgainstTheApiAndOthersAgainstTheSite() {
        assertEquals("https://api.example.com/api/v1/media/files/ab/full.jpg", ORIGINS.absolute("/api/v1/media/files/ab/full.jpg"));
        assertEquals("https://www.example.com/politics/x", ORIGINS.absolute("/politics/x"));
        assertEquals("https://cdn.example.com/a.jpg", ORIGINS.absolute("https://cdn.example.com/a.jpg"));
        assertEquals("//cdn.example.com/a.jpg", ORIGINS.absolute("//cdn.example.com/a.jpg"));
        assertEquals("relative/path", ORIGINS.absolute("relative/path"));
        assertEquals("#top", ORIGINS.absolute("#top"));
    }

    @Test
    void shouldRewriteRootRelativeUrlsInHtmlSrcsetIncluded() {
        String html = "<p><img src=\"/api/v1/media/files/ab/full.png\" srcset=\"/api/v1/media/files/ab/320.png 320w, "
                + "/api/v1/media/files/ab/640.png 640w\" alt=\"x\"> <a href=\"/archive\">archive</a> <a href=\"https://o.example/\">o</a></p>";
        String out = ORIGINS.absoluteUrls(html);
        assertTrue(out.contains("src=\"https://api.example.com/api/v1/media/files/ab/full.png\""), out);
        assertTrue(out.contains("srcset=\"https://api.example.com/api/v1/media/files/ab/320.png 320w, "
                + "https://api.example.com/api/v1/media/files/ab/640.png 640w\""), out);
        assertTrue(out.contains("href=\"https://www.example.com/archive\""), out);
        assertTrue(out.contains("href=\"https://o.example/\""), out);
        String untouched = "<p>No links at all</p>";
        assertSame(untouched, ORIGINS.absoluteUrls(untouched));
    }

    @Test
    void shouldGuessTheImageTypeFromTheFileName() {
        assertEquals("image/jpeg", FeedText.imageType("https://x.example/a/b.JPG?w=2"));
        assertEquals("image/webp", FeedText.imageType("/api/v1/media/files/ab/640.webp"));
        assertNull(FeedText.imageType("https://x.example/image"));
        assertNull(FeedText.imageType("https://x.example.com/dir.png/image"));
    }

    @Test
    void shouldWriteFeedsThatParseWhateverTheTextHolds() {
        String hostile = "T\u0001i\u0008t\uFFFFl\uD800e <script>&amp; ]]> \"'";
        Feed.Item item = new Feed.Item("urn:newsdesk:article:1", "https://www.example.com/news/a?x=1&y=2", hostile, hostile,
                "<p>" + hostile + "</p>", Instant.parse("2024-02-23T09:30:00Z"), Instant.parse("2024-02-23T10:00:00Z"), hostile,
                new CategoryRef("c", hostile), "https://www.example.com/c", List.of(hostile),
                new Feed.Image("https://img.example/a.png?x=1&y=2", "image/png", 10, 20, hostile));
        Feed feed = new Feed("urn:newsdesk:feed:articles", hostile, hostile, "https://www.example.com/", "https://api.example.com/f?a=1&b=2",
                "https://api.example.com/f", "https://api.example.com/f?cursor=x&y=1", false, "en\u0001", hostile,
                Instant.parse("2024-02-23T10:00:00Z"), List.of(item));
        String cleanTitle = "Title <script>&amp; ]]> \"'";
        for (byte[] xml : List.of(RssFormat.write(feed), AtomFormat.write(feed))) {
            String text = new String(xml, StandardCharsets.UTF_8);
            assertTrue(text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'), text);
            SyndFeed parsed = FeedClient.parse(xml);
            assertEquals(cleanTitle, parsed.getTitle());
            assertEquals(cleanTitle, parsed.getEntries().get(0).getTitle());
            assertEquals("https://www.example.com/news/a?x=1&y=2", parsed.getEntries().get(0).getLink());
            assertEquals("https://img.example/a.png?x=1&y=2", parsed.getEntries().get(0).getEnclosures().get(0).getUrl());
            assertEquals("https://api.example.com/f?cursor=x&y=1", FeedClient.link(xml, "next"));
        }
    }
}
