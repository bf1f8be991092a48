package io.newsdesk.cms.revision;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.ArticleView;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.auth.CurrentCaller;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.QueryFlags;
import io.newsdesk.cms.common.web.OpenApiSecurity;

@Path("/articles/{slug}/revisions")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
@Tag(name = "History", description = "Every committed change of an article, compared and restored. Never public: editors see every "
        + "article's history, authors the history of the articles they created, anonymous callers get 404.")
public class RevisionResource {

    private static final String SLUG = "The article's slug";
    private static final String NUMBER = "The revision's number (1 is the first)";

    @Inject
    Revisions revisions;

    @Inject
    CurrentCaller caller;

    @Context
    UriInfo uriInfo;

    @GET
    @PermitAll
    @Operation(operationId = "listArticleRevisions",
            summary = "An article's history", description = "Newest first, by cursor (nextCursor and Link rel=next): each revision's "
            + "number, time, who made it (token id, name and role), why (create, update, publish, unpublish, schedule, archive, rename, "
            + "related, restore, baseline) and the fields it changed.")
    @APIResponse(responseCode = "200", description = "A page of revisions")
    @APIResponse(responseCode = "403", description = "An author asking for the history of another writer's public article")
    @APIResponse(responseCode = "404", description = "No article has this slug, or the caller is anonymous; to an author, also another writer's unpublished article")
    public RestResponse<Page<RevisionViews.Summary>> list(@Parameter(description = SLUG) @PathParam("slug") String slug,
            @QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        return PageResponses.ok(revisions.list(slug, signedIn(), cursor, PageRequest.parse(null, size).size()), uriInfo);
    }

    @GET
    @Path("/{number}")
    @PermitAll
    @Operation(operationId = "getArticleRevision",
            summary = "One revision", description = "The article as it was: every editorial field, the body included. Link headers "
            + "(RFC 5829) name the history (version-history), the revision before (predecessor-version) and the newest (latest-version).")
    @APIResponse(responseCode = "200", description = "The revision", headers = @Header(name = "Link",
            description = "version-history, predecessor-version and latest-version", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "An author asking for the history of another writer's public article")
    @APIResponse(responseCode = "404", description = "No such article or revision, or the caller is anonymous; to an author, also another writer's unpublished article")
    public RestResponse<RevisionViews.Full> get(@Parameter(description = SLUG) @PathParam("slug") String slug,
            @Parameter(description = NUMBER) @PathParam("number") String number) {
        Revisions.Read read = revisions.get(slug, number(number, "number"), signedIn());
        String base = "/api/v1/articles/" + read.slug() + "/revisions";
        StringBuilder link = new StringBuilder("<" + base + ">; rel=\"version-history\"");
        if (read.previous() > 0) {
            link.append(", <").append(base).append('/').append(read.previous()).append(">; rel=\"predecessor-version\"");
        }
        if (read.next() > 0) {
            link.append(", <").append(base).append('/').append(read.next()).append(">; rel=\"successor-version\"");
        }
        link.append(", <").append(base).append('/').append(read.newest()).append(">; rel=\"latest-version\"");
        return RestResponse.ResponseBuilder.ok(read.revision()).header("Link", link.toString()).build();
    }

    @GET
    @Path("/{number}/diff")
    @PermitAll
    @Operation(operationId = "diffArticleRevision",
            summary = "What changed between two revisions", description = "Per field that differs, its value in both; for the body "
            + "and the excerpt also a word-level diff (`words`: equal, delete and insert runs), and for the body a line-level unified "
            + "diff. By default against the revision before.")
    @APIResponse(responseCode = "200", description = "The differences")
    @APIResponse(responseCode = "403", description = "An author asking for the history of another writer's public article")
    @APIResponse(responseCode = "404", description = "No such article or revision, or the caller is anonymous; to an author, also another writer's unpublished article")
    public RevisionViews.Diff diff(@Parameter(description = SLUG) @PathParam("slug") String slug,
            @Parameter(description = NUMBER) @PathParam("number") String number,
            @Parameter(description = "The revision to compare with (default: the one before)") @QueryParam("against") String against) {
        return revisions.diff(slug, number(number, "number"), against == null ? null : number(against, "against"), signedIn());
    }

    @POST
    @Path("/{number}/restore")
    @RolesAllowed(Role.AUTHOR_NAME)
    @Operation(operationId = "restoreArticleRevision",
            summary = "Make the article look like a revision again", description = "A new write (and a new revision, reason "
            + "`restore`): title, slug, excerpt, body, cover, category, tags, byline, status, publication time, comments and related "
            + "links as they were. Send the article's current ETag in If-Match. When the revision refers to a category, media item or "
            + "related article that no longer exists, the answer is 409 naming each in `errors`; `skipMissing=true` restores the rest.")
    @APIResponse(responseCode = "200", description = "The article as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "An author restoring another writer's public article, or to a state they may not write")
    @APIResponse(responseCode = "404", description = "No such article or revision; to an author, also another writer's unpublished article")
    @APIResponse(responseCode = "409", description = "The revision refers to what no longer exists (named in errors), or its slug is taken")
    public RestResponse<ArticleView> restore(@Parameter(description = SLUG) @PathParam("slug") String slug,
            @Parameter(description = NUMBER) @PathParam("number") String number,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = "Restore what still exists and leave out what does not") @QueryParam("skipMissing") String skipMissing) {
        boolean skip = QueryFlags.of("skipMissing", skipMissing);
        ArticleService.Versioned restored = revisions.restore(slug, number(number, "number"), skip, ifMatch, caller.get());
        return RestResponse.ResponseBuilder.ok(restored.view()).header("ETag", restored.etag()).build();
    }

    /** History is never public: to an anonymous caller it does not exist. */
    private Caller signedIn() {
        Caller c = caller.get();
        if (c == null) {
            throw new NotFound("No article history here");
        }
        return c;
    }

    private static int number(String value, String name) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidInput.field(name, "must be a revision number (1 or more)");
    }
}
