package io.newsdesk.cms.autosave;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.ArticleView;
import io.newsdesk.cms.auth.CurrentCaller;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.OpenApiSecurity;

@Path("/articles/{slug}/autosave")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.AUTHOR_NAME)
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
@APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
@APIResponse(responseCode = "403", description = "An author with another writer's public article, or one of their own that is no longer a draft")
@Tag(name = "History")
public class AutosaveResource {

    private static final String SLUG = "The article's slug";

    @Inject
    AutosaveService service;

    @Inject
    CurrentCaller caller;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "saveAutosave",
            summary = "Keep an unsaved working copy", description = "One per article and token, replaced by each save: the "
            + "article's fields as the editor left them (an article write, possibly partial). Never shown to readers, and not a "
            + "revision. The copy remembers the article's ETag when it was started (If-Match, or the ETag then). While a copy "
            + "newer than the article exists, the article's GET for that token carries `Link: <…/autosave>; rel=\"working-copy\"`.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            example = "{\"title\": \"The quiet race to build smaller language models\", \"body\": \"## Small is the new big\\n\\nWhile the\"}"))
    @APIResponse(responseCode = "200", description = "The copy as kept")
    @APIResponse(responseCode = "404", description = "No article has this slug; to an author, also another writer's unpublished article")
    public AutosaveView save(@Parameter(description = SLUG) @PathParam("slug") String slug,
            @Parameter(description = "The ETag the copy starts from (default: the article's current one)") @HeaderParam("If-Match") String ifMatch,
            JsonNode content) {
        return service.save(slug, content, ifMatch, caller.get());
    }

    @GET
    @Operation(operationId = "getAutosave",
            summary = "Read your working copy back", description = "With `articleChangedSince`: whether the article changed after "
            + "the copy was started.")
    @APIResponse(responseCode = "200", description = "The copy")
    @APIResponse(responseCode = "404", description = "No such article, or no copy of it for this token; to an author, also another writer's unpublished article")
    public AutosaveView get(@Parameter(description = SLUG) @PathParam("slug") String slug) {
        return service.get(slug, caller.get());
    }

    @DELETE
    @Operation(operationId = "deleteAutosave", summary = "Drop your working copy",
            description = "Deletes this token's copy of the article; the article itself is not changed.")
    @APIResponse(responseCode = "204", description = "Dropped")
    @APIResponse(responseCode = "404", description = "No such article, or no copy of it for this token; to an author, also another writer's unpublished article")
    public RestResponse<Void> drop(@Parameter(description = SLUG) @PathParam("slug") String slug) {
        service.drop(slug, caller.get());
        return RestResponse.noContent();
    }

    @POST
    @Path("/promote")
    @Operation(operationId = "promoteAutosave",
            summary = "Write your working copy to the article", description = "Merges the copy onto the article (as a JSON merge "
            + "patch would), records a revision, and drops the copy. If-Match (default: the ETag the copy started from) must be the "
            + "article's current ETag: a copy of an article that changed since is refused with 412, and kept.")
    @APIResponse(responseCode = "200", description = "The article as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The copy is not a valid article (each field named in errors); it is kept")
    @APIResponse(responseCode = "404", description = "No such article, or no copy of it for this token; to an author, also another writer's unpublished article")
    @APIResponse(responseCode = "412", description = "The article changed since the copy was started; the copy is kept")
    public RestResponse<ArticleView> promote(@Parameter(description = SLUG) @PathParam("slug") String slug,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        ArticleService.Versioned written = service.promote(slug, ifMatch, caller.get());
        return RestResponse.ResponseBuilder.ok(written.view()).header("ETag", written.etag()).build();
    }
}
