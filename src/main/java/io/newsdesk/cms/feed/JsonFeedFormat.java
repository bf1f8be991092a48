package io.newsdesk.cms.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), paged by {@code next_url}. */
final class JsonFeedFormat {

    static final String TYPE = "application/feed+json";
    static final String VERSION = "https://jsonfeed.org/version/1.1";

    private JsonFeedFormat() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(String version, String title, @JsonProperty("home_page_url") String homePageUrl,
            @JsonProperty("feed_url") String feedUrl, String description, String language, @JsonProperty("next_url") String nextUrl,
            List<Author> authors, List<Entry> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String id, String url, String title, String summary, @JsonProperty("content_html") String contentHtml,
            String image, @JsonProperty("date_published") Instant datePublished, @JsonProperty("date_modified") Instant dateModified,
            List<Author> authors, List<String> tags) {
    }

    record Author(String name) {
    }

    static byte[] write(Feed feed, ObjectMapper mapper) {
        List<Entry> items = new ArrayList<>(feed.items().size());
        for (Feed.Item item : feed.items()) {
            List<String> tags = new ArrayList<>();
            if (item.category() != null) {
                tags.add(c(item.category().name()));
            }
            item.tags().forEach(t -> tags.add(c(t)));
            items.add(new Entry(item.id(), c(item.url()), c(item.title()), c(item.summary()),
                    c(item.contentHtml() == null ? "" : item.contentHtml()), item.image() == null ? null : c(item.image().url()),
                    item.published(), item.updated(), item.author() == null ? null : List.of(new Author(c(item.author()))),
                    tags.isEmpty() ? null : tags));
        }
        Document document = new Document(VERSION, c(feed.title()), c(feed.homeUrl()), c(feed.feedUrl()), c(feed.description()),
                c(feed.language()), c(feed.nextUrl()), List.of(new Author(c(feed.siteName()))), items);
        try {
            return mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same text as the XML feeds carry: JSON could escape control characters, but a reader gains nothing from them. */
    private static String c(String text) {
        return FeedText.clean(text);
    }
}
