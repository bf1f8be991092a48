package io.newsdesk.cms.common.error;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.newsdesk.cms.common.web.JsonConfig;
import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.common.web.MergePatch;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers: every error leaves the service as
 * application/problem+json, never as a stack trace or an HTML page.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @jakarta.inject.Inject
    io.newsdesk.cms.common.web.AllowedMethods allowedMethods;
    public static final String TYPE_BASE = "https://newsdesk.io/problems/";
    static final String BEARER_CHALLENGE = "Bearer realm=\"newsdesk\"";

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uriInfo, ContainerRequestContext request) {
        if (e instanceof Moved moved) {
            return redirect(moved, uriInfo, request.getMethod());
        }
        Response.ResponseBuilder builder = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_BASE + e.type(), e.title(), e.status(), e.getMessage(), e.errors(), e.currentRevision()));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return problem(401, "unauthorized", "Unauthorized",
                "The bearer token is malformed, unknown, revoked or expired", null)
                .header("WWW-Authenticate", BEARER_CHALLENGE + ", error=\"invalid_token\"")
                .build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return problem(401, "unauthorized", "Unauthorized",
                "This request needs an API token: send Authorization: Bearer <token>", null)
                .header("WWW-Authenticate", BEARER_CHALLENGE)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "forbidden", "Forbidden", "Your token's role does not allow this request", null).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uriInfo) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return invalidPatch(new MergePatch.Invalid(json));
            }
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        String allow = status != 405 ? null : original.getHeaderString("Allow") != null && !original.getHeaderString("Allow").isBlank()
                ? original.getHeaderString("Allow") : allowedMethods.allow(uriInfo.getRequestUri().getRawPath());
        String detail = switch (status) {
            case 404 -> "There is no resource at this URL";
            case 405 -> "This URL does not accept that method" + (allow == null || allow.isEmpty() ? "" : " (allowed: " + allow + ")");
            case 406 -> "This resource is only available as application/json";
            case 415 -> "Send the request body as application/json";
            case 400 -> "The request cannot be read as sent: check its URL, headers and body";
            case 413 -> "The request body is larger than its limit";
            // The exception's own message is the framework's text (class names, the request's raw values): never sent.
            default -> reason(status);
        };
        Response.ResponseBuilder builder = problem(status, slugOf(status), reason(status), detail, null);
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Allow")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        if (allow != null && !allow.isEmpty()) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e) {
        String field = path(e);
        return invalid("Unknown field '" + field + "'", new FieldError(field, "is not a known field"));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        String field = path(e);
        Class<?> target = e.getTargetType();
        String message;
        if (target != null && target.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : target.getEnumConstants()) {
                values.add(constant.toString());
            }
            message = "must be one of " + String.join(", ", values);
        } else if (target == String.class && String.valueOf(e.getOriginalMessage()).contains("NUL")) {
            message = "must not contain NUL characters";
        } else {
            message = "must be " + describe(target);
        }
        return invalid(field + ": " + message, new FieldError(field, message));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = path(e);
        if (field.isEmpty()) {
            return problem(400, "malformed-json", "Malformed JSON",
                    "The request body must be a JSON object of the documented shape", null).build();
        }
        String message = "must be " + describe(e.getTargetType());
        return invalid(field + ": " + message, new FieldError(field, message));
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        String field = path(e);
        Throwable cause = e.getCause();
        if (cause instanceof ApiException api) {
            return api(api, null, null);
        }
        if (cause instanceof StreamConstraintsException limit) {
            return tooLarge(limit);
        }
        if (cause instanceof JsonParseException broken) {
            return malformed(broken);
        }
        // What failed inside the mapping (a constructor, a converter) speaks in its own words, which could quote the body.
        String message = "has an invalid value";
        if (field.isEmpty()) {
            return problem(400, "malformed-json", "Malformed JSON", "The request body is not of the documented shape", null).build();
        }
        return invalid(field + ": " + message, new FieldError(field, message));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return problem(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON" + where, null).build();
    }

    @ServerExceptionMapper
    public Response tooLarge(StreamConstraintsException e) {
        return problem(400, "malformed-json", "JSON too large or too deep", limitExceeded(e), null).build();
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return problem(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON", null).build();
    }

    /** A multipart body the form parser could not read (cut short, a wrong or empty boundary, too many parts). */
    private static boolean isUnreadableForm(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String type = frame.getClassName();
                if (type.startsWith("org.jboss.resteasy.reactive.server.core.multipart.")
                        || type.equals("org.jboss.resteasy.reactive.server.handlers.FormBodyHandler")) {
                    return !(t instanceof java.io.IOException && "Request too large".equals(t.getMessage()));
                }
            }
        }
        return false;
    }

    private static boolean isUnparseableContentType(Throwable e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("Failed to parse media type");
    }

    private static boolean isBodyOverLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException && "Request too large".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response invalidPatch(MergePatch.Invalid e) {
        JsonProcessingException cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return unrecognizedProperty(u);
        }
        if (cause instanceof InvalidFormatException f) {
            return invalidFormat(f);
        }
        if (cause instanceof MismatchedInputException m) {
            return mismatchedInput(m);
        }
        if (cause instanceof JsonMappingException m) {
            return jsonMapping(m);
        }
        return jsonProcessing(cause);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isUnreadableForm(e)) {
            return problem(400, "malformed-multipart", "Malformed multipart body",
                    "The multipart/form-data body cannot be read: check its boundary, its part headers and its end", null).build();
        }
        if (isUnparseableContentType(e)) {
            return problem(415, "unsupported-media-type", "Unsupported media type", "The Content-Type header cannot be parsed", null)
                    .build();
        }
        if (isBodyOverLimit(e)) {
            // A chunked body grew past its route's limit: the HTTP layer has already answered 413 and closes the connection.
            return problem(413, "payload-too-large", "Payload too large", "The request body is larger than its limit", null).build();
        }
        if (isOptimisticLockFailure(e)) {
            return problem(412, "precondition-failed", "Precondition failed",
                    "The resource was changed by another request at the same moment; read it again and retry", null).build();
        }
        SQLException sql = sqlCause(e);
        if (sql != null && "23505".equals(sql.getSQLState())) {
            return problem(409, "conflict", "Conflict",
                    "The change conflicts with a concurrent change (a unique value is already taken); retry", null).build();
        }
        if (sql != null && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
            return problem(409, "conflict", "Conflict",
                    "The change collided with a concurrent change to the same content; retry", null).build();
        }
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
            // A data exception: a value PostgreSQL cannot store or compare (a date beyond its range, a NUL character).
            return problem(400, "invalid-input", "Invalid input",
                    "A value is outside what the service can store (a date too far in the past or future, or a NUL character)", null)
                    .build();
        }
        if (sql != null && "23503".equals(sql.getSQLState())) {
            return problem(409, "conflict", "Conflict",
                    "The change refers to something that was removed concurrently; retry", null).build();
        }
        if (DatabaseOutage.isCause(e)) {
            LOG.warnf("Database unreachable: %s", e.getMessage());
            return problem(503, "database-unavailable", "Service unavailable",
                    "The database cannot be reached at the moment; retry in a few seconds", null)
                    .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS).build();
        }
        LOG.error("Unhandled error", e);
        return problem(500, "internal-error", "Internal server error",
                "The server failed to answer this request; it has been logged", null).build();
    }

    public static Response.ResponseBuilder problem(int status, String type, String title, String detail,
            List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_BASE + type, title, status, detail, errors));
    }

    private static Response invalid(String detail, FieldError error) {
        return problem(400, "invalid-input", "Invalid input", detail, List.of(error)).build();
    }

    private static Response redirect(Moved moved, UriInfo uriInfo, String method) {
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        int status = read ? 301 : 308;
        List<String> segments = new ArrayList<>();
        for (var segment : uriInfo.getPathSegments()) {
            segments.add(segment.getPath());
        }
        int index = segments.indexOf(moved.oldSlug());
        if (index >= 0) {
            segments.set(index, moved.currentSlug());
        }
        var location = uriInfo.getRequestUriBuilder().replacePath(uriInfo.getBaseUri().getRawPath());
        for (String segment : segments) {
            location.segment(segment);
        }
        return problem(status, "moved", "Moved permanently", moved.getMessage(), null)
                .header("Location", PublicUrls.reference(location.build()))
                .build();
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of the documented type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.getName().startsWith("java.time")) {
            return "an ISO-8601 timestamp such as 2024-02-23T09:30:00Z";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String slugOf(int status) {
        return reason(status).toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }

    /** Which JSON limit a body went past, in our words: Jackson's message names its own classes and settings. */
    private static String limitExceeded(StreamConstraintsException e) {
        String kind = String.valueOf(e.getOriginalMessage());
        if (kind.startsWith("Document nesting depth")) {
            return "The request body is nested more than " + JsonConfig.MAX_NESTING_DEPTH + " levels deep";
        }
        if (kind.startsWith("String value length")) {
            return "A string in the request body is longer than " + JsonConfig.MAX_STRING_LENGTH + " characters";
        }
        if (kind.startsWith("Number value length")) {
            return "A number in the request body is longer than " + JsonConfig.MAX_NUMBER_LENGTH + " characters";
        }
        return "The request body exceeds a limit of the JSON it may hold";
    }

    private static boolean isOptimisticLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
