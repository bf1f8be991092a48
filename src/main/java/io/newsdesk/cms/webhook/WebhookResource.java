package io.newsdesk.cms.webhook;

import java.util.List;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.MergePatch;
import io.newsdesk.cms.common.web.OpenApiSecurity;

@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.ADMIN_NAME)
@APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
@APIResponse(responseCode = "403", description = "The token's role is below admin")
@Tag(name = "Webhooks", description = "Signed notifications of content changes, by the Standard Webhooks specification")
public class WebhookResource {

    private static final String ID = "The webhook's id";

    @Inject
    WebhookService service;

    @Inject
    ObjectMapper mapper;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook",
            summary = "Add a webhook endpoint", description = "The answer carries the signing secret (`whsec_…`) once: keep it. "
            + "Deliveries are POSTs of `{type, timestamp, data}` signed by the Standard Webhooks specification (headers webhook-id, "
            + "webhook-timestamp, webhook-signature). A URL that resolves to a loopback, private, link-local or metadata address is "
            + "refused unless CMS_WEBHOOKS_ALLOWED_HOSTS names its host.")
    @APIResponse(responseCode = "201", description = "Created, with its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    public RestResponse<WebhookView> create(WebhookWrite write) {
        WebhookService.Versioned created = service.create(write);
        return RestResponse.ResponseBuilder.<WebhookView> create(RestResponse.Status.CREATED)
                .header("Location", PublicUrls.reference(uriInfo.getAbsolutePathBuilder().path(Long.toString(created.view().id())).build()))
                .entity(created.view()).header("ETag", created.etag()).build();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List the webhook endpoints",
            description = "Every endpoint, oldest first, with whether it is enabled and why it was disabled; never the secrets.")
    @APIResponse(responseCode = "200", description = "The endpoints")
    public List<WebhookView> list() {
        return service.list();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhook", summary = "Read one webhook endpoint",
            description = "Its URL, events and category filter, whether it is enabled and why it was disabled; never the secret.")
    @APIResponse(responseCode = "200", description = "The endpoint",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No webhook has this id")
    public RestResponse<WebhookView> get(@Parameter(description = ID) @PathParam("id") long id) {
        return ok(service.get(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateWebhook",
            summary = "Change a webhook endpoint", description = ApiDocs.MERGE_PATCH + " Enabling it again clears why it was disabled.")
    @APIResponse(responseCode = "200", description = "The endpoint as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = WebhookWrite.class)))
    @APIResponse(responseCode = "404", description = "No webhook has this id")
    public RestResponse<WebhookView> patch(@Parameter(description = ID) @PathParam("id") long id,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch, String patch) throws JsonProcessingException {
        return ok(service.patch(id, patch == null || patch.isBlank() ? null : mapper.readTree(patch), ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook endpoint", description = "Its pending deliveries go with it.")
    @APIResponse(responseCode = "204", description = "Removed")
    public RestResponse<Void> delete(@Parameter(description = ID) @PathParam("id") long id,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        service.delete(id, ifMatch);
        return RestResponse.noContent();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret",
            summary = "Rotate the signing secret", description = "The answer carries the new secret once. The old one keeps signing "
            + "beside it (two signatures in webhook-signature) for CMS_WEBHOOKS_SECRET_OVERLAP (24 hours).")
    @APIResponse(responseCode = "200", description = "The endpoint, with its new secret",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public RestResponse<WebhookView> rotate(@Parameter(description = ID) @PathParam("id") long id) {
        return ok(service.rotate(id));
    }

    @POST
    @Path("/{id}/test")
    @Operation(operationId = "testWebhook",
            summary = "Send a webhook.test event to this endpoint", description = "Through the outbox like every event; its delivery "
            + "shows in /deliveries.")
    @APIResponse(responseCode = "202", description = "Queued; the body names the event id (its webhook-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TestQueued.class)))
    public RestResponse<TestQueued> test(@Parameter(description = ID) @PathParam("id") long id) {
        return RestResponse.accepted(new TestQueued(service.test(id)));
    }

    /** The answer to a test: the event that was queued. */
    @Schema(name = "WebhookTestQueued")
    public record TestQueued(@Schema(description = "The event's id, sent as webhook-id", example = "msg_2ZyVxq1u7nQ0pL9k") String eventId) {
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries",
            summary = "The endpoint's deliveries", description = "Newest first, by cursor (nextCursor and Link rel=next), each with "
            + "every attempt: time, status code, duration, error and the first 2 KB of the answer.")
    @APIResponse(responseCode = "200", description = "A page of deliveries",
            headers = @Header(name = "Link", description = "RFC 8288 link to the next page", schema = @Schema(type = SchemaType.STRING)))
    public RestResponse<Page<DeliveryView>> deliveries(@Parameter(description = ID) @PathParam("id") long id,
            @QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        return PageResponses.ok(service.deliveries(id, cursor, PageRequest.parse(null, size).size()), uriInfo);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @Operation(operationId = "replayWebhookDelivery",
            summary = "Send a delivery's event again", description = "A new delivery of the same event, with the same webhook-id.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayQueued.class)))
    public RestResponse<ReplayQueued> replay(@Parameter(description = ID) @PathParam("id") long id,
            @PathParam("deliveryId") long deliveryId) {
        return RestResponse.accepted(new ReplayQueued(service.replay(id, deliveryId)));
    }

    /** The answer to a replay: the new delivery. */
    @Schema(name = "WebhookReplayQueued")
    public record ReplayQueued(@Schema(description = "The new delivery's id", example = "58") long deliveryId) {
    }

    private static RestResponse<WebhookView> ok(WebhookService.Versioned w) {
        return RestResponse.ResponseBuilder.ok(w.view()).header("ETag", w.etag()).build();
    }
}
