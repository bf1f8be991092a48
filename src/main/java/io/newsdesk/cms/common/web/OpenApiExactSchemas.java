package io.newsdesk.cms.common.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Makes the answers' schemas exact, so a generated client can trust them: a property the service always
 * sends is {@code required}, and only a property Jackson may leave out ({@code @JsonInclude(NON_NULL)} on it
 * or its class) is optional. Whether a present property can be {@code null} is the class's own declaration
 * ({@code @Schema(nullable = true)}).
 *
 * <p>This applies to what the service sends (answers and webhook payloads). What clients send keeps the
 * schema its annotations give (only what a write needs is required); a schema used both ways, such as
 * {@code Image}, gets a copy for requests named {@code <Name>Write}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiExactSchemas implements OASFilter {

    /** Names an inline schema (an enumeration of a parameter or a property) as a component of its own. */
    public static final String NAME_EXTENSION = "x-schema-name";
    private static final String REF = "#/components/schemas/";
    private static final String FORM = "multipart/form-data";
    private static final String WRITE = "Write";
    private static final String PACKAGE = "io.newsdesk.cms";
    private static final DotName SCHEMA = DotName.createSimple("org.eclipse.microprofile.openapi.annotations.media.Schema");
    private static final DotName JSON_INCLUDE = DotName.createSimple("com.fasterxml.jackson.annotation.JsonInclude");
    private static final DotName JSON_PROPERTY = DotName.createSimple("com.fasterxml.jackson.annotation.JsonProperty");
    /** Inclusions that leave out only null (or absent) values: a primitive is still always sent. */
    private static final Set<String> LEAVES_OUT_NULL = Set.of("NON_NULL", "NON_ABSENT");
    /** A generic envelope's schemas are named after the envelope and its item: {@code Page<CommentView>} is {@code PageCommentView}. */
    private static final String GENERIC_ENVELOPE = "Page";

    private final Map<String, ClassInfo> classes = new HashMap<>();

    public OpenApiExactSchemas(IndexView index) {
        Map<String, ClassInfo> bySimpleName = new HashMap<>();
        for (ClassInfo type : index.getKnownClasses()) {
            if (!type.name().toString().startsWith(PACKAGE) || type.isInterface()) {
                continue;
            }
            AnnotationInstance schema = type.declaredAnnotation(SCHEMA);
            AnnotationValue name = schema == null ? null : schema.value("name");
            if (name != null) {
                classes.put(name.asString(), type);
            } else {
                bySimpleName.putIfAbsent(type.simpleName(), type);
            }
        }
        bySimpleName.forEach(classes::putIfAbsent);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null || openAPI.getPaths() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        nameInlineSchemas(openAPI);
        Set<String> received = new HashSet<>();
        Set<String> answered = new HashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values()
                            .forEach(media -> reach(media.getSchema(), schemas, received, true));
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().values().stream()
                            .filter(response -> response.getContent() != null && response.getContent().getMediaTypes() != null)
                            .forEach(response -> response.getContent().getMediaTypes().values()
                                    .forEach(media -> reach(media.getSchema(), schemas, answered, false)));
                }
            }
        }
        Map<String, List<String>> exact = new TreeMap<>();
        for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
            Schema schema = entry.getValue();
            if (schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && (!received.contains(entry.getKey()) || answered.contains(entry.getKey()))) {
                List<String> required = required(entry.getKey(), schema);
                if (required != null) {
                    exact.put(entry.getKey(), required);
                }
            }
        }
        // A schema both received and answered, whose answer form requires more, gets a copy for requests as declared.
        Map<String, String> writeNames = new TreeMap<>();
        for (String name : received) {
            List<String> declared = schemas.get(name).getRequired() == null ? List.of() : schemas.get(name).getRequired();
            if (exact.containsKey(name) && !Set.copyOf(declared).equals(Set.copyOf(exact.get(name)))) {
                writeNames.put(name, name + "Write");
            }
        }
        writeNames.forEach((name, write) -> openAPI.getComponents().addSchema(write, copy(schemas.get(name))));
        if (!writeNames.isEmpty()) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                for (Operation operation : item.getOperations().values()) {
                    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                        operation.getRequestBody().getContent().getMediaTypes().values()
                                .forEach(media -> retarget(media.getSchema(), writeNames));
                    }
                }
            }
            for (String name : received) {
                if (!answered.contains(name)) {
                    retarget(schemas.get(name), writeNames);
                }
            }
            writeNames.values().forEach(name -> retarget(schemas.get(name), writeNames));
        }
        exact.forEach((name, required) -> schemas.get(name).setRequired(required));
        formsFirst(openAPI);
        patches(openAPI);
        schemas.values().forEach(OpenApiExactSchemas::dropRefSiblingTypes);
    }

    /**
     * A PATCH takes any of the fields of its write schema ({@code ArticleWrite}), each of which may be null to clear it: that is
     * {@code ArticlePatch}, with nothing required and every property nullable, for both of its request types.
     */
    private static void patches(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Operation patch = item.getPATCH();
            Content content = patch == null || patch.getRequestBody() == null ? null : patch.getRequestBody().getContent();
            if (content == null || content.getMediaTypes() == null) {
                continue;
            }
            String write = content.getMediaTypes().values().stream().map(MediaType::getSchema)
                    .filter(schema -> schema != null && schema.getRef() != null && schema.getRef().endsWith(WRITE))
                    .map(schema -> schema.getRef().substring(REF.length())).findFirst().orElse(null);
            if (write == null) {
                continue;
            }
            String name = write.substring(0, write.length() - WRITE.length()) + "Patch";
            if (!schemas.containsKey(name)) {
                Schema form = copy(schemas.get(write));
                form.setRequired(null);
                form.setDescription("Any of the fields of " + write + " (JSON Merge Patch): only the fields sent change, and a field "
                        + "sent as null is cleared (reset to its default)");
                Map<String, Schema> nullable = new java.util.LinkedHashMap<>();
                form.getProperties().forEach((property, schema) -> nullable.put(property, orNull(schema)));
                form.setProperties(nullable);
                openAPI.getComponents().addSchema(name, form);
            }
            content.getMediaTypes().values().forEach(media -> media.setSchema(OASFactory.createSchema().ref(REF + name)));
        }
    }

    private static Schema orNull(Schema schema) {
        boolean nullable = (schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL))
                || (schema.getAnyOf() != null && schema.getAnyOf().stream().anyMatch(member -> member.getType() != null
                        && member.getType().contains(Schema.SchemaType.NULL)));
        if (nullable) {
            return schema;
        }
        Schema wrapped = OASFactory.createSchema().description(schema.getDescription())
                .addAnyOf(schema).addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
        schema.setDescription(null);
        return wrapped;
    }

    /**
     * A route that takes a form or a raw body lists the form first: generators that keep one request type per operation
     * then offer the form, which carries the item's text fields too.
     */
    private static void formsFirst(OpenAPI openAPI) {
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                Content content = operation.getRequestBody() == null ? null : operation.getRequestBody().getContent();
                if (content == null || content.getMediaTypes() == null || !content.hasMediaType(FORM)
                        || content.getMediaTypes().keySet().iterator().next().equals(FORM)) {
                    continue;
                }
                Map<String, MediaType> types = new java.util.LinkedHashMap<>(content.getMediaTypes());
                Content reordered = OASFactory.createContent().addMediaType(FORM, types.remove(FORM));
                types.forEach(reordered::addMediaType);
                operation.getRequestBody().setContent(reordered);
            }
        }
    }

    /** {@code type: object} next to a {@code $ref} says nothing the reference does not, and generators drop it with a warning. */
    private static void dropRefSiblingTypes(Schema schema) {
        if (schema == null) {
            return;
        }
        boolean nullAmongAlternatives = schema.getAnyOf() != null && schema.getAnyOf().stream()
                .anyMatch(member -> member.getType() != null && member.getType().equals(List.of(Schema.SchemaType.NULL)));
        if (schema.getRef() != null || (nullAmongAlternatives && schema.getType() != null
                && !schema.getType().contains(Schema.SchemaType.NULL))) {
            schema.setType(null); // the reference or the alternatives say it, and a lone type: object would rule out null
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiExactSchemas::dropRefSiblingTypes);
        }
        dropRefSiblingTypes(schema.getItems());
        groups(schema).forEach(group -> group.forEach(OpenApiExactSchemas::dropRefSiblingTypes));
    }

    private static void nameInlineSchemas(OpenAPI openAPI) {
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> name(parameter.getSchema(), openAPI));
                }
            }
        }
        for (Schema schema : List.copyOf(openAPI.getComponents().getSchemas().values())) {
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(property -> name(property, openAPI));
            }
        }
    }

    /** Moves a schema marked with {@value #NAME_EXTENSION} into the components and leaves a reference in its place. */
    private static void name(Schema schema, OpenAPI openAPI) {
        if (schema == null || schema.getExtensions() == null || !schema.getExtensions().containsKey(NAME_EXTENSION)) {
            return;
        }
        String name = String.valueOf(schema.getExtensions().get(NAME_EXTENSION));
        Schema named = OASFactory.createSchema().type(schema.getType()).enumeration(schema.getEnumeration());
        Schema existing = openAPI.getComponents().getSchemas().get(name);
        if (existing != null && !java.util.Objects.equals(existing.getEnumeration(), named.getEnumeration())) {
            throw new IllegalStateException("Two different schemas are named " + name);
        }
        openAPI.getComponents().addSchema(name, named);
        schema.removeExtension(NAME_EXTENSION);
        schema.setType(null);
        schema.setEnumeration(null);
        schema.setRef(REF + name);
    }

    /** The properties the service always sends, or null for a schema another filter wrote whole. */
    private List<String> required(String name, Schema schema) {
        ClassInfo type = classes.get(name);
        if (type == null && name.startsWith(GENERIC_ENVELOPE)) {
            type = classes.get(GENERIC_ENVELOPE);
        }
        if (type == null && schema.getRequired() != null && schema.getRequired().containsAll(schema.getProperties().keySet())) {
            return null; // written whole by another filter (the webhook envelope)
        }
        if (type == null) {
            throw new IllegalStateException("OpenAPI schema " + name + " is sent by the service but no class of "
                    + PACKAGE + " declares it; name the class with @Schema(name = \"" + name + "\")");
        }
        Set<String> required = new LinkedHashSet<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        String classInclusion = inclusion(type.declaredAnnotation(JSON_INCLUDE));
        for (String property : schema.getProperties().keySet()) {
            FieldInfo field = field(type, property);
            if (field == null) {
                throw new IllegalStateException("OpenAPI schema " + name + " has a property " + property
                        + " that " + type.name() + " does not declare");
            }
            String inclusion = inclusion(field.declaredAnnotation(JSON_INCLUDE));
            if (inclusion == null) {
                inclusion = classInclusion;
            }
            boolean alwaysSent = inclusion == null || "ALWAYS".equals(inclusion)
                    || (field.type().kind() == org.jboss.jandex.Type.Kind.PRIMITIVE && LEAVES_OUT_NULL.contains(inclusion));
            if (alwaysSent) {
                required.add(property);
            }
        }
        return new ArrayList<>(required);
    }

    private static FieldInfo field(ClassInfo type, String property) {
        for (FieldInfo field : type.fields()) {
            AnnotationInstance renamed = field.declaredAnnotation(JSON_PROPERTY);
            String name = renamed != null && renamed.value() != null && !renamed.value().asString().isEmpty()
                    ? renamed.value().asString() : field.name();
            if (name.equals(property)) {
                return field;
            }
        }
        return null;
    }

    private static String inclusion(AnnotationInstance include) {
        if (include == null) {
            return null;
        }
        AnnotationValue value = include.value();
        return value == null ? "ALWAYS" : value.asEnum();
    }

    /** Collects the schemas a schema names, those of read-only properties too unless {@code writing}. */
    private static void reach(Schema schema, Map<String, Schema> schemas, Set<String> seen, boolean writing) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(REF)) {
            String name = schema.getRef().substring(REF.length());
            if (seen.add(name)) {
                reach(schemas.get(name), schemas, seen, writing);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().stream().filter(property -> !writing || !Boolean.TRUE.equals(property.getReadOnly()))
                    .forEach(property -> reach(property, schemas, seen, writing));
        }
        reach(schema.getItems(), schemas, seen, writing);
        for (List<Schema> group : groups(schema)) {
            group.forEach(member -> reach(member, schemas, seen, writing));
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            reach(schema.getAdditionalPropertiesSchema(), schemas, seen, writing);
        }
    }

    private static void retarget(Schema schema, Map<String, String> writeNames) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(REF)) {
            String write = writeNames.get(schema.getRef().substring(REF.length()));
            if (write != null) {
                schema.setRef(REF + write);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> retarget(property, writeNames));
        }
        retarget(schema.getItems(), writeNames);
        for (List<Schema> group : groups(schema)) {
            group.forEach(member -> retarget(member, writeNames));
        }
    }

    private static List<List<Schema>> groups(Schema schema) {
        List<List<Schema>> groups = new ArrayList<>();
        for (List<Schema> group : new List[] { schema.getAnyOf(), schema.getAllOf(), schema.getOneOf() }) {
            if (group != null) {
                groups.add(group);
            }
        }
        return groups;
    }

    /** A deep copy through the model's own map form, so the request copy and the answer form do not share nodes. */
    private static Schema copy(Schema schema) {
        Schema copy = OASFactory.createSchema();
        schema.getAll().forEach((key, value) -> copy.set(key, deepCopy(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Schema schema) {
            return copy(schema);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, item) -> copy.put(key, deepCopy(item)));
            return copy;
        }
        return value;
    }
}
