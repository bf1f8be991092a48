package io.newsdesk.cms.webhook;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Lists every event under the OpenAPI 3.1 {@code webhooks} section: the request a receiver gets, with its
 * Standard Webhooks headers and a body in the shape {@code {type, timestamp, data}}, each type with its own
 * {@code data} schema ({@link EventType}). The envelope schema is {@code WebhookEvent}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WebhookDocs implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            return;
        }
        openAPI.getComponents().addSchema("WebhookEventType", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .enumeration(Arrays.stream(EventType.values()).map(t -> (Object) t.type()).toList()));
        openAPI.getComponents().addSchema("WebhookEvent", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The body of every webhook request (Standard Webhooks). Under 20 KB.")
                .addProperty("type", OASFactory.createSchema().ref("#/components/schemas/WebhookEventType").description("The event type"))
                .addProperty("timestamp", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time")
                        .description("When the event happened"))
                .addProperty("data", OASFactory.createSchema().description("What the event is about; its schema depends on `type`"))
                .required(List.of("type", "timestamp", "data")));
        for (EventType type : EventType.values()) {
            Schema body = OASFactory.createSchema().addAllOf(OASFactory.createSchema().ref("#/components/schemas/WebhookEvent"))
                    .addAllOf(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                            .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).constValue(type.type()))
                            .addProperty("data", OASFactory.createSchema().ref("#/components/schemas/" + type.dataSchema())));
            openAPI.addWebhook(type.type(), OASFactory.createPathItem().POST(OASFactory.createOperation()
                    .operationId(operationId(type))
                    .summary(type.description())
                    .addTag("Webhooks")
                    .description("Sent to every enabled endpoint whose `events` select `" + type.type() + "` (and whose category filter,"
                            + " if any, matches). Verify the signature before trusting the body: see the README's Webhooks section.")
                    .addParameter(header("webhook-id", "The event's id; the same on every retry and replay, so receivers can drop repeats"))
                    .addParameter(header("webhook-timestamp", "Seconds since the epoch when this attempt was signed"))
                    .addParameter(header("webhook-signature",
                            "Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`; two while a rotated secret overlaps"))
                    .requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                            .addMediaType("application/json", OASFactory.createMediaType().schema(body))))
                    .responses(OASFactory.createAPIResponses()
                            .addAPIResponse("2XX", OASFactory.createAPIResponse().description("Received; any 2xx within 15 s counts"))
                            .addAPIResponse("410", OASFactory.createAPIResponse().description("Gone: the endpoint is disabled"))
                            .defaultValue(OASFactory.createAPIResponse()
                                    .description("Anything else, a redirect or no answer in 15 s: retried later (`Retry-After` is honoured)")))));
        }
    }

    /** {@code article.published} is {@code webhookArticlePublished}, in the camelCase of every other operation. */
    private static String operationId(EventType type) {
        StringBuilder id = new StringBuilder("webhook");
        for (String word : type.type().split("\\.")) {
            id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return id.toString();
    }

    private static Parameter header(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(true).description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }
}
