package io.newsdesk.cms.feed;

import java.time.Instant;

/**
 * Atom 1.0 (RFC 4287), paged by RFC 5005's {@code next} (older entries) and {@code first} links. The
 * feed names the site as its author, so entries without a byline stay valid.
 */
final class AtomFormat {

    static final String TYPE = "application/atom+xml";

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private AtomFormat() {
    }

    static byte[] write(Feed feed) {
        Xml x = new Xml();
        x.open("", "feed", ATOM).defaultNamespace(ATOM).xmlLang(feed.language());
        x.element("id", feed.id());
        x.open("title").attribute("type", "text").text(feed.title()).close();
        x.open("subtitle").attribute("type", "text").text(feed.description()).close();
        // An empty feed has changed at no known time: the epoch keeps its bytes, and so its ETag, the same.
        x.element("updated", (feed.updated() != null ? feed.updated() : Instant.EPOCH).toString());
        x.open("author").element("name", feed.siteName()).close();
        link(x, "alternate", "text/html", feed.homeUrl());
        link(x, "self", TYPE, feed.selfUrl());
        if (!feed.firstPage()) {
            link(x, "first", TYPE, feed.feedUrl());
        }
        if (feed.nextUrl() != null) {
            link(x, "next", TYPE, feed.nextUrl());
        }
        for (Feed.Item item : feed.items()) {
            entry(x, item);
        }
        x.close();
        return x.finish();
    }

    private static void entry(Xml x, Feed.Item item) {
        x.open("entry");
        x.element("id", item.id());
        x.open("title").attribute("type", "text").text(item.title()).close();
        link(x, "alternate", "text/html", item.url());
        x.element("published", item.published().toString());
        x.element("updated", item.updated().toString());
        if (item.author() != null) {
            x.open("author").element("name", item.author()).close();
        }
        if (item.category() != null) {
            x.empty("category").attribute("term", item.category().slug()).attribute("label", item.category().name());
        }
        for (String tag : item.tags()) {
            x.empty("category").attribute("term", tag);
        }
        if (item.summary() != null) {
            x.open("summary").attribute("type", "text").text(item.summary()).close();
        }
        x.open("content").attribute("type", "html").text(item.contentHtml() == null ? "" : item.contentHtml()).close();
        Feed.Image image = item.image();
        if (image != null) {
            x.empty("link").attribute("rel", "enclosure").attribute("type", image.type()).attribute("href", image.url())
                    .attribute("title", image.alt() == null || image.alt().isBlank() ? null : image.alt());
        }
        x.close();
    }

    private static void link(Xml x, String rel, String type, String href) {
        x.empty("link").attribute("rel", rel).attribute("type", type).attribute("href", href);
    }
}
