package io.newsdesk.cms.related;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.newsdesk.cms.auth.CurrentCaller;
import io.newsdesk.cms.common.cache.AnswerKeys;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.OpenApiSecurity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/articles/{slug}/related")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Related", description = "The \"Related Articles\" block under each article: curated links, then suggestions")
public class RelatedResource {

    @Inject
    RelatedService service;

    @Inject
    CurrentCaller caller;

    @Inject
    AnswerKeys answerKeys;

    @GET
    @PermitAll
    @Operation(operationId = "getRelatedLinks", summary = "Read an article's related links",
            description = "The editor's curated links in their order, then automatic suggestions up to CMS_RELATED_COUNT (default 4) "
                    + "public items: other public articles ranked by shared tags, then same category (or its parent, child or sibling), "
                    + "then recency. Internal links are resolved now, so a renamed target shows its new title and slug; a target that "
                    + "is not public is left out unless the caller may see it (editors: any; authors: their own), and then shown with its `state`.")
    @APIResponse(responseCode = "200", description = "The block",
            headers = @Header(name = "ETag", description = "Version of the curated list; send it back in If-Match", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "301", description = "The slug is an old one; Location has the current URL")
    @APIResponse(responseCode = "404", description = "No public article has this slug")
    public RestResponse<RelatedList> get(
            @Parameter(description = "The article's slug", example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug) {
        RelatedService.Versioned block = service.get(slug, caller.get());
        answerKeys.addAll(block.keys());
        return RestResponse.ResponseBuilder.ok(block.list()).header("ETag", block.etag()).build();
    }

    @PUT
    @RolesAllowed(Role.AUTHOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceRelatedLinks", summary = "Curate an article's related links",
            description = "Replaces the ordered list (at most CMS_RELATED_MAX_LINKS, default 20; `[]` clears it). Each entry is an internal "
                    + "link `{\"articleSlug\": \"...\"}` or an external one `{\"url\": \"https://...\", \"title\": \"...\", "
                    + "\"description\": \"...\", \"image\": {...}}`. Invalid entries are named by index in `errors` (`[2].articleSlug`): "
                    + "unknown slug, the article itself, duplicates, non-http(s) URLs. Editors for any article, authors for their own drafts.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = RelatedLinkWrite.class),
            examples = @ExampleObject(name = "mixed", value = "[{\"articleSlug\": \"passkeys-are-finally-replacing-passwords\"}, "
                    + "{\"url\": \"https://www.example.org/report\", \"title\": \"The full report\", \"description\": \"120 pages, PDF\"}]")))
    @APIResponse(responseCode = "200", description = "The resolved block as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "An author curating another writer's public article, or one of their own that is no longer a draft")
    @APIResponse(responseCode = "404", description = "No article has this slug; to an author, also another writer's unpublished article")
    public RestResponse<RelatedList> replace(
            @Parameter(description = "The article's slug", example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"related-42-3\"") @HeaderParam("If-Match") String ifMatch,
            List<RelatedLinkWrite> links) {
        RelatedService.Versioned block = service.replace(slug, links, ifMatch, caller.get());
        return RestResponse.ResponseBuilder.ok(block.list()).header("ETag", block.etag()).build();
    }
}
