package io.newsdesk.cms.common.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The request body limits: CMS_MAX_BODY_SIZE (1 MB) for every JSON body, CMS_MEDIA_MAX_UPLOAD_SIZE (20 MB)
 * for a media upload, CMS_IMPORTS_MAX_SIZE (512 MB) for a WordPress export. A body declared larger is refused before it is read, with a problem body (the
 * HTTP layer's own 413 has an empty one); a chunked body is cut off once it grows past the route's limit (a JSON
 * one read here, an upload or export by the HTTP layer as the route streams it). quarkus.http.limits.max-body-size is only the outer bound above both.
 */
@ApplicationScoped
public class BodyLimit {

    /** The routes that take large bodies. */
    public static final String UPLOAD_PATH = "/api/v1/media";
    public static final String IMPORT_PATH = "/api/v1/imports/wordpress";

    /** Room for a multipart upload's boundaries, part headers and text fields around the file. */
    static final long MULTIPART_ALLOWANCE = 64 * 1024;

    void install(@Observes Router router, ObjectMapper mapper, CmsConfig config) {
        long json = config.maxBodySize().asLongValue();
        long upload = config.media().maxUploadSize().asLongValue();
        String jsonDetail = "The request body is larger than the limit of " + json + " bytes";
        String uploadDetail = "The file is larger than the upload limit of " + upload + " bytes";
        long export = config.imports().maxSize().asLongValue();
        String exportDetail = "The export is larger than the import limit of " + export + " bytes (CMS_IMPORTS_MAX_SIZE)";
        BodyHandler jsonBodies = BodyHandler.create(false).setBodyLimit(json).setMergeFormAttributes(false);
        // A declared length over the route's limit is refused before the HTTP layer's own check (which stands at the
        // outer bound and would answer with an empty body).
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null) {
                Route route = Route.of(ctx);
                try {
                    if (Long.parseLong(length.trim()) > route.limit(json, upload, export)) {
                        ctx.response().putHeader("Connection", "close");
                        RouteProblems.send(ctx, mapper, 413, "payload-too-large", "Payload too large",
                                route == Route.UPLOAD ? uploadDetail : route == Route.IMPORT ? exportDetail : jsonDetail);
                        return;
                    }
                } catch (NumberFormatException e) {
                    // Malformed lengths are left to the HTTP layer, which rejects them.
                }
            }
            ctx.next();
        });
        // Just after that check, which sets the chunked limit this replaces.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(ctx -> {
            Route route = Route.of(ctx);
            ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, route.limit(json, upload, export));
            if (route == Route.JSON && ctx.request().getHeader("Content-Length") == null
                    && ctx.request().headers().contains("Transfer-Encoding", "chunked", true)) {
                // A chunked JSON body is read here, up to its limit (the REST layer takes what was read); past it the
                // reading stops with a 413, answered as a problem by EdgeProblems.
                jsonBodies.handle(ctx);
                return;
            }
            ctx.next();
        });
    }

    /** Which limit a request's body has. */
    private enum Route {
        JSON, UPLOAD, IMPORT;

        static Route of(RoutingContext ctx) {
            if (ctx.request().method() != HttpMethod.POST) {
                return JSON;
            }
            String path = ctx.normalizedPath();
            return UPLOAD_PATH.equals(path) ? UPLOAD : IMPORT_PATH.equals(path) ? IMPORT : JSON;
        }

        long limit(long json, long upload, long export) {
            return switch (this) {
                case JSON -> json;
                case UPLOAD -> upload + MULTIPART_ALLOWANCE;
                case IMPORT -> export;
            };
        }
    }
}
