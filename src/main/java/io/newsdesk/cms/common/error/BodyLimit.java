package io.newsdesk.cms.common.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The request body limits: CMS_MAX_BODY_SIZE (1 MB) for every JSON body, CMS_MEDIA_MAX_UPLOAD_SIZE (20 MB)
 * for a media upload, CMS_IMPORTS_MAX_SIZE (512 MB) for a WordPress export. A body declared larger is refused before it is read, with a problem body (the
 * HTTP layer's own 413 has an empty one); a chunked body is cut off by the HTTP layer once it grows past
 * the route's limit. quarkus.http.limits.max-body-size is only the outer bound above both.
 */
@ApplicationScoped
public class BodyLimit {

    /** The routes that take large bodies. */
    public static final String UPLOAD_PATH = "/api/v1/media";
    public static final String IMPORT_PATH = "/api/v1/imports/wordpress";

    /** Room for a multipart upload's boundaries, part headers and text fields around the file. */
    static final long MULTIPART_ALLOWANCE = 64 * 1024;

    void install(@Observes Router router, ObjectMapper mapper, CmsConfig config) throws JsonProcessingException {
        long json = config.maxBodySize().asLongValue();
        long upload = config.media().maxUploadSize().asLongValue();
        String jsonBody = problem(mapper, json, "The request body is larger than the limit of " + json + " bytes");
        String uploadBody = problem(mapper, upload, "The file is larger than the upload limit of " + upload + " bytes");
        long export = config.imports().maxSize().asLongValue();
        String exportBody = problem(mapper, export, "The export is larger than the import limit of " + export + " bytes (CMS_IMPORTS_MAX_SIZE)");
        // Just after the HTTP layer's own check, which stands at the outer bound and sets the chunked limit this replaces.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(ctx -> {
            boolean post = ctx.request().method() == HttpMethod.POST;
            boolean uploading = post && UPLOAD_PATH.equals(ctx.normalizedPath());
            boolean importing = post && IMPORT_PATH.equals(ctx.normalizedPath());
            long limit = uploading ? upload + MULTIPART_ALLOWANCE : importing ? export : json;
            ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, limit);
            String length = ctx.request().getHeader("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > limit) {
                        refuse(ctx, uploading ? uploadBody : importing ? exportBody : jsonBody);
                        return;
                    }
                } catch (NumberFormatException e) {
                    // Malformed lengths are left to the HTTP layer, which rejects them.
                }
            }
            ctx.next();
        });
    }

    private static String problem(ObjectMapper mapper, long limit, String detail) throws JsonProcessingException {
        return mapper.writeValueAsString(new Problem(ProblemMappers.TYPE_BASE + "payload-too-large", "Payload too large", 413,
                detail, null));
    }

    private static void refuse(RoutingContext ctx, String body) {
        ctx.response().setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(body);
    }
}
