package io.newsdesk.cms.common.web;

import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.newsdesk.cms.common.error.EdgeProblems;

/**
 * Gives every operation the problem answers any route can give (400, 406, 415, 500...) and makes
 * every error response's body the Problem schema, so each resource declares only its own cases.
 */
public class OpenApiProblems implements OASFilter {

    private static final Map<String, String> ALWAYS = new TreeMap<>(Map.of(
            "400", "Invalid input: a bad query parameter, malformed JSON, a wrong type or an invalid field (named in `errors`), "
                    + "or a URL that does not parse (a broken percent-escape)",
            "401", "The bearer token sent is unknown, expired or revoked (a token that is sent is checked, on public routes too)",
            "406", "The client does not accept application/json",
            "414", "The URL is longer than " + EdgeProblems.MAX_URL_LENGTH + " bytes",
            "431", "The request headers are larger than " + EdgeProblems.MAX_HEADER_BYTES + " bytes",
            "500", "Unexpected failure; the answer carries no internals",
            "503", "The database cannot be reached at the moment; retry after the seconds in Retry-After"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> decorate(path, method, operation)));
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(tag -> tag.setExtensions(null));
        }
    }

    private static void decorate(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        // Extensions declared on a resource method belong to its operation only; keep them out of the responses.
        responses.setExtensions(null);
        responses.getAPIResponses().values().forEach(response -> response.setExtensions(null));
        ALWAYS.forEach((code, text) -> add(responses, code, text));
        APIResponse unavailable = responses.getAPIResponse("503");
        if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey("Retry-After")) {
            unavailable.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
            add(responses, "413", "The request body is larger than the configured limit");
            if (operation.getRequestBody() != null) {
                add(responses, "415", "The request body is not sent as application/json");
            }
        }
        if (takesHeader(operation, "If-Match")) {
            add(responses, "412", "If-Match names a version that is no longer current; the problem carries the current ETag");
        }
        if (method == PathItem.HttpMethod.GET && !responses.hasAPIResponse("304")) {
            responses.addAPIResponse("304", OASFactory.createAPIResponse()
                    .description("Not modified: If-None-Match names the version this answer would have (or If-Modified-Since is not older)"));
        }
        if (path.contains("{")) {
            add(responses, "404", "Nothing answers to this address (an unknown slug or id, or one the caller may not see)");
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5") || (code.startsWith("3") && !code.equals("304"))) {
                if (response.getContent() == null || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty()) {
                    response.setContent(problemContent());
                }
            }
        });
    }

    private static boolean takesHeader(Operation operation, String name) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> parameter.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(parameter.getName()));
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            APIResponse response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(code, response);
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType("application/problem+json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
