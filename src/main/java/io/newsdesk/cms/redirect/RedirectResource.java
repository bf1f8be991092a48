package io.newsdesk.cms.redirect;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.newsdesk.cms.auth.CurrentCaller;

/** Old addresses of imported articles, for a front-end that answers them with a redirect. */
@Path("/redirects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Redirects", description = "Where the addresses of articles on the site they were imported from lead now")
public class RedirectResource {

    @Inject
    RedirectService service;

    @Inject
    CurrentCaller caller;

    @GET
    @PermitAll
    @Operation(operationId = "findRedirect", summary = "Look up an old address",
            description = "For a front-end that took over a WordPress site: ask with the path a reader or crawler requested "
                    + "(`/2024/02/23/some-slug/`, `/?p=123`, or the whole old URL) and answer the reader with a 301 to `url`. "
                    + "Matching ignores the scheme and host, case, a trailing slash and any query but `p`/`page_id`. "
                    + "Articles that are not public are found only with a token that may read them (editors: any; authors: their own).")
    @APIResponse(responseCode = "301", description = "The article now at that address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RedirectView.class)),
            headers = @Header(name = "Location", description = "The article in this API", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No path, or one that is neither a path nor an http(s) URL")
    @APIResponse(responseCode = "404", description = "No article had that address")
    public RestResponse<RedirectView> find(
            @Parameter(description = "The old address: a path or a whole URL", required = true, example = "/2024/02/23/some-slug/")
            @QueryParam("path") String path) {
        RedirectView found = service.resolve(path, caller.get());
        return RestResponse.ResponseBuilder.<RedirectView> create(RestResponse.Status.MOVED_PERMANENTLY).entity(found)
                .header("Location", found.apiUrl()).build();
    }
}
