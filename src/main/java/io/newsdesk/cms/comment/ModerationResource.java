package io.newsdesk.cms.comment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.MergePatch;
import io.newsdesk.cms.common.web.OpenApiSecurity;
import io.newsdesk.cms.common.web.OpenApiExactSchemas;
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

/** The moderation queue: editors approve, unapprove, file as spam, trash or delete comments. */
@Path("/comments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.EDITOR_NAME)
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.EDITOR_NAME)
@Tag(name = "Moderation", description = "The comment queue (editors): shows commenters' emails, addresses and user agents")
public class ModerationResource {

    private static final String UNAUTHORIZED = "No token, or a malformed, unknown, revoked or expired one";
    private static final String FORBIDDEN = "The token's role is below editor";

    @Inject
    CommentService service;

    @Context
    UriInfo uriInfo;

    @GET
    @Operation(operationId = "listModerationQueue", summary = "List comments for moderation",
            description = "Every comment, newest first, with the commenter's email, client address and user agent (erased after the "
                    + "retention period). Filter by `status` and by `article` slug.")
    @APIResponse(responseCode = "200", description = "One page of the queue",
            headers = { @Header(name = "Link", description = ApiDocs.LINK, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Total-Count", description = ApiDocs.TOTAL, schema = @Schema(type = SchemaType.INTEGER)) })
    @APIResponse(responseCode = "401", description = UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    public RestResponse<Page<ModeratedComment>> queue(
            @Parameter(description = "pending, approved, spam, trash or all (the default)", example = "pending",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "pending", "approved", "spam", "trash", "all" },
                            extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "CommentStatusFilter")))
            @QueryParam("status") String status,
            @Parameter(description = "Only the comments of the article with this slug", example = "the-quiet-race-to-build-smaller-language-models")
            @QueryParam("article") String article,
            @Parameter(description = ApiDocs.PAGE, example = "1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
            @QueryParam("page") String page,
            @Parameter(description = ApiDocs.SIZE, example = "20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size) {
        return PageResponses.ok(service.queue(status, article, PageRequest.parse(page, size)), uriInfo);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getComment", summary = "Read one comment for moderation",
            description = "Whatever its status, with the commenter's email, client address and user agent (erased after the "
                    + "retention period).")
    @APIResponse(responseCode = "200", description = "The comment",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No comment has this id")
    public RestResponse<ModeratedComment> get(@Parameter(description = "The comment's id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @PathParam("id") String id) {
        return ok(service.get(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, MergePatch.MEDIA_TYPE })
    @Operation(operationId = "moderateComment", summary = "Moderate a comment",
            description = "`{\"status\": \"approved\"}` publishes it, `pending` unapproves it, `spam` and `trash` hide it. The article's "
                    + "commentCount follows at once; replies under a comment that is not approved leave public view with it. A comment "
                    + "moved to `trash` remembers the status it had (`POST /comments/{id}/restore` gives it back) and is removed for good, "
                    + "with its replies, once it has stayed there longer than CMS_TRASH_RETENTION (30 days).")
    @APIResponse(responseCode = "200", description = "The comment as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No comment has this id")
    public RestResponse<ModeratedComment> change(@Parameter(description = "The comment's id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @PathParam("id") String id,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"comment-17-2\"") @HeaderParam("If-Match") String ifMatch,
            CommentModeration.Change change) {
        return ok(service.change(id, change, ifMatch));
    }

    @POST
    @Path("/{id}/restore")
    @Operation(operationId = "restoreComment", summary = "Restore a comment from the trash",
            description = "Gives it back the status it had before it was moved to the trash (approved, pending or spam); an approved "
                    + "comment is public again at once and counts in the article's commentCount.")
    @APIResponse(responseCode = "200", description = "The comment as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No comment has this id")
    @APIResponse(responseCode = "409", description = "The comment is not in the trash")
    public RestResponse<ModeratedComment> restore(@Parameter(description = "The comment's id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @PathParam("id") String id,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"comment-17-2\"") @HeaderParam("If-Match") String ifMatch) {
        return ok(service.restore(id, ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteComment", summary = "Delete a comment for good", description = "Its replies are deleted with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No comment has this id")
    public RestResponse<Void> delete(@Parameter(description = "The comment's id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @PathParam("id") String id,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"comment-17-2\"") @HeaderParam("If-Match") String ifMatch) {
        service.delete(id, ifMatch);
        return RestResponse.noContent();
    }

    @PATCH
    @Consumes({ MediaType.APPLICATION_JSON, MergePatch.MEDIA_TYPE })
    @Operation(operationId = "moderateComments", summary = "Moderate many comments at once",
            description = "Up to 100 ids: `{\"ids\": [17, 18], \"status\": \"spam\"}`, or `{\"ids\": [...], \"delete\": true}` to delete "
                    + "them for good. Ids that name no comment are listed in `missing`; the others are all changed in one transaction.")
    @APIResponse(responseCode = "200", description = "What was done")
    @APIResponse(responseCode = "401", description = UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    public CommentModeration.BulkResult bulk(CommentModeration.Bulk request) {
        return service.bulk(request);
    }

    private static RestResponse<ModeratedComment> ok(CommentService.Versioned versioned) {
        return RestResponse.ResponseBuilder.ok(versioned.comment()).header("ETag", versioned.etag()).build();
    }
}
