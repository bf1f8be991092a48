package io.newsdesk.cms.sitemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The XML itself, without a server: what the writer produces validates, whatever text it is given. */
class SitemapWriterTest {

    private static final String HOSTILE = "Tom & Jerry <b>\"quoted\" 'single'</b> \u0000\u0001\u0007\u001b[31m\u007f\u0085"
            + "\ud800 lone \udc00 \ufffe\uffff tab\there\r\nnew line \ud83d\ude00 caf\u00e9";

    @Test
    void shouldDropCharactersXmlForbidsAndKeepEverythingElse() {
        assertEquals("Tom & Jerry <b>\"quoted\" 'single'</b> [31m lone   tab here  new line \ud83d\ude00 caf\u00e9",
                SitemapWriter.clean(HOSTILE));
        assertEquals("plain", SitemapWriter.clean("plain"));
        assertEquals("", SitemapWriter.clean(null));
    }

    @Test
    void shouldWriteAUrlSetWithImagesAndNewsThatValidatesWhateverTheTitle() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant at = Instant.parse("2024-02-23T09:30:00.123456Z");
        try (SitemapWriter xml = SitemapWriter.urlset(out, true, true)) {
            xml.url("https://www.example.com/ai/a-story?x=1&y=<2>", at, "https://cdn.example.com/a b.jpg");
            xml.url("https://www.example.com/ai/another", null, null);
            xml.news("https://www.example.com/ai/a-story", at, "The " + HOSTILE + " Times", "en", at, HOSTILE);
        }
        byte[] bytes = out.toByteArray();
        SitemapSchemas.assertValidUrlset(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), text);
        assertTrue(text.contains("<lastmod>2024-02-23T09:30:00Z</lastmod>"), text);
        assertTrue(text.contains("<news:title>Tom &amp; Jerry &lt;b&gt;"), text);
        assertTrue(text.contains("?x=1&amp;y=&lt;2&gt;</loc>"), text);
    }

    @Test
    void shouldWriteAnIndexThatValidates() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SitemapWriter xml = SitemapWriter.index(out)) {
            xml.sitemap("https://api.example.com/api/v1/sitemaps/articles-1.xml", Instant.parse("2024-02-23T09:30:00Z"));
            xml.sitemap("https://api.example.com/api/v1/sitemaps/news.xml", null);
        }
        SitemapSchemas.assertValidIndex(out.toByteArray());
    }

    @Test
    void shouldValidateExtensionElementsAgainstTheirOwnSchemas() {
        // The urlset schema lets other namespaces in strictly: a misspelt extension element must fail, not pass unchecked.
        String misspelt = """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
                <url><loc>https://www.example.com/a</loc><news:news><news:publication><news:name>X</news:name>
                <news:language>english</news:language></news:publication><news:publication_date>2024-02-23</news:publication_date>
                <news:title>T</news:title></news:news></url></urlset>""";
        assertThrows(AssertionFailedError.class, () -> SitemapSchemas.assertValidUrlset(misspelt.getBytes(StandardCharsets.UTF_8)));
        String unknown = """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:x="urn:example:unknown">
                <url><loc>https://www.example.com/a</loc><x:thing/></url></urlset>""";
        assertThrows(AssertionFailedError.class, () -> SitemapSchemas.assertValidUrlset(unknown.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldGiveGoogleNewsALanguageItAccepts() {
        assertEquals("en", Sitemaps.newsLanguage("en"));
        assertEquals("pt", Sitemaps.newsLanguage("pt-BR"));
        assertEquals("de", Sitemaps.newsLanguage(" DE_at "));
        assertEquals("zh-cn", Sitemaps.newsLanguage("zh-CN"));
        assertEquals("fil", Sitemaps.newsLanguage("fil"));
        assertEquals("und", Sitemaps.newsLanguage("english"));
        assertEquals("und", Sitemaps.newsLanguage(""));
    }
}
