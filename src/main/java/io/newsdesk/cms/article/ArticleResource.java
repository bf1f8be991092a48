package io.newsdesk.cms.article;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.auth.CurrentCaller;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.comment.CommentService;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.cache.AnswerKeys;
import io.newsdesk.cms.related.RelatedBlock;
import io.newsdesk.cms.related.RelatedService;
import io.newsdesk.cms.common.error.Problem;
import io.newsdesk.cms.common.web.OpenApiSecurity;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.ConditionalGet;
import io.newsdesk.cms.common.web.ETags;
import io.newsdesk.cms.common.web.MergePatch;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = OpenApiSecurity.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = OpenApiSecurity.SCHEME_DESCRIPTION)
@Tag(name = "Articles", description = "Stories: read by anyone once published, written by editors")
public class ArticleResource {

    private static final String SLUG = "The article's current slug. An old slug answers 301 (GET) or 308 (other methods) "
            + "with Location on the current URL.";

    @Inject
    ArticleService service;

    @Inject
    ObjectMapper mapper;

    @Inject
    CurrentCaller caller;

    @Inject
    CommentService comments;

    @Inject
    RelatedService related;

    @Inject
    AnswerKeys answerKeys;

    @Context
    UriInfo uriInfo;

    @GET
    @PermitAll
    @Operation(summary = "List published articles",
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
            @Parameter(description = "Search words (at most 200 characters); every word must match", example = "language models")
            @QueryParam("q") String q,
            @Parameter(description = "Order: `-publishedAt` (default), `publishedAt`, `title`, `-title`, or `relevance` "
                    + "(the default when `q` is given)", example = "-publishedAt",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "-publishedAt", "publishedAt", "title", "-title", "relevance" }))
            @QueryParam("sort") String sort,
            @Parameter(description = "With a token: which articles to list, `published` (the default: public ones), `scheduled` "
                    + "(published with a future publishedAt), `draft`, `archived` or `all`. Without a token anything but "
                    + "`published` is 401.", example = "draft",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "published", "scheduled", "draft", "archived", "all" }))
            @QueryParam("status") String status,
            @Parameter(description = "`related` embeds each article's related block in `related` (for \"more stories\" views); the "
                    + "whole page then costs a fixed number of queries.", example = "related",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "related" }))
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
        ArticleQuery query = ArticleQuery.parse(category, tag, q, cursor != null ? "-publishedAt" : sort, status, who != null);
        Set<String> includes = Includes.parse(include);
        if (includes.contains("comments")) {
            throw InvalidInput.field("include", "a list can include only related");
        }
        Page<ArticleSummary> result = cursor != null ? service.listByCursor(query, cursor, pageRequest.size())
                : service.list(query, pageRequest);
        answerKeys.addAll(service.keysOf(query, result.items()));
        if (includes.contains("related")) {
            Map<Long, RelatedBlock> blocks = related.blocks(result.items().stream().map(ArticleSummary::id).toList(), who != null);
            blocks.values().forEach(b -> answerKeys.addAll(b.keys()));
            result = result.map(a -> a.withRelated(blocks.get(a.id()).list()));
        }
        return PageResponses.ok(result, uriInfo);
    }

    @GET
    @Path("/{slug}")
    @PermitAll
    @Operation(summary = "Read one article",
            description = "The full article with its Markdown body, sanitized bodyHtml and the category breadcrumb. "
                    + "Without a token, drafts, scheduled and archived articles answer 404 as if they did not exist; with a "
                    + "token every state is shown, with createdBy and updatedBy. A valid `preview` token shows this one "
                    + "article in any state to anyone, as `Cache-Control: private, no-store`.")
    @APIResponse(responseCode = "200", description = "The article",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "301", description = "The slug is an old one; Location has the current URL",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No public article has this slug",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<ArticleView> get(
            @Parameter(description = SLUG, example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
            @Parameter(description = "A draft preview token from POST /articles/{slug}/preview-token. A forged, expired or other "
                    + "article's token is ignored, so a hidden article stays 404.", example = "AAAAAAAAACoAAAAAZdhsYA.3q2-7w")
            @QueryParam("preview") String preview,
            @Parameter(description = "Comma-separated blocks to embed so a page renders from one response: `related` adds the related "
                    + "block (as GET /articles/{slug}/related answers it) in `related`, `comments` the first page of the comment thread "
                    + "(as GET /articles/{slug}/comments answers it) in `comments`.", example = "related,comments",
                    schema = @Schema(type = SchemaType.STRING))
            @QueryParam("include") String include) {
        Set<String> includes = Includes.parse(include);
        Caller who = caller.get();
        ArticleService.Versioned article = service.get(slug, who, preview);
        ArticleView view = article.view();
        answerKeys.addAll(ArticleKeys.ofPage(view.id()));
        if (includes.contains("related")) {
            RelatedBlock block = related.blocks(List.of(view.id()), who != null).get(view.id());
            answerKeys.addAll(block.keys());
            view = view.withRelated(block.list());
        }
        if (includes.contains("comments")) {
            view = view.withComments(comments.thread(view.id(), new PageRequest(1, PageRequest.DEFAULT_SIZE)));
        }
        // With embedded blocks the answer changes when they do: its tag covers them as well as the article's version.
        if (!includes.isEmpty()) {
            return RestResponse.ResponseBuilder.ok(view).header("ETag", ETags.digest("article", view, mapper)).build();
        }
        return RestResponse.ResponseBuilder.ok(view).header("ETag", article.etag())
                .header("Last-Modified", ConditionalGet.httpDate(article.lastModified())).build();
    }

    @POST
    @RolesAllowed(Role.AUTHOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an article",
            description = "Only `title` is required; `status` defaults to `draft` and the slug is generated from the title "
                    + "when not given (\"Café Déjà Vu\" becomes `cafe-deja-vu`, a clash gets `-2`, `-3`...). "
                    + "Role author or above; an author may only create drafts (any other status is 403).")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "An author asked for a status other than draft")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleView.class)),
            headers = { @Header(name = "Location", description = "URL of the new article", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "409", description = "The requested slug is taken by another article")
    public RestResponse<ArticleView> create(ArticleWrite write) {
        ArticleService.Versioned created = service.create(write, caller.get());
        return RestResponse.ResponseBuilder.<ArticleView> created(
                uriInfo.getAbsolutePathBuilder().path(created.view().slug()).build())
                .entity(created.view())
                .header("ETag", created.etag())
                .build();
    }

    @PUT
    @Path("/{slug}")
    @RolesAllowed(Role.AUTHOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "An author touching an article they did not create, or one that is no longer a draft")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an article",
            description = "Replaces every editable field: fields left out return to their defaults (status `draft`, no cover, "
                    + "no tags...), except `slug`, which is kept when absent. Changing the slug keeps the old one working as a redirect.")
    @APIResponse(responseCode = "200", description = "The article as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "404", description = "No article has this slug")
    @APIResponse(responseCode = "409", description = "The requested new slug is taken by another article")
    public RestResponse<ArticleView> replace(@Parameter(description = SLUG, example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"article-42-3\"") @HeaderParam("If-Match") String ifMatch, ArticleWrite write) {
        ArticleService.Versioned updated = service.replace(slug, write, ifMatch, caller.get());
        return RestResponse.ResponseBuilder.ok(updated.view()).header("ETag", updated.etag()).build();
    }

    @PATCH
    @Path("/{slug}")
    @RolesAllowed(Role.AUTHOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "An author touching an article they did not create, or one that is no longer a draft")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change some fields of an article", description = ApiDocs.MERGE_PATCH)
    @RequestBody(content = {
            @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                    description = "Any of the fields of ArticleWrite; a field sent as null is cleared"),
                    example = "{\"status\": \"published\", \"coverImage\": null}"),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleWrite.class)) })
    @APIResponse(responseCode = "200", description = "The article as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "404", description = "No article has this slug")
    @APIResponse(responseCode = "409", description = "The requested new slug is taken by another article")
    public RestResponse<ArticleView> patch(@Parameter(description = SLUG, example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"article-42-3\"") @HeaderParam("If-Match") String ifMatch, String patch)
            throws JsonProcessingException {
        ArticleService.Versioned updated = service.patch(slug, patch == null || patch.isBlank() ? null : mapper.readTree(patch), ifMatch, caller.get());
        return RestResponse.ResponseBuilder.ok(updated.view()).header("ETag", updated.etag()).build();
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed(Role.AUTHOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "An author touching an article they did not create, or one that is no longer a draft")
    @Operation(summary = "Delete an article", description = "Deletes the article for good; its old slugs stop redirecting.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "404", description = "No article has this slug")
    public RestResponse<Void> delete(@Parameter(description = SLUG, example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"article-42-3\"") @HeaderParam("If-Match") String ifMatch) {
        service.delete(slug, ifMatch, caller.get());
        return RestResponse.noContent();
    }

    @POST
    @Path("/{slug}/preview-token")
    @RolesAllowed(Role.AUTHOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
    @Operation(summary = "Issue a draft preview token",
            description = "A signed token that lets a front-end show this article as it stands now, draft or scheduled, through "
                    + "`GET /articles/{slug}?preview=<token>`, until it expires (CMS_PREVIEW_TTL, default 1 hour). Bound to this "
                    + "article: it shows nothing else. Editors for any article, authors for their own.")
    @APIResponse(responseCode = "200", description = "The token")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "An author asking for someone else's article")
    @APIResponse(responseCode = "404", description = "No article has this slug")
    public PreviewToken previewToken(@Parameter(description = SLUG, example = "launch-preview") @PathParam("slug") String slug) {
        return service.previewToken(slug, caller.get());
    }
}
