package io.newsdesk.cms.comment;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import io.newsdesk.cms.auth.CurrentCaller;
import io.newsdesk.cms.common.cache.AnswerKeys;
import io.newsdesk.cms.common.cache.Keys;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.OpenApiSecurity;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The comment thread under an article, and the form that adds to it. */
@Path("/articles/{slug}/comments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comments", description = "Readers' comments: threaded, moderated; commenters' emails are never published")
public class CommentResource {

    @Inject
    CommentService service;

    @Inject
    CurrentCaller caller;

    @Inject
    AnswerKeys answerKeys;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServerRequest request;

    @GET
    @PermitAll
    @Operation(operationId = "listComments", summary = "Read an article's comments",
            description = "Approved top-level comments, oldest first and paged like every list, each with its approved replies "
                    + "nested to any depth. Replies under a comment that is no longer approved are not shown.")
    @APIResponse(responseCode = "200", description = "One page of threads",
            headers = { @Header(name = "Link", description = ApiDocs.LINK, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Total-Count", description = "Number of top-level comments", schema = @Schema(type = SchemaType.INTEGER)) })
    @APIResponse(responseCode = "301", description = "The slug is an old one; Location has the current URL")
    @APIResponse(responseCode = "404", description = "No public article has this slug")
    public RestResponse<Page<CommentView>> thread(
            @Parameter(description = "The article's slug", example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
            @Parameter(description = ApiDocs.PAGE, example = "1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
            @QueryParam("page") String page,
            @Parameter(description = ApiDocs.SIZE, example = "20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size) {
        CommentService.Thread thread = service.thread(slug, PageRequest.parse(page, size));
        answerKeys.add(Keys.comments(thread.articleId()));
        return PageResponses.ok(thread.page(), uriInfo);
    }

    @POST
    @PermitAll
    @Extension(name = OpenApiSecurity.PUBLIC_WRITE_EXTENSION, value = "true")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createComment", summary = "Leave a comment",
            description = "Anyone may comment on a public article whose commentsOpen is true. `authorName`, `authorEmail` and `body` "
                    + "are required; the email is never published. A new comment waits for moderation (202, pending). Every answer "
                    + "to a reader carries a commenterKey for the comment's email: sent back as commenterKey with a later comment "
                    + "of that email, it publishes that comment at once (201, approved) once a moderator has approved the comment "
                    + "it came with; a missing, unknown, revoked or other email's key is no error, the comment just waits (202). "
                    + "An email that already has approved comments is not enough (the operator may choose otherwise with "
                    + "CMS_COMMENTS_AUTO_APPROVE=known-email, or hold every comment with never). With an editor's token the "
                    + "comment is the newsroom's: approved at once, marked staff, and given no key. Defences, all checked before "
                    + "a key is: per client address rate limit (429 with Retry-After; RateLimit-Limit, "
                    + "RateLimit-Remaining and RateLimit-Reset on every answer), the same body from the same email within minutes is "
                    + "409, and a filled `homepage` honeypot, blocked words or email domains or too many links are quietly kept as spam "
                    + "(answered like a pending comment).")
    @APIResponse(responseCode = "201", description = "Published at once: a staff comment, or one that presented a working commenterKey",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentAccepted.class)))
    @APIResponse(responseCode = "202", description = "Awaiting moderation (also what a comment kept as spam is told)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentAccepted.class)))
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "403", description = "Comments are closed on this article")
    @APIResponse(responseCode = "404", description = "No public article has this slug")
    @APIResponse(responseCode = "409", description = "The same comment was already posted")
    @APIResponse(responseCode = "429", description = "Too many comments from this address; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)))
    public RestResponse<CommentAccepted> submit(
            @Parameter(description = "The article's slug", example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
            @Parameter(hidden = true) @HeaderParam("User-Agent") String userAgent,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CommentCreate.class))) String body) {
        // Read as text so that even a malformed submission counts against the rate limit and gets its headers.
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        CommentAccepted accepted = service.submit(slug, body, caller.get(), address, userAgent);
        return RestResponse.status(accepted.status() == CommentStatus.APPROVED ? RestResponse.Status.CREATED : RestResponse.Status.ACCEPTED,
                accepted);
    }
}
