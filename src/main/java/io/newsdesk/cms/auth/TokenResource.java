package io.newsdesk.cms.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.OpenApiSecurity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@Tag(name = "Tokens", description = "API tokens for editors and scripts (admins only)")
public class TokenResource {

    @Inject
    TokenService tokens;

    @Inject
    CurrentCaller caller;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.ADMIN_NAME)
    @Operation(operationId = "createToken", summary = "Issue a token",
            description = "Answers the new token with its secret in `token`: store it now, it is never shown again (only its hash "
                    + "is kept). The secret is 32 random bytes, URL-safe, prefixed `nd_`.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenView.class)),
            headers = @Header(name = "Location", description = "URL of the token", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below admin")
    public RestResponse<TokenView> issue(TokenCreate request) {
        TokenView issued = tokens.issue(request, caller.get());
        return RestResponse.ResponseBuilder.<TokenView> create(RestResponse.Status.CREATED)
                .header("Location", PublicUrls.reference(uriInfo.getAbsolutePathBuilder().path(Long.toString(issued.id())).build()))
                .entity(issued)
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.ADMIN_NAME)
    @Operation(operationId = "listTokens",
            summary = "List tokens", description = "Every token ever issued, oldest first, revoked ones included; never the secrets.")
    @APIResponse(responseCode = "200", description = "One page of tokens",
            headers = { @Header(name = "Link", description = ApiDocs.LINK, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Total-Count", description = ApiDocs.TOTAL, schema = @Schema(type = SchemaType.INTEGER)) })
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below admin")
    public RestResponse<Page<TokenView>> list(
            @Parameter(description = ApiDocs.PAGE, example = "1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
            @QueryParam("page") String page,
            @Parameter(description = ApiDocs.SIZE, example = "20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size) {
        return PageResponses.ok(tokens.list(PageRequest.parse(page, size)), uriInfo);
    }

    @DELETE
    @Path("/{id}")
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.ADMIN_NAME)
    @Operation(operationId = "revokeToken",
            summary = "Revoke a token", description = "The token is refused from the next request on, by every instance. "
            + "Revoking an already revoked token changes nothing.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below admin")
    @APIResponse(responseCode = "404", description = "No token has this id")
    public RestResponse<Void> revoke(@Parameter(description = "The token's id", example = "3", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @PathParam("id") String id) {
        tokens.revoke(id);
        return RestResponse.noContent();
    }
}
