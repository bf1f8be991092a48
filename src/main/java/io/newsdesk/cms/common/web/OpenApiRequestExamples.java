package io.newsdesk.cms.common.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Gives every JSON request body an example, so the Swagger UI's "Try it out" starts from a request that
 * works: built from the examples of the body schema's properties (an enumeration gives its first value),
 * unless the operation declares its own.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiRequestExamples implements OASFilter {

    private static final String REF = "#/components/schemas/";
    private static final int DEPTH = 4;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            item.getOperations().values().stream()
                    .filter(operation -> operation.getRequestBody() != null && operation.getRequestBody().getContent() != null)
                    .forEach(operation -> operation.getRequestBody().getContent().getMediaTypes().forEach((type, media) -> {
                        if (type.endsWith("json") && !hasExample(media)) {
                            Object example = example(media.getSchema(), schemas, DEPTH);
                            if (example != null) {
                                media.setExample(example);
                            }
                        }
                    }));
        }
    }

    private static boolean hasExample(MediaType media) {
        return media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty());
    }

    /** An example value for a schema, or null when neither it nor its properties give one. */
    static Object example(Schema schema, Map<String, Schema> schemas, int depth) {
        if (schema == null || depth == 0) {
            return null;
        }
        if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return schema.getExamples().get(0);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().get(0);
        }
        if (schema.getRef() != null && schema.getRef().startsWith(REF)) {
            return example(schemas.get(schema.getRef().substring(REF.length())), schemas, depth - 1);
        }
        if (schema.getAnyOf() != null) {
            for (Schema member : schema.getAnyOf()) {
                Object example = example(member, schemas, depth - 1);
                if (example != null) {
                    return example;
                }
            }
        }
        if (schema.getItems() != null) {
            Object item = example(schema.getItems(), schemas, depth - 1);
            return item == null ? null : new ArrayList<>(List.of(item));
        }
        if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
            Map<String, Object> object = new LinkedHashMap<>();
            schema.getProperties().forEach((name, property) -> {
                if (!Boolean.TRUE.equals(property.getReadOnly())) {
                    Object value = example(property, schemas, depth - 1);
                    if (value != null) {
                        object.put(name, value);
                    }
                }
            });
            return object.isEmpty() ? null : object;
        }
        return null;
    }
}
