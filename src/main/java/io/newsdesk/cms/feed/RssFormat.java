package io.newsdesk.cms.feed;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with the usual modules: Atom links for self
 * and paging, {@code content:encoded} for the body, {@code dc:creator} for the byline (RSS's own
 * author element wants an email address), {@code dcterms:modified} for the last change and Media RSS
 * beside the enclosure for the cover.
 */
final class RssFormat {

    static final String TYPE = "application/rss+xml";

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String DCTERMS = "http://purl.org/dc/terms/";
    private static final String MEDIA = "http://search.yahoo.com/mrss/";
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private RssFormat() {
    }

    static byte[] write(Feed feed) {
        Xml x = new Xml();
        x.open("rss").attribute("version", "2.0")
                .namespace("atom", ATOM).namespace("content", CONTENT).namespace("dc", DC).namespace("dcterms", DCTERMS)
                .namespace("media", MEDIA);
        x.open("channel");
        x.element("title", feed.title());
        x.element("link", feed.homeUrl());
        x.element("description", feed.description());
        x.element("language", feed.language());
        if (feed.updated() != null) {
            x.element("lastBuildDate", date(feed.updated()));
        }
        x.empty("atom", "link", ATOM).attribute("rel", "self").attribute("type", TYPE).attribute("href", feed.selfUrl());
        if (!feed.firstPage()) {
            x.empty("atom", "link", ATOM).attribute("rel", "first").attribute("type", TYPE).attribute("href", feed.feedUrl());
        }
        if (feed.nextUrl() != null) {
            x.empty("atom", "link", ATOM).attribute("rel", "next").attribute("type", TYPE).attribute("href", feed.nextUrl());
        }
        for (Feed.Item item : feed.items()) {
            item(x, item);
        }
        x.close().close();
        return x.finish();
    }

    private static void item(Xml x, Feed.Item item) {
        x.open("item");
        x.element("title", item.title());
        x.element("link", item.url());
        x.open("guid").attribute("isPermaLink", "false").text(item.id()).close();
        x.element("pubDate", date(item.published()));
        x.element("dcterms", "modified", DCTERMS, item.updated().toString());
        x.element("dc", "creator", DC, item.author());
        if (item.category() != null) {
            x.open("category").attribute("domain", item.categoryUrl()).text(item.category().name()).close();
        }
        for (String tag : item.tags()) {
            x.element("category", tag);
        }
        // RSS descriptions are HTML: the plain-text excerpt is escaped once as HTML, then again as XML.
        x.element("description", FeedText.escapeHtml(item.summary()));
        x.element("content", "encoded", CONTENT, item.contentHtml());
        Feed.Image image = item.image();
        if (image != null) {
            if (image.type() != null) {
                // The file's length is not known without fetching it: 0, as the RSS Advisory Board recommends.
                x.empty("enclosure").attribute("url", image.url()).attribute("length", "0").attribute("type", image.type());
            }
            x.open("media", "content", MEDIA).attribute("url", image.url()).attribute("medium", "image").attribute("type", image.type())
                    .attribute("width", image.width()).attribute("height", image.height());
            if (image.alt() != null && !image.alt().isBlank()) {
                x.open("media", "description", MEDIA).attribute("type", "plain").text(image.alt()).close();
            }
            x.close();
        }
        x.close();
    }

    private static String date(Instant instant) {
        return RFC_822.format(instant.atZone(ZoneOffset.UTC));
    }
}
