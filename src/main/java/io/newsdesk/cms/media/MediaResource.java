package io.newsdesk.cms.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

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
import org.eclipse.microprofile.openapi.annotations.media.Encoding;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.auth.CurrentCaller;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.Problem;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.paging.PageResponses;
import io.newsdesk.cms.common.web.ApiDocs;
import io.newsdesk.cms.common.web.QueryFlags;
import io.newsdesk.cms.common.web.ContentDisposition;
import io.newsdesk.cms.common.web.MergePatch;
import io.newsdesk.cms.common.web.OpenApiSecurity;

@Path("/media")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.AUTHOR_NAME)
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.AUTHOR_NAME)
@APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
@APIResponse(responseCode = "403", description = "The token's role is below author")
@Tag(name = "Media", description = "The media library: images uploaded once, served in ready-made sizes from content-addressed URLs")
public class MediaResource {

    private static final String ID = "The item's id";
    private static final String UPLOAD_RULES = "The file's type is decided by its bytes: JPEG, PNG, GIF or WebP; a declared type or file "
            + "extension that disagrees with them is 415, and SVG is refused. At most CMS_MEDIA_MAX_UPLOAD_SIZE (20 MB; 413 past it), "
            + "50 megapixels and 16,384 px on a side (422, checked from the header before any decoding); a truncated or corrupt file "
            + "is 422. The image is re-encoded upright, without EXIF, IPTC or XMP (no GPS position, no camera serial number), and "
            + "scaled to at most CMS_MEDIA_MAX_EDGE (2560 px) on its long side; creator, credit, copyright and caption found in its "
            + "metadata fill credit and caption when none are given. Renditions in the configured widths, in the original format "
            + "and WebP, are made right after. The same bytes uploaded again give back the existing item (200) instead of a copy.";

    @Inject
    MediaService service;

    @Inject
    CurrentCaller caller;

    @Inject
    ObjectMapper mapper;


    @Context
    UriInfo uriInfo;

    @POST
    @Consumes({ "image/*", MediaType.APPLICATION_OCTET_STREAM, MediaType.WILDCARD })
    @Operation(operationId = "uploadMedia", summary = "Upload an image as the raw body",
            description = "As WordPress takes it: `curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg' "
                    + "-H 'Content-Disposition: attachment; filename=\"photo.jpg\"'`. The body is streamed to disk, never held in memory. "
                    + UPLOAD_RULES)
    @RequestBody(required = true, content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/gif", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "201", description = "Uploaded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaView.class)),
            headers = { @Header(name = "Location", description = "URL of the new item", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "200", description = "The same bytes were already in the library: the existing item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaView.class)))
    @APIResponse(responseCode = "413", description = "The file is larger than the upload limit")
    @APIResponse(responseCode = "415", description = "Not a JPEG, PNG, GIF or WebP by its bytes, SVG, or a declared type or extension that disagrees")
    @APIResponse(responseCode = "422", description = "Too many pixels, too wide or tall, truncated or corrupt")
    public RestResponse<MediaView> uploadRaw(
            @Parameter(description = "`attachment; filename=\"photo.jpg\"`: the file name kept with the item", example = "attachment; filename=\"photo.jpg\"")
            @HeaderParam("Content-Disposition") String disposition,
            @HeaderParam("Content-Type") String contentType,
            InputStream body) {
        java.nio.file.Path file = null;
        try {
            file = Files.createTempFile("newsdesk-upload-", ".bin");
            MediaService.Received received = service.receive(body, file);
            MediaService.Upload upload = new MediaService.Upload(file, received.size(), received.sha256(), contentType,
                    ContentDisposition.filename(disposition), new MediaEdit(null, null, null, null));
            return answer(service.upload(upload, caller.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadMedia", summary = "Upload an image as a form",
            description = "`curl -F file=@photo.jpg -F alt='…' -F caption='…'`: a `file` part plus optional `alt`, `caption`, `credit` "
                    + "and `focalPoint` (`{\"x\":0.5,\"y\":0.3}`). " + UPLOAD_RULES)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "file", properties = {
                    @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary", description = "The image"),
                    @SchemaProperty(name = "alt", type = SchemaType.STRING, maxLength = 300, description = "Alt text for screen readers"),
                    @SchemaProperty(name = "caption", type = SchemaType.STRING, maxLength = 1000, description = "Visible caption"),
                    @SchemaProperty(name = "credit", type = SchemaType.STRING, maxLength = 300, description = "Photographer or agency"),
                    @SchemaProperty(name = "focalPoint", type = SchemaType.STRING,
                            description = "JSON {\"x\": 0..1, \"y\": 0..1}: the point crops keep in view", example = "{\"x\":0.5,\"y\":0.3}") }),
            encoding = @Encoding(name = "file", contentType = "image/jpeg, image/png, image/gif, image/webp")))
    @APIResponse(responseCode = "201", description = "Uploaded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaView.class)),
            headers = { @Header(name = "Location", description = "URL of the new item", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "200", description = "The same bytes were already in the library: the existing item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaView.class)))
    @APIResponse(responseCode = "413", description = "The file is larger than the upload limit")
    @APIResponse(responseCode = "415", description = "Not a JPEG, PNG, GIF or WebP by its bytes, SVG, or a declared type or extension that disagrees")
    @APIResponse(responseCode = "422", description = "Too many pixels, too wide or tall, truncated or corrupt")
    public RestResponse<MediaView> uploadForm(@RestForm("file") FileUpload file, @RestForm("alt") String alt,
            @RestForm("caption") String caption, @RestForm("credit") String credit, @RestForm("focalPoint") String focalPoint) {
        if (file == null || file.uploadedFile() == null) {
            throw InvalidInput.field("file", "is required: send the image as a part named file");
        }
        return answer(service.uploadFile(file.uploadedFile(), file.contentType(), file.fileName(),
                new MediaEdit(alt, caption, credit, focal(focalPoint)), caller.get()));
    }

    @GET
    @Operation(operationId = "listMedia",
            summary = "List the library", description = "Newest first, by cursor: the `Link: rel=\"next\"` header and `nextCursor` "
            + "lead to the next page. `q` matches the file name, alt text and caption, any case.")
    @APIResponse(responseCode = "200", description = "One page of items",
            headers = @Header(name = "Link", description = ApiDocs.LINK, schema = @Schema(type = SchemaType.STRING)))
    public RestResponse<Page<MediaView>> list(
            @Parameter(description = "Words to find in the file name, alt text or caption (at most 200 characters)", example = "gpu")
            @QueryParam("q") String q,
            @Parameter(description = "Where the previous page ended, from its nextCursor") @QueryParam("cursor") String cursor,
            @Parameter(description = "Items per page, 1 to 100 (default 20).", example = "20",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size) {
        if (q != null && q.length() > 200) {
            throw InvalidInput.field("q", "must be at most 200 characters");
        }
        PageRequest request = PageRequest.parse(null, size);
        return PageResponses.ok(service.list(q, cursor, request.size(), caller.get()), uriInfo);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMedia",
            summary = "Read one item", description = "With its renditions, srcset strings and the articles that use it.")
    @APIResponse(responseCode = "200", description = "The item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaView.class)),
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No item has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<MediaView> get(@Parameter(description = ID, example = "42") @PathParam("id") long id) {
        return ok(service.get(id, caller.get()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateMedia", summary = "Edit an item's text and focal point", description = ApiDocs.MERGE_PATCH
            + " Articles that show the item show the new text at once.")
    @RequestBody(content = {
            @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = MediaEdit.class),
                    example = "{\"alt\": \"Rows of GPU servers\", \"focalPoint\": {\"x\": 0.5, \"y\": 0.3}}"),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaEdit.class)) })
    @APIResponse(responseCode = "200", description = "The item as it now stands",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No item has this id")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<MediaView> patch(@Parameter(description = ID, example = "42") @PathParam("id") long id,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"media-42-1\"") @HeaderParam("If-Match") String ifMatch, String patch)
            throws JsonProcessingException {
        return ok(service.patch(id, patch == null || patch.isBlank() ? null : mapper.readTree(patch), ifMatch, caller.get()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.EDITOR_NAME)
    @Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.EDITOR_NAME)
    @Operation(operationId = "deleteMedia", summary = "Delete an item and its files",
            description = "An item still used by an article (as its cover or in its body) is kept (409, naming the articles) unless "
                    + "`force=true`, which also takes it off those covers.")
    @APIResponse(responseCode = "204", description = "Deleted, files included")
    @APIResponse(responseCode = "404", description = "No item has this id")
    @APIResponse(responseCode = "409", description = "Articles still use the item")
    public RestResponse<Void> delete(@Parameter(description = ID, example = "42") @PathParam("id") long id,
            @Parameter(description = "true: delete even when articles use the item", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("force") String force,
            @Parameter(description = ApiDocs.IF_MATCH, example = "\"media-42-1\"") @HeaderParam("If-Match") String ifMatch) {
        service.delete(id, QueryFlags.of("force", force), ifMatch);
        return RestResponse.noContent();
    }

    private RestResponse<MediaView> answer(MediaService.Versioned item) {
        if (!item.created()) {
            return ok(item);
        }
        return RestResponse.ResponseBuilder.<MediaView> create(RestResponse.Status.CREATED)
                .header("Location", PublicUrls.reference(uriInfo.getBaseUriBuilder().path("media").path(Long.toString(item.view().id())).build()))
                .entity(item.view()).header("ETag", item.etag()).build();
    }

    private static RestResponse<MediaView> ok(MediaService.Versioned item) {
        return RestResponse.ResponseBuilder.ok(item.view()).header("ETag", item.etag()).build();
    }

    private FocalPoint focal(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            FocalPoint point = mapper.readValue(json, FocalPoint.class);
            if (point == null) {
                return null;
            }
            return point;
        } catch (JsonProcessingException e) {
            throw InvalidInput.field("focalPoint", "must be JSON like {\"x\": 0.5, \"y\": 0.3}");
        }
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; the system's temp cleaning takes what is left
            }
        }
    }
}
