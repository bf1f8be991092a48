package io.newsdesk.cms.page;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.newsdesk.cms.article.ArticleQuery;
import io.newsdesk.cms.article.Sight;
import io.newsdesk.cms.article.ArticleSummary;
import io.newsdesk.cms.article.ArticleView;
import io.newsdesk.cms.autosave.AutosaveService;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.auth.CurrentCaller;
import io.newsdesk.cms.common.cache.AnswerKeys;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.Problem;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.OpenApiExactSchemas;
import io.newsdesk.cms.common.web.ConditionalGet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Reading articles: lists and the article page, as front-ends and readers ask for them. Writes are in ArticleResource. */
@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Articles")
public class ArticlePageResource {

    @Inject
    AutosaveService autosaves;

    @Inject
    ArticlePages pages;

    @Inject
    CurrentCaller caller;

    @Inject
    AnswerKeys answerKeys;

    @Context
    UriInfo uriInfo;

    @GET
    @PermitAll
    @Operation(operationId = "listArticles", summary = "List published articles",
            description = "Public articles (published, publishedAt not in the future), newest first by default, paged by number or, "
                    + "with `cursor`, by cursor. "
                    + "Filters combine: `category` includes all its subcategories, `tag` matches one tag ignoring case, "
                    + "`q` matches every word in the title, excerpt, body or tags. An unknown category or tag gives an empty list.")
    @APIResponse(responseCode = "200", description = "One page of article summaries",
            headers = { @Header(name = "Link", description = ApiDocs.LINK, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Total-Count", description = ApiDocs.TOTAL, schema = @Schema(type = SchemaType.INTEGER)) })
    public RestResponse<Page<ArticleSummary>> list(
            @Parameter(description = ApiDocs.PAGE, example = "1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
            @QueryParam("page") String page,
            @Parameter(description = ApiDocs.SIZE, example = "20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size,
            @Parameter(description = "Category slug; articles of its subcategories are included", example = "technology")
            @QueryParam("category") String category,
            @Parameter(description = "A tag, matched ignoring case", example = "AI")
            @QueryParam("tag") String tag,
            @Parameter(description = "Search (at most 200 characters, 10 words): every word must appear in the title, excerpt, tags or "
                    + "body (accents and word forms ignored), `-word` nowhere, `a or b` either; a \"quoted phrase\" counts as written in "
                    + "the title, excerpt or tags and as its words in the body. By relevance the newest 100 matches are ranked (title over "
                    + "excerpt and tags, exact phrases first), older matches follow newest first. Each item gets a `snippet` from the "
                    + "opening of its body. When more match than were read, `totalItemsExact` is false (see the envelope).",
                    example = "language models")
            @QueryParam("q") String q,
            @Parameter(description = "Order: `-publishedAt` (default), `publishedAt`, `title`, `-title`, or `relevance` "
                    + "(the default when `q` is given)", example = "-publishedAt",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "-publishedAt", "publishedAt", "title", "-title", "relevance" },
                            extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "ArticleSort")))
            @QueryParam("sort") String sort,
            @Parameter(description = "With a token: which articles to list, `published` (the default: public ones), `scheduled` "
                    + "(published with a future publishedAt), `draft`, `archived`, `trashed` (deleted, restorable) or `all` (all but the "
                    + "trash); an author's token lists only the author's own articles in states other than published. Without a token "
                    + "anything but `published` is 401.", example = "draft",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "published", "scheduled", "draft", "archived", "trashed", "all" },
                            extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "ArticleVisibility")))
            @QueryParam("status") String status,
            @Parameter(description = "`related` embeds each article's related block in `related` (for \"more stories\" views); the "
                    + "whole page then costs a fixed number of queries.", example = "related",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "related" }, extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "ArticleListInclude")))
            @QueryParam("include") String include,
            @Parameter(description = "Page by cursor instead of by number, for feeds and infinite scroll: send `cursor=` (empty) for "
                    + "the first page, then each answer's `nextCursor`. Cursor pages answer only `items` and `nextCursor` (absent on the "
                    + "last page), in the default order; they cost the same deep in the feed as at its start, and an article published "
                    + "meanwhile never makes an item repeat or vanish. A cursor works only with the filters it came from; a forged "
                    + "or foreign one is 400.", example = "", allowEmptyValue = true)
            @QueryParam("cursor") String cursor) {
        PageRequest pageRequest = PageRequest.parse(page, size);
        Caller who = caller.get();
        if (cursor == null && uriInfo.getQueryParameters().containsKey("cursor")) {
            cursor = ""; // "cursor=" asks for the first cursor page
        }
        if (cursor != null && sort != null && !sort.isBlank() && !"-publishedAt".equals(sort.strip())) {
            throw InvalidInput.field("sort", "cursor pages come in the default order, -publishedAt");
        }
        if (cursor != null && page != null && !page.isBlank()) {
            throw InvalidInput.field("page", "page by number or by cursor, not both");
        }
        ArticleQuery query = ArticleQuery.parse(category, tag, q, cursor != null ? "-publishedAt" : sort, status, Sight.of(who));
        Set<String> includes = Includes.parse(include == null ? null : List.of(include));
        if (includes.contains("comments")) {
            throw InvalidInput.field("include", "a list can include only related");
        }
        ArticlePages.Listed listed = pages.list(query, cursor, pageRequest, includes.contains("related"), who);
        answerKeys.addAll(listed.keys());
        Page<ArticleSummary> result = listed.page();
        return PageResponses.ok(result, uriInfo);
    }

    @GET
    @Path("/{slug}")
    @PermitAll
    @Operation(operationId = "getArticle", summary = "Read one article",
            description = "The full article with its Markdown body, sanitized bodyHtml and the category breadcrumb. "
                    + "Without a token, drafts, scheduled and archived articles answer 404 as if they did not exist; an editor's "
                    + "token shows every state, an author's only the author's own unpublished articles (another writer's answer "
                    + "404), with createdBy and updatedBy. A valid `preview` token shows this one "
                    + "article in any state to anyone, as `Cache-Control: private, no-store`.")
    @APIResponse(responseCode = "200", description = "The article",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleView.class)),
            headers = { @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Last-Modified", description = "Without include: when what the article shows last changed",
                            schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "301", description = "The slug is an old one; Location has the current URL",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No public article has this slug",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(
            @Parameter(description = ApiDocs.ARTICLE_SLUG, example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
            @Parameter(description = "A draft preview token from POST /articles/{slug}/preview-token. A forged, expired or other "
                    + "article's token is ignored, so a hidden article stays 404.", example = "AAAAAAAAACoAAAAAZdhsYA.3q2-7w")
            @QueryParam("preview") String preview,
            @Parameter(description = "Blocks to embed so a page renders from one response, comma-separated (or the parameter repeated): "
                    + "`related` adds the related "
                    + "block (as GET /articles/{slug}/related answers it) in `related`, `comments` the first page of the comment thread "
                    + "(as GET /articles/{slug}/comments answers it) in `comments`.", example = "[\"related\", \"comments\"]",
                    explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = Includes.Block.class))
            @QueryParam("include") List<String> include) {
        ArticlePages.Composed page = pages.page(slug, Includes.parse(include), caller.get(), preview);
        answerKeys.addAll(page.keys());
        // Sent as composed: the blocks are JSON already, so the page is never serialized again.
        Response.ResponseBuilder answer = Response.ok(page.json(), MediaType.APPLICATION_JSON_TYPE).header("ETag", page.etag());
        if (page.lastModified() != null) {
            answer.header("Last-Modified", ConditionalGet.httpDate(page.lastModified()));
        }
        if (caller.get() != null && autosaves.hasNewer(slug, caller.get())) {
            // RFC 5829: the caller keeps an unsaved working copy newer than the article.
            answer.header("Link", "</api/v1/articles/" + slug + "/autosave>; rel=\"working-copy\"");
        }
        return answer.build();
    }

}
