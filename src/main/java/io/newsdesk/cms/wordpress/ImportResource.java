package io.newsdesk.cms.wordpress;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

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

import io.newsdesk.cms.auth.CurrentCaller;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.web.ContentDisposition;
import io.newsdesk.cms.common.web.OpenApiSecurity;
import io.newsdesk.cms.common.web.QueryFlags;

/** Imports from WordPress: upload an export (WXR), follow the job, read its report. */
@Path("/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@Extension(name = OpenApiSecurity.ROLE_EXTENSION, value = Role.ADMIN_NAME)
@Tag(name = "Imports", description = "Bring a WordPress site in: posts, pages, categories, tags, comments and old URLs (admins)")
public class ImportResource {

    // One operation in the API description, whichever way the export comes: the two methods share its texts.
    private static final String SUMMARY = "Import a WordPress export";
    private static final String DESCRIPTION = "The body is the file WordPress makes in Tools > Export (or `wp export`), as it is or "
            + "gzipped: `curl --data-binary @site.xml -H 'Content-Type: application/xml'`. To bring the site's images into the "
            + "media library as well, send a form: `curl -F file=@site.xml -F uploads=@uploads.zip`, where `uploads` is a zip of "
            + "the site's `wp-content/uploads` folder (zipped from the folder itself, from `wp-content` or from the site's root). "
            + "At most CMS_IMPORTS_MAX_SIZE (512 MB), the whole form counted; for larger media folders use the command line's "
            + "`--uploads DIR`.\n\nThe export is checked at once (a DOCTYPE, external entities or a file that is no WordPress "
            + "export is a 422) and imported in the background: follow the job at Location. Each attachment's file in `uploads` "
            + "goes into the media library (JPEG, PNG, GIF and WebP, checked and cleaned like any upload; the same bytes twice "
            + "make one item); featured images become library covers, and images in posts `media:ID` references, resized "
            + "copies such as `photo-300x200.jpg` included. Every attachment or image that cannot be brought in is a warning "
            + "in the report and keeps its WordPress URL. Importing the same site again updates what changed there and creates "
            + "nothing twice; an interrupted import run again ends as an uninterrupted one would. One import of a site runs at "
            + "a time: a second one fails at once, saying so.";
    private static final String NO_FILE = "A form without a file part";
    private static final String TOO_LARGE = "The export (or the whole form) is larger than CMS_IMPORTS_MAX_SIZE";
    private static final String REFUSED = "The export is empty, not a WordPress export, or declares a DOCTYPE or entities; or the "
            + "form's uploads part is no zip";

    @Inject
    ImportService service;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/wordpress")
    @Consumes({ "application/xml", "text/xml", "application/rss+xml", "application/gzip", "application/x-gzip",
            MediaType.APPLICATION_OCTET_STREAM, MediaType.WILDCARD })
    @Operation(operationId = "importWordPress", summary = SUMMARY, description = DESCRIPTION)
    @RequestBody(required = true, content = {
            @Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/gzip", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "202", description = "Accepted: the import job, queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportView.class)),
            headers = @Header(name = "Location", description = "The import job", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below admin")
    @APIResponse(responseCode = "400", description = NO_FILE)
    @APIResponse(responseCode = "413", description = TOO_LARGE)
    @APIResponse(responseCode = "422", description = REFUSED)
    public RestResponse<ImportView> importWordPress(
            @Parameter(description = "true: report everything the import would do, and write nothing", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("dryRun") String dryRun,
            @Parameter(description = "true: import pages too, as articles (they are counted and skipped otherwise)", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("pages") String pages,
            @Parameter(description = "`attachment; filename=\"site.xml\"`: the file name kept with the job")
            @HeaderParam("Content-Disposition") String disposition,
            InputStream body) {
        WordPressImporter.Options options = new WordPressImporter.Options(QueryFlags.of("dryRun", dryRun), QueryFlags.of("pages", pages), null);
        ImportView job = service.start(body, fileName(ContentDisposition.filename(disposition)), options, caller.get());
        return accepted(job);
    }

    private static RestResponse<ImportView> accepted(ImportView job) {
        return RestResponse.ResponseBuilder.<ImportView> create(RestResponse.Status.ACCEPTED).entity(job)
                .header("Location", "/api/v1/imports/" + job.id()).build();
    }

    @POST
    @Path("/wordpress")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "importWordPress", summary = SUMMARY, description = DESCRIPTION)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "file", properties = {
                    @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary",
                            description = "The WordPress export (WXR), as it is or gzipped"),
                    @SchemaProperty(name = "uploads", type = SchemaType.STRING, format = "binary",
                            description = "A zip of the site's wp-content/uploads folder") }),
            encoding = @Encoding(name = "uploads", contentType = "application/zip")))
    @APIResponse(responseCode = "202", description = "Accepted: the import job, queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportView.class)),
            headers = @Header(name = "Location", description = "The import job", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = NO_FILE)
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below admin")
    @APIResponse(responseCode = "413", description = TOO_LARGE)
    @APIResponse(responseCode = "422", description = REFUSED)
    public RestResponse<ImportView> importWordPressForm(
            @Parameter(description = "true: report everything the import would do, and write nothing", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("dryRun") String dryRun,
            @Parameter(description = "true: import pages too, as articles (they are counted and skipped otherwise)", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("pages") String pages,
            @RestForm("file") FileUpload file, @RestForm("uploads") FileUpload uploads) {
        WordPressImporter.Options options = new WordPressImporter.Options(QueryFlags.of("dryRun", dryRun), QueryFlags.of("pages", pages), null);
        if (file == null || file.uploadedFile() == null) {
            throw InvalidInput.field("file", "is required: send the WordPress export as a part named file");
        }
        ImportView job = service.start(file.uploadedFile(), fileName(file.fileName()),
                uploads == null ? null : uploads.uploadedFile(), options, caller.get());
        return accepted(job);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImport",
            summary = "Follow an import", description = "Its state, progress (items done of total) and report: counts per kind "
            + "(seen, imported, updated, unchanged, skipped), what the content conversion met, slugs that had to change, and every "
            + "warning with the WordPress id it is about.")
    @APIResponse(responseCode = "200", description = "The import job")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, unknown, revoked or expired one")
    @APIResponse(responseCode = "403", description = "The token's role is below admin")
    @APIResponse(responseCode = "404", description = "No import has this id")
    public ImportView get(@Parameter(description = "The import's id", example = "3", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @PathParam("id") String id) {
        return service.get(id);
    }

    /** The name kept with the job: the last segment of what the client sent, at most 300 characters. */
    private static String fileName(String sent) {
        if (sent == null) {
            return null;
        }
        String name = sent.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.isEmpty() ? null : WordPressImporter.cut(name, 300);
    }
}
