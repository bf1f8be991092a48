package io.newsdesk.cms.category;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.cache.AnswerKeys;
import io.newsdesk.cms.common.cache.Keys;
import io.newsdesk.cms.common.error.Problem;
import io.newsdesk.cms.common.web.OpenApiSecurity;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.ConditionalGet;
import io.newsdesk.cms.common.web.MergePatch;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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

@Path("/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Categories", description = "The section tree that articles are filed under")
public class CategoryResource {

    private static final String SLUG = "The category's current slug. An old slug answers 301 (GET) or 308 (other methods) "
            + "with Location on the current URL.";

    @Inject
    CategoryService service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AnswerKeys answerKeys;

    @Context
    UriInfo uriInfo;

    @GET
    @PermitAll
    @Operation(operationId = "listCategories", summary = "List all categories",
            description = "Every category in tree order (each section followed by its subcategories, siblings by position then name), "
                    + "with its parent, breadcrumb path and count of public articles including subcategories. "
                    + "Paged like every list; the default page size of 100 returns a typical site's whole tree.")
    @APIResponse(responseCode = "200", description = "The categories",
            headers = { @Header(name = "Link", description = ApiDocs.LINK, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Total-Count", description = ApiDocs.TOTAL, schema = @Schema(type = SchemaType.INTEGER)) })
    public RestResponse<Page<CategoryView>> list(
            @Parameter(description = ApiDocs.PAGE, example = "1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
            @QueryParam("page") String page,
            @Parameter(description = "Items per page, 1 to 100 (default 100).", example = "100",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "100"))
            @QueryParam("size") String size) {
        answerKeys.add(Keys.CATEGORIES);
        return PageResponses.ok(service.list(PageRequest.parse(page, size, PageRequest.MAX_SIZE)), uriInfo);
    }

    @GET
    @Path("/{slug}")
    @PermitAll
    @Operation(operationId = "getCategory", summary = "Read one category",
            description = "The category with its parent, breadcrumb path and count of public articles including subcategories.")
    @APIResponse(responseCode = "200", description = "The category",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "301", description = "The slug is an old one; Location has the current URL")
    @APIResponse(responseCode = "404", description = "No category has this slug",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<CategoryView> get(@Parameter(description = SLUG, example = "ai") @PathParam("slug") String slug) {
        answerKeys.add(Keys.CATEGORIES);
        return ok(service.get(slug));
    }

    @POST
    @RolesAllowed(Role.EDITOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.EDITOR_NAME)
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below editor")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCategory",
            summary = "Create a category", description = "Only `name` is required; the slug is generated from it when not given. "
            + "`parentSlug` files it under another category, to any depth.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CategoryView.class)),
            headers = { @Header(name = "Location", description = "URL of the new category", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "409", description = "The requested slug is taken by another category")
    public RestResponse<CategoryView> create(CategoryWrite write) {
        CategoryService.Versioned created = service.create(write);
        return RestResponse.ResponseBuilder.<CategoryView> create(RestResponse.Status.CREATED)
                .header("Location", PublicUrls.reference(uriInfo.getAbsolutePathBuilder().path(created.view().slug()).build()))
                .entity(created.view())
                .header("ETag", created.etag())
                .build();
    }

    @PUT
    @Path("/{slug}")
    @RolesAllowed(Role.EDITOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.EDITOR_NAME)
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below editor")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceCategory",
            summary = "Replace a category", description = "Fields left out return to their defaults, except `slug`, which is "
            + "kept when absent. A parent may not be the category itself or one of its subcategories.")
    @APIResponse(responseCode = "200", description = "The category as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "404", description = "No category has this slug")
    @APIResponse(responseCode = "409", description = "The requested new slug is taken by another category")
    public RestResponse<CategoryView> replace(@Parameter(description = SLUG, example = "ai") @PathParam("slug") String slug,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"category-7-1\"") @HeaderParam("If-Match") String ifMatch, CategoryWrite write) {
        return ok(service.replace(slug, write, ifMatch));
    }

    @PATCH
    @Path("/{slug}")
    @RolesAllowed(Role.EDITOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.EDITOR_NAME)
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below editor")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateCategory", summary = "Change some fields of a category", description = ApiDocs.MERGE_PATCH)
    @RequestBody(content = {
            @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                    description = "Any of the fields of CategoryWrite; a field sent as null is cleared"),
                    example = "{\"parentSlug\": \"technology\", \"position\": 2}"),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CategoryWrite.class)) })
    @APIResponse(responseCode = "200", description = "The category as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "404", description = "No category has this slug")
    @APIResponse(responseCode = "409", description = "The requested new slug is taken by another category")
    public RestResponse<CategoryView> patch(@Parameter(description = SLUG, example = "ai") @PathParam("slug") String slug,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"category-7-1\"") @HeaderParam("If-Match") String ifMatch, String patch)
            throws JsonProcessingException {
        return ok(service.patch(slug, patch == null || patch.isBlank() ? null : mapper.readTree(patch), ifMatch));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed(Role.EDITOR_NAME)
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.EDITOR_NAME)
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below editor")
    @Operation(operationId = "deleteCategory", summary = "Delete a category",
            description = "A category that still has articles or subcategories is kept (409) unless `reassignTo` names another "
                    + "category: its articles then move there and its subcategories become that category's children.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "308", description = "The slug is an old one; repeat the request at Location")
    @APIResponse(responseCode = "404", description = "No category has this slug")
    @APIResponse(responseCode = "409", description = "The category still has articles or subcategories and no reassignTo was given")
    public RestResponse<Void> delete(@Parameter(description = SLUG, example = "ai") @PathParam("slug") String slug,
            @Parameter(description = "Slug of the category that takes over this one's articles and subcategories", example = "technology")
            @QueryParam("reassignTo") String reassignTo,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"category-7-1\"") @HeaderParam("If-Match") String ifMatch) {
        service.delete(slug, reassignTo, ifMatch);
        return RestResponse.noContent();
    }

    private static RestResponse<CategoryView> ok(CategoryService.Versioned category) {
        return RestResponse.ResponseBuilder.ok(category.view()).header("ETag", category.etag())
                .header("Last-Modified", ConditionalGet.httpDate(category.lastModified())).build();
    }
}
