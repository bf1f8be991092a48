package io.newsdesk.cms.feed;

import java.time.Instant;
import java.util.List;

import io.newsdesk.cms.category.CategoryRef;

/**
 * One page of a feed in no format yet: what the RSS, Atom and JSON Feed writers each put their own way.
 * Every URL in it is absolute; its text may still hold characters XML forbids (the writers drop them).
 *
 * @param id the feed's permanent id, the same on every page and whatever host it is read from
 * @param selfUrl this page's URL
 * @param feedUrl the first page's URL: the feed itself
 * @param nextUrl the page of older items, or null on the last page
 * @param updated when the newest change to an item shown happened, or null when there is none
 */
record Feed(String id, String title, String description, String homeUrl, String selfUrl, String feedUrl, String nextUrl,
        boolean firstPage, String language, String siteName, Instant updated, List<Item> items) {

    /**
     * An article as an entry.
     *
     * @param id permanent: it survives a change of slug, title or category
     * @param url the article's page on the front-end
     * @param summary the excerpt, plain text
     * @param contentHtml the rendered, sanitized body, its media and site-relative URLs made absolute
     * @param updated the last change, never before {@code published}
     * @param author the byline, or null
     * @param category the article's category, or null; {@code categoryUrl} its page
     */
    record Item(String id, String url, String title, String summary, String contentHtml, Instant published, Instant updated,
            String author, CategoryRef category, String categoryUrl, List<String> tags, Image image) {
    }

    /** The cover image; {@code type} is guessed from the file name and may be null, as may its size and alt text. */
    record Image(String url, String type, Integer width, Integer height, String alt) {
    }
}
