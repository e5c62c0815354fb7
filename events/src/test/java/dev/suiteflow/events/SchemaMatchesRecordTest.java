package dev.suiteflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hand-written schemas describe the records exactly: the same properties, JSON types that match the
 * Java types (recursively through nested records, lists and maps), primitives required, and a property
 * required exactly when it may not be null.
 */
class SchemaMatchesRecordTest {

    static Stream<Class<?>> payloads() {
        return EventSchemaTest.payloads();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void schemaDescribesEveryComponentOfTheRecordAndNothingElse(Class<?> payload) {
        JsonNode schema = Schemas.load(Schemas.fileOf(payload));
        List<String> problems = new ArrayList<>();

        compareRecord(payload, schema, schema, payload.getSimpleName(), problems);

        assertThat(problems).isEmpty();
    }

    @Test
    void checkerReportsAMissingPropertyAWrongTypeAndANullablePrimitive() {
        JsonNode schema = Json.toTree(Map.of(
                "type", "object",
                "required", List.of("suiteId", "tenant"),
                "properties", Map.of(
                        "suiteId", Map.of("type", "integer"),
                        "tenant", Map.of("type", "string"),
                        "planRevision", Map.of("type", List.of("integer", "null")),
                        "stale", Map.of("type", "string"))));
        List<String> problems = new ArrayList<>();

        compareRecord(SuiteStarted.class, schema, schema, "SuiteStarted", problems);

        assertThat(problems).containsExactlyInAnyOrder(
                "SuiteStarted: component startedAt has no property in the schema",
                "SuiteStarted: property stale is not a component of the record",
                "SuiteStarted.suiteId: java.lang.String needs type [string], the schema says [integer]",
                "SuiteStarted.planRevision: a primitive int is always present, so it must be required");
    }

    private static void compareRecord(Class<?> type, JsonNode schema, JsonNode root, String path,
            List<String> problems) {
        if (!Schemas.types(schema).equals(Set.of("object"))) {
            problems.add(path + ": a record needs type object, the schema says " + Schemas.types(schema));
            return;
        }
        if (schema.has("title") && !schema.get("title").asText().equals(type.getSimpleName())) {
            problems.add(path + ": title " + schema.get("title").asText() + " should be " + type.getSimpleName());
        }
        JsonNode properties = schema.path("properties");
        Set<String> required = Schemas.required(schema);
        Set<String> components = new LinkedHashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.add(component.getName());
            if (!properties.has(component.getName())) {
                problems.add(path + ": component " + component.getName() + " has no property in the schema");
            }
        }
        properties.properties().forEach(property -> {
            if (!components.contains(property.getKey())) {
                problems.add(path + ": property " + property.getKey() + " is not a component of the record");
            }
        });
        required.stream().filter(r -> !components.contains(r))
                .forEach(r -> problems.add(path + ": required " + r + " is not a component of the record"));

        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode property = properties.get(component.getName());
            if (property == null) {
                continue;
            }
            String at = path + "." + component.getName();
            boolean isRequired = required.contains(component.getName());
            boolean nullable = Schemas.isNullable(property);
            if (component.getType().isPrimitive() && !isRequired) {
                problems.add(at + ": a primitive " + component.getType()
                        + " is always present, so it must be required");
            }
            if (isRequired == nullable) {
                problems.add(at + ": required but nullable, or optional but not nullable");
            }
            compareType(component.getGenericType(), Schemas.nonNull(property, root), root, at, problems);
        }
    }

    private static void compareType(Type type, JsonNode schema, JsonNode root, String path, List<String> problems) {
        Set<String> types = new LinkedHashSet<>(Schemas.types(schema));
        types.remove("null");
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                if (expect(types, "array", type, path, problems)) {
                    compareType(arguments[0], Schemas.nonNull(schema.path("items"), root), root, path + "[]", problems);
                }
            } else if (Map.class.isAssignableFrom(raw)) {
                if (arguments[0] != String.class) {
                    problems.add(path + ": map keys must be strings in JSON");
                }
                if (expect(types, "object", type, path, problems)) {
                    compareType(arguments[1], Schemas.nonNull(schema.path("additionalProperties"), root), root,
                            path + "{}", problems);
                }
            } else {
                problems.add(path + ": no JSON mapping for " + type);
            }
            return;
        }
        Class<?> cls = (Class<?>) type;
        if (cls.isRecord()) {
            compareRecord(cls, schema, root, path, problems);
        } else if (cls == String.class) {
            expect(types, "string", type, path, problems);
        } else if (cls == Instant.class) {
            if (expect(types, "string", type, path, problems)
                    && !"date-time".equals(schema.path("format").asText())) {
                problems.add(path + ": an Instant needs format date-time");
            }
        } else if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
            expect(types, "integer", type, path, problems);
        } else if (cls == double.class || cls == Double.class || cls == float.class || cls == Float.class) {
            expect(types, "number", type, path, problems);
        } else if (cls == boolean.class || cls == Boolean.class) {
            expect(types, "boolean", type, path, problems);
        } else {
            problems.add(path + ": no JSON mapping for " + type.getTypeName());
        }
    }

    private static boolean expect(Set<String> actual, String expected, Type type, String path, List<String> problems) {
        if (actual.equals(Set.of(expected))) {
            return true;
        }
        problems.add(path + ": " + type.getTypeName() + " needs type [" + expected + "], the schema says " + actual);
        return false;
    }
}
