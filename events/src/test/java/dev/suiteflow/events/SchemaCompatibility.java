package dev.suiteflow.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the changes between the committed (baseline) version of a JSON Schema and its current version that
 * would break a consumer written against the baseline, or make records already on a topic invalid:
 * <ul>
 * <li>a property required in the baseline that is removed or no longer required;</li>
 * <li>a new required property (records written before it lack it);</li>
 * <li>a changed type, including a property that became nullable;</li>
 * <li>an enum (or const) that gained or lost values, or that was added or removed;</li>
 * <li>a changed format or pattern;</li>
 * <li>an object that stops accepting unknown properties ({@code additionalProperties: false}).</li>
 * </ul>
 * It follows local {@code $ref}s and nullable wrappers ({@code anyOf: [X, {type: null}]}) and recurses into
 * properties, array items and map values. Descriptions, titles and new optional properties are compatible.
 */
final class SchemaCompatibility {

    private final JsonNode baselineRoot;
    private final JsonNode currentRoot;
    private final List<String> problems = new ArrayList<>();
    private final Deque<String> expanding = new ArrayDeque<>();

    private SchemaCompatibility(JsonNode baselineRoot, JsonNode currentRoot) {
        this.baselineRoot = baselineRoot;
        this.currentRoot = currentRoot;
    }

    /**
     * The breaking changes from {@code baseline} to {@code current}, each as {@code "<name> at <path>: <what>"}
     * where the path names the property ({@code tests[].status}, {@code command.env{}} for a map value,
     * {@code (root)} for the document itself); empty when the change is compatible.
     */
    static List<String> breakingChanges(String name, JsonNode baseline, JsonNode current) {
        SchemaCompatibility check = new SchemaCompatibility(baseline, current);
        check.compare("", baseline, current);
        return check.problems.stream().map(problem -> name + " at " + problem).toList();
    }

    private void compare(String path, JsonNode baselineProperty, JsonNode currentProperty) {
        String refs = refOf(baselineProperty) + "|" + refOf(currentProperty);
        if (!refs.equals("|") && expanding.contains(refs)) {
            return; // a recursive definition, already being compared further up
        }
        expanding.push(refs);
        try {
            compareResolved(path, baselineProperty, currentProperty);
        } finally {
            expanding.pop();
        }
    }

    private void compareResolved(String path, JsonNode baselineProperty, JsonNode currentProperty) {
        JsonNode baseline = Schemas.nonNull(baselineProperty, baselineRoot);
        JsonNode current = Schemas.nonNull(currentProperty, currentRoot);

        Set<String> baselineTypes = typesOf(baselineProperty, baseline);
        Set<String> currentTypes = typesOf(currentProperty, current);
        if (!baselineTypes.equals(currentTypes)) {
            report(path, "type changed from " + baselineTypes + " to " + currentTypes);
        }
        compareText(path, "format", baseline, current);
        compareText(path, "pattern", baseline, current);
        compareEnums(path, baseline, current);
        compareObjects(path, baseline, current);
        if (baseline.has("items") && current.has("items")) {
            compare(path + "[]", baseline.get("items"), current.get("items"));
        }
    }

    private void compareObjects(String path, JsonNode baseline, JsonNode current) {
        JsonNode baselineProperties = baseline.path("properties");
        JsonNode currentProperties = current.path("properties");
        Set<String> baselineRequired = Schemas.required(baseline);
        Set<String> currentRequired = Schemas.required(current);

        for (String name : baselineRequired) {
            if (!currentProperties.has(name)) {
                report(child(path, name), "required property was removed");
            } else if (!currentRequired.contains(name)) {
                report(child(path, name), "property is no longer required");
            }
        }
        for (String name : currentRequired) {
            if (!baselineRequired.contains(name)) {
                report(child(path, name), baselineProperties.has(name)
                        ? "optional property became required"
                        : "new required property");
            }
        }
        baselineProperties.properties().forEach(property -> {
            if (currentProperties.has(property.getKey())) {
                compare(child(path, property.getKey()), property.getValue(), currentProperties.get(property.getKey()));
            }
        });

        JsonNode baselineAdditional = baseline.get("additionalProperties");
        JsonNode currentAdditional = current.get("additionalProperties");
        if (!isFalse(baselineAdditional) && isFalse(currentAdditional)) {
            report(path, "additionalProperties became false, so a field added later is rejected");
        }
        if (baselineAdditional != null && baselineAdditional.isObject()
                && currentAdditional != null && currentAdditional.isObject()) {
            compare(path + "{}", baselineAdditional, currentAdditional);
        }
    }

    private void compareEnums(String path, JsonNode baseline, JsonNode current) {
        Set<JsonNode> before = allowedValues(baseline);
        Set<JsonNode> after = allowedValues(current);
        if (before == null && after == null) {
            return;
        }
        if (before == null) {
            report(path, "values restricted to " + after + ", so records already written may be invalid");
        } else if (after == null) {
            report(path, "enum " + before + " removed, so consumers may see any value");
        } else {
            Set<JsonNode> gained = new LinkedHashSet<>(after);
            gained.removeAll(before);
            Set<JsonNode> lost = new LinkedHashSet<>(before);
            lost.removeAll(after);
            if (!gained.isEmpty()) {
                report(path, "enum gained values " + gained + " that consumers do not know");
            }
            if (!lost.isEmpty()) {
                report(path, "enum lost values " + lost + " that records already written may carry");
            }
        }
    }

    private void compareText(String path, String keyword, JsonNode baseline, JsonNode current) {
        String before = baseline.has(keyword) ? baseline.get(keyword).asText() : null;
        String after = current.has(keyword) ? current.get(keyword).asText() : null;
        if (!Objects.equals(before, after)) {
            report(path, keyword + " changed from " + before + " to " + after);
        }
    }

    /** The types of a property, with {@code null} when a nullable wrapper allows it. */
    private static Set<String> typesOf(JsonNode property, JsonNode resolved) {
        Set<String> types = new LinkedHashSet<>(Schemas.types(resolved));
        if (Schemas.isNullable(property)) {
            types.add("null");
        }
        return types;
    }

    /** The values an {@code enum} or {@code const} allows, or null when the schema does not restrict them. */
    private static Set<JsonNode> allowedValues(JsonNode schema) {
        if (schema.has("const")) {
            return Set.of(schema.get("const"));
        }
        if (schema.has("enum")) {
            Set<JsonNode> values = new LinkedHashSet<>();
            schema.get("enum").forEach(values::add);
            return values;
        }
        return null;
    }

    private static boolean isFalse(JsonNode schema) {
        return schema != null && schema.isBoolean() && !schema.asBoolean();
    }

    private static String refOf(JsonNode property) {
        for (JsonNode branch : property.path("anyOf")) {
            if (branch.has("$ref")) {
                return branch.get("$ref").asText();
            }
        }
        return property.path("$ref").asText("");
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void report(String path, String problem) {
        problems.add((path.isEmpty() ? "(root)" : path) + ": " + problem);
    }
}
