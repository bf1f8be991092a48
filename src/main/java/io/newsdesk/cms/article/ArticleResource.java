package io.newsdesk.cms.article;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.auth.CurrentCaller;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.error.Forbidden;
import io.newsdesk.cms.common.web.OpenApiSecurity;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.QueryFlags;
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

    @Inject
    ArticleService service;

    @Inject
    ObjectMapper mapper;

    @Inject
    CurrentCaller caller;

    @Context
    UriInfo uriInfo;

    @POST
    @RolesAllowed(Role.AUTHOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createArticle", summary = "Create an article",
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
        return RestResponse.ResponseBuilder.<ArticleView> create(RestResponse.Status.CREATED)
                .header("Location", PublicUrls.reference(uriInfo.getAbsolutePathBuilder().path(created.view().slug()).build()))
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
    @APIResponse(responseCode = "403", description = "An author touching another writer's public article, or one of their own that is no longer a draft")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceArticle", summary = "Replace an article",
            description = "Replaces every editable field: fields left out return to their defaults (status `draft`, no cover, "
                    + "no tags...), except `slug`, which is kept when absent. Changing the slug keeps the old one working as a redirect.")
    @APIResponse(responseCode = "200", description = "The article as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "404", description = "No article has this slug; to an author, also another writer's unpublished article")
    @APIResponse(responseCode = "409", description = "The requested new slug is taken by another article")
    public RestResponse<ArticleView> replace(@Parameter(description = ApiDocs.ARTICLE_SLUG, example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
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
    @APIResponse(responseCode = "403", description = "An author touching another writer's public article, or one of their own that is no longer a draft")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateArticle", summary = "Change some fields of an article", description = ApiDocs.MERGE_PATCH)
    @RequestBody(content = {
            @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                    description = "Any of the fields of ArticleWrite; a field sent as null is cleared"),
                    example = "{\"status\": \"published\", \"coverImage\": null}"),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleWrite.class)) })
    @APIResponse(responseCode = "200", description = "The article as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "404", description = "No article has this slug; to an author, also another writer's unpublished article")
    @APIResponse(responseCode = "409", description = "The requested new slug is taken by another article")
    public RestResponse<ArticleView> patch(@Parameter(description = ApiDocs.ARTICLE_SLUG, example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
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
    @APIResponse(responseCode = "403", description = "An author touching another writer's public article, or one of their own that is no longer a draft; "
            + "permanent=true by anyone but an admin")
    @Operation(operationId = "deleteArticle",
            summary = "Delete an article (to the trash)", description = "Moves the article to the trash: it leaves every public "
            + "read, list, feed, sitemap, related block and search at once, keeps its slug, comments, related links and history, and "
            + "POST /articles/{slug}/restore brings it back. `GET /articles?status=trashed` lists the trash; what has been there "
            + "longer than CMS_TRASH_RETENTION (30 days) is removed for good. With `permanent=true` (admins) it is removed for good "
            + "at once: its old slugs stop redirecting and its slug is free again.")
    @APIResponse(responseCode = "204", description = "In the trash (or removed for good)")
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "404", description = "No article has this slug; to an author, also another writer's unpublished article")
    public RestResponse<Void> delete(@Parameter(description = ApiDocs.ARTICLE_SLUG, example = "the-quiet-race-to-build-smaller-language-models") @PathParam("slug") String slug,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"article-42-3\"") @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = "true: remove for good instead of moving to the trash (admins)", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("permanent") String permanent) {
        boolean forGood = QueryFlags.of("permanent", permanent);
        if (forGood) {
            if (!caller.get().atLeast(Role.ADMIN)) {
                throw new Forbidden("Only admins remove an article for good; others move it to the trash");
            }
            service.purge(slug, ifMatch, caller.get());
        } else {
            service.delete(slug, ifMatch, caller.get());
        }
        return RestResponse.noContent();
    }

    @POST
    @Path("/{slug}/restore")
    @RolesAllowed(Role.EDITOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.EDITOR_NAME)
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below editor")
    @Operation(operationId = "restoreArticle",
            summary = "Bring an article back from the trash", description = "In the state it had (public again if it was), with its "
            + "comments, related links and history; a new revision records it.")
    @APIResponse(responseCode = "200", description = "The article as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No article has this slug")
    @APIResponse(responseCode = "409", description = "The article is not in the trash")
    public RestResponse<ArticleView> untrash(@Parameter(description = ApiDocs.ARTICLE_SLUG) @PathParam("slug") String slug) {
        ArticleService.Versioned restored = service.untrash(slug, caller.get());
        return RestResponse.ResponseBuilder.ok(restored.view()).header("ETag", restored.etag()).build();
    }

    @POST
    @Path("/{slug}/preview-token")
    @RolesAllowed(Role.AUTHOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
    @Operation(operationId = "createPreviewToken", summary = "Issue a draft preview token",
            description = "A signed token that lets a front-end show this article as it stands now, draft or scheduled, through "
                    + "`GET /articles/{slug}?preview=<token>`, until it expires (CMS_PREVIEW_TTL, default 1 hour). Bound to this "
                    + "article: it shows nothing else. Editors for any article, authors for their own.")
    @APIResponse(responseCode = "200", description = "The token")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "An author asking for another writer's public article")
    @APIResponse(responseCode = "404", description = "No article has this slug; to an author, also another writer's unpublished article")
    public PreviewToken previewToken(@Parameter(description = ApiDocs.ARTICLE_SLUG, example = "launch-preview") @PathParam("slug") String slug) {
        return service.previewToken(slug, caller.get());
    }
}
