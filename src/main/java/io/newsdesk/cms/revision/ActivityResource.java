package io.newsdesk.cms.revision;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.OpenApiSecurity;

@Path("/revisions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.EDITOR_NAME)
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.EDITOR_NAME)
@Tag(name = "History")
public class ActivityResource {

    @Inject
    Revisions revisions;

    @Context
    UriInfo uriInfo;

    @GET
    @Operation(operationId = "listActivity",
            summary = "Recent changes over every article", description = "For an editor's dashboard: every revision of every "
            + "article, newest first, by cursor (nextCursor and Link rel=next), each with its article's id, slug and title.")
    @APIResponse(responseCode = "200", description = "A page of changes")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below editor")
    public RestResponse<Page<RevisionViews.Activity>> list(
            @Parameter(description = "Only changes at or after this time (ISO 8601 with an offset)", example = "2024-02-23T00:00:00Z")
            @QueryParam("since") String since,
            @Parameter(description = "Only changes by this token (its id) or by tokens of this name (any case)", example = "Night desk")
            @QueryParam("author") String author,
            @QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = OffsetDateTime.parse(since.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw InvalidInput.field("since", "must be a time in ISO 8601 with an offset, e.g. 2024-02-23T00:00:00Z");
            }
        }
        if (author != null && author.length() > 200) {
            throw InvalidInput.field("author", "must be at most 200 characters");
        }
        return PageResponses.ok(revisions.activity(from, author, cursor, PageRequest.parse(null, size).size()), uriInfo);
    }
}
