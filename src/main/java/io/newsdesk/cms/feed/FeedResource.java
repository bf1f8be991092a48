package io.newsdesk.cms.feed;

import java.util.function.Function;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.cache.AnswerKeys;
import io.newsdesk.cms.common.error.Moved;
import io.newsdesk.cms.common.error.Problem;
import io.newsdesk.cms.common.error.ProblemMappers;
import io.newsdesk.cms.common.web.ConditionalGet;
import io.newsdesk.cms.common.web.ETags;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Feeds of public articles for feed readers, aggregators and newsletters, in RSS 2.0, Atom 1.0 and JSON
 * Feed 1.1. Each route answers its one type whatever the request's Accept header says: readers send
 * all sorts, and a feed URL means one format.
 */
@Path("/feeds")
@Tag(name = "Feeds", description = "Public articles as RSS, Atom and JSON Feed, for feed readers and aggregators")
public class FeedResource {

    private static final MediaType RSS = new MediaType("application", "rss+xml", "utf-8");
    private static final MediaType ATOM = new MediaType("application", "atom+xml", "utf-8");
    private static final MediaType JSON_FEED = new MediaType("application", "feed+json", "utf-8");

    private static final String FEED = "Public articles only (published, publishedAt come), newest first, as the article list shows "
            + "them to anonymous readers; drafts, scheduled, archived and deleted articles never appear. Each entry has a permanent "
            + "id, `urn:newsdesk:article:<id>`, that survives a change of slug, title or category; its link is the article's page on "
            + "the front-end (CMS_PUBLIC_ARTICLE_URL), with the published and updated times, byline, category and tags, the excerpt "
            + "as summary, the sanitized bodyHtml as content and the cover image. Filters combine: `category` (its subcategories "
            + "included), `tag`, `author`. Older entries are paged by cursor through the feed's next link. Characters XML 1.0 "
            + "forbids (control characters, lone surrogates) are left out of every text. Root-relative URLs are made absolute: media "
            + "library files (covers, images in bodies) against this API's own address as the request reached it, other links "
            + "against the front-end (CMS_PUBLIC_SITE_URL); set CMS_MEDIA_BASE_URL (a CDN) to make media URLs absolute and the same "
            + "whatever address the feed is read from. Answers carry ETag and, when there are entries, Last-Modified (the newest "
            + "entry's last change); If-None-Match and If-Modified-Since give 304. Kept in memory and purgeable by key like the "
            + "article list: a new publication or a change to a listed article drops the feed. An article newly credited to an "
            + "author joins that author's feed within CMS_CACHE_SERVER_TTL.";
    private static final String CATEGORY = "Category slug; articles of its subcategories are included. An unknown category is 404, "
            + "an old slug 301 to the same feed with the current slug.";
    private static final String TAG = "A tag, matched ignoring case (at most 50 characters)";
    private static final String AUTHOR = "A byline, matched whole, ignoring case (at most 200 characters)";
    private static final String SIZE = "Entries per page, 1 to 100 (default 20).";
    private static final String CURSOR = "Older entries: the cursor from a page's next link (Atom and RSS `<atom:link rel=\"next\">`, JSON "
            + "Feed `next_url`); absent or empty for the newest entries. A cursor works only with the filters it came from; a forged "
            + "or foreign one is 400.";
    private static final String LAST_MODIFIED = "The newest entry's last change (absent when the feed is empty)";
    private static final String ETAG = "Version of this answer; send it back in If-None-Match for a 304";

    @Inject
    FeedService feeds;

    @Inject
    AnswerKeys answerKeys;

    @Inject
    ObjectMapper mapper;

    @Context
    UriInfo uriInfo;

    @Inject
    io.newsdesk.cms.common.web.PublicUrls urls;

    @GET
    @Path("/rss.xml")
    @PermitAll
    @Operation(operationId = "getRssFeed", summary = "RSS 2.0 feed of public articles",
            description = FEED + " RSS specifics: the entry id is the `guid` (isPermaLink false), the byline `dc:creator`, the body "
                    + "`content:encoded`, the excerpt `description` (as HTML), the last change `dcterms:modified`, the cover an "
                    + "`enclosure` (length 0: unknown) and `media:content`; paging by `<atom:link rel=\"next\">` (and "
                    + "`rel=\"first\"` on older pages).")
    @APIResponse(responseCode = "200", description = "One page of the RSS feed",
            content = @Content(mediaType = "application/rss+xml", schema = @Schema(type = SchemaType.STRING)),
            headers = { @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Last-Modified", description = LAST_MODIFIED, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "301", description = "The category slug is an old one; Location has the feed with the current one",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No category has this slug",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rss(
            @Parameter(description = CATEGORY, example = "technology") @QueryParam("category") String category,
            @Parameter(description = TAG, example = "AI") @QueryParam("tag") String tag,
            @Parameter(description = AUTHOR, example = "Maya Lindqvist") @QueryParam("author") String author,
            @Parameter(description = SIZE, example = "20",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size,
            @Parameter(description = CURSOR, example = "", allowEmptyValue = true) @QueryParam("cursor") String cursor) {
        return answer(category, tag, author, size, cursor, RSS, RssFormat::write);
    }

    @GET
    @Path("/atom.xml")
    @PermitAll
    @Operation(operationId = "getAtomFeed", summary = "Atom 1.0 feed of public articles",
            description = FEED + " Atom specifics: the feed names the site as its author (entries without a byline inherit it), "
                    + "the cover is a `link rel=\"enclosure\"`; paging by RFC 5005 `link rel=\"next\"` (and `rel=\"first\"` on "
                    + "older pages).")
    @APIResponse(responseCode = "200", description = "One page of the Atom feed",
            content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = SchemaType.STRING)),
            headers = { @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Last-Modified", description = LAST_MODIFIED, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "301", description = "The category slug is an old one; Location has the feed with the current one",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No category has this slug",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response atom(
            @Parameter(description = CATEGORY, example = "technology") @QueryParam("category") String category,
            @Parameter(description = TAG, example = "AI") @QueryParam("tag") String tag,
            @Parameter(description = AUTHOR, example = "Maya Lindqvist") @QueryParam("author") String author,
            @Parameter(description = SIZE, example = "20",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size,
            @Parameter(description = CURSOR, example = "", allowEmptyValue = true) @QueryParam("cursor") String cursor) {
        return answer(category, tag, author, size, cursor, ATOM, AtomFormat::write);
    }

    @GET
    @Path("/feed.json")
    @PermitAll
    @Operation(operationId = "getJsonFeed", summary = "JSON Feed 1.1 of public articles",
            description = FEED + " JSON Feed specifics: `version` is https://jsonfeed.org/version/1.1, the category's name comes "
                    + "first in `tags`, the cover is `image`; paging by `next_url`.")
    @APIResponse(responseCode = "200", description = "One page of the JSON Feed",
            content = @Content(mediaType = "application/feed+json", schema = @Schema(type = SchemaType.OBJECT,
                    description = "A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/)")),
            headers = { @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Last-Modified", description = LAST_MODIFIED, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "301", description = "The category slug is an old one; Location has the feed with the current one",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No category has this slug",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response jsonFeed(
            @Parameter(description = CATEGORY, example = "technology") @QueryParam("category") String category,
            @Parameter(description = TAG, example = "AI") @QueryParam("tag") String tag,
            @Parameter(description = AUTHOR, example = "Maya Lindqvist") @QueryParam("author") String author,
            @Parameter(description = SIZE, example = "20",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size,
            @Parameter(description = CURSOR, example = "", allowEmptyValue = true) @QueryParam("cursor") String cursor) {
        return answer(category, tag, author, size, cursor, JSON_FEED, feed -> JsonFeedFormat.write(feed, mapper));
    }

    private Response answer(String category, String tag, String author, String size, String cursor, MediaType type,
            Function<Feed, byte[]> format) {
        FeedService.FeedQuery query = FeedService.FeedQuery.parse(category, tag, author, size, cursor);
        FeedService.Read read;
        try {
            // Absolute links from CMS_PUBLIC_API_URL, never from the request's Host header.
            read = feeds.read(query, new FeedService.Place(urls.apiBase(), urls.onApi(uriInfo.getRequestUri()), this::page));
        } catch (Moved moved) {
            // The feed with the category's current slug, from its first page: a cursor is bound to the slug it came with.
            return ProblemMappers.problem(301, "moved", "Moved permanently", moved.getMessage(), null)
                    .header("Location", io.newsdesk.cms.common.web.PublicUrls.reference(uriInfo.getRequestUriBuilder()
                            .replaceQueryParam("category", moved.currentSlug()).replaceQueryParam("cursor").build()))
                    .build();
        }
        answerKeys.addAll(read.keys());
        // Tagged here rather than left to ConditionalGet, so the tag is among the headers a kept copy is served with.
        byte[] bytes = format.apply(read.feed());
        Response.ResponseBuilder answer = Response.ok(bytes, type).header("ETag", ETags.digest("feed", bytes));
        if (read.feed().updated() != null) {
            answer.header("Last-Modified", ConditionalGet.httpDate(read.feed().updated()));
        }
        return answer.build();
    }

    /** This feed's URL at a cursor, or without one for its first page; the other parameters as they came. */
    private String page(String cursor) {
        Object[] values = cursor == null ? new Object[0] : new Object[] { cursor };
        return urls.onApi(uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", values).build());
    }
}
