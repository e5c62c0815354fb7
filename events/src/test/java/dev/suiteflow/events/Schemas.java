package dev.suiteflow.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The committed schemas: where they are, validating instances against them (format assertions on), and
 * navigating them ({@code $ref}, nullable wrappers).
 */
final class Schemas {

    static final String ID_PREFIX = "https://suiteflow.dev/schemas/";
    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    /** The schema of the CloudEvents envelope, the one schema file that is not a payload. */
    static final String ENVELOPE = "CloudEvent.v1.json";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final ConcurrentHashMap<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** {@code SuiteAccepted.v1.json} for {@code SuiteAccepted}. */
    static String fileOf(Class<?> payload) {
        return payload.getSimpleName() + ".v1.json";
    }

    /** The committed schema file as a tree. */
    static JsonNode load(String file) {
        return Json.resource("/schemas/" + file);
    }

    /** Validation problems of an instance against a committed schema; empty when it is valid. */
    static List<String> validate(String file, JsonNode instance) {
        JsonSchema schema = COMPILED.computeIfAbsent(file,
                f -> FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + f), CONFIG));
        return messages(schema.validate(instance));
    }

    /** Validation problems of a schema document against the JSON Schema 2020-12 meta-schema. */
    static List<String> validateAgainstMetaSchema(JsonNode schemaDocument) {
        JsonSchema meta = COMPILED.computeIfAbsent(DRAFT_2020_12,
                f -> FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12), CONFIG));
        return messages(meta.validate(schemaDocument));
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.getMessage()));
        return out;
    }

    /** Names of the schema files in a classpath directory, e.g. {@code /schemas} or {@code /schema-baseline}. */
    static Set<String> filesIn(String directory) {
        URL url = Schemas.class.getResource(directory);
        if (url == null) {
            throw new IllegalStateException("No classpath directory " + directory);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            Set<String> names = new TreeSet<>();
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Follows a local {@code $ref} ({@code #/$defs/X}) within {@code root}; any other node is returned as is. */
    static JsonNode resolve(JsonNode node, JsonNode root) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#") || hops > 20) {
                throw new IllegalArgumentException("Cannot resolve " + ref + " locally");
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("Dangling $ref " + ref);
            }
        }
        return current;
    }

    /** Whether a property schema allows null: {@code "type": [..., "null"]}, or an {@code anyOf} with a null branch. */
    static boolean isNullable(JsonNode property) {
        return types(property).contains("null") || nullBranch(property, "anyOf") || nullBranch(property, "oneOf");
    }

    /** The schema of the non-null values of a property: the non-null branch of a nullable wrapper, refs resolved. */
    static JsonNode nonNull(JsonNode property, JsonNode root) {
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (nullBranch(property, combinator)) {
                for (JsonNode branch : property.get(combinator)) {
                    if (!isNullType(branch)) {
                        return resolve(branch, root);
                    }
                }
            }
        }
        return resolve(property, root);
    }

    /** The JSON types a schema names in {@code type} (a string or an array), in order; empty when unconstrained. */
    static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    /** The names in a schema's {@code required}, in order. */
    static Set<String> required(JsonNode objectSchema) {
        Set<String> required = new LinkedHashSet<>();
        objectSchema.path("required").forEach(r -> required.add(r.asText()));
        return required;
    }

    private static boolean nullBranch(JsonNode property, String combinator) {
        JsonNode branches = property.get(combinator);
        if (branches == null || !branches.isArray()) {
            return false;
        }
        for (JsonNode branch : branches) {
            if (isNullType(branch)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNullType(JsonNode schema) {
        return schema.path("type").isTextual() && "null".equals(schema.get("type").asText());
    }
}
