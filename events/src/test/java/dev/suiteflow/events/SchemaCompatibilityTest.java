package dev.suiteflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The committed schemas stay compatible with their baseline in src/test/resources/schema-baseline, and the
 * checker catches the changes that would break a consumer.
 */
class SchemaCompatibilityTest {

    static Stream<String> baselineFiles() {
        return Schemas.filesIn("/schema-baseline").stream();
    }

    @Test
    void everySchemaHasABaselineAndNoBaselinedSchemaWasRemoved() {
        Set<String> current = Schemas.filesIn("/schemas");
        Set<String> baseline = Schemas.filesIn("/schema-baseline");

        assertThat(current)
                .as("schemas without a baseline: once reviewed, copy a new schema to"
                        + " src/test/resources/schema-baseline/")
                .isSubsetOf(baseline);
        assertThat(baseline)
                .as("baselined schemas missing from src/main/resources/schemas: consumers still read these types")
                .isSubsetOf(current);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselineFiles")
    void committedSchemaIsCompatibleWithItsBaseline(String file) {
        assertThat(SchemaCompatibility.breakingChanges(file, baseline(file), Schemas.load(file)))
                .as("breaking changes; a breaking change needs a new .v2 event type (see events/README.md)")
                .isEmpty();
    }

    @Test
    void addingAnOptionalPropertyAndRewordingDescriptionsIsCompatible() {
        ObjectNode current = baseline("PhaseHeartbeat.v1.json").deepCopy();
        ObjectNode cpu = properties(current).putObject("cpuPercent").put("description", "CPU use, percent.");
        cpu.putArray("type").add("number").add("null");
        ((ObjectNode) current.at("/properties/worker")).put("description", "The worker, reworded.");
        current.put("description", "Reworded.");

        assertThat(breakingChanges("PhaseHeartbeat.v1.json", current)).isEmpty();
    }

    @Test
    void removedRequiredPropertyIsReported() {
        ObjectNode current = baseline("SuiteAccepted.v1.json").deepCopy();
        properties(current).remove("requestId");
        removeRequired(current, "requestId");

        assertThat(breakingChanges("SuiteAccepted.v1.json", current))
                .containsExactly("SuiteAccepted.v1.json at requestId: required property was removed");
    }

    @Test
    void requiredPropertyThatBecameOptionalIsReported() {
        ObjectNode current = baseline("PhaseStarted.v1.json").deepCopy();
        removeRequired(current, "worker");

        assertThat(breakingChanges("PhaseStarted.v1.json", current))
                .containsExactly("PhaseStarted.v1.json at worker: property is no longer required");
    }

    @Test
    void newRequiredPropertyIsReported() {
        ObjectNode current = baseline("SuiteStarted.v1.json").deepCopy();
        properties(current).putObject("startedBy").put("type", "string");
        ((ArrayNode) current.get("required")).add("startedBy");
        ((ArrayNode) current.get("required")).add("planRevision");

        assertThat(breakingChanges("SuiteStarted.v1.json", current))
                .containsExactly("SuiteStarted.v1.json at startedBy: new required property");
    }

    @Test
    void optionalPropertyThatBecameRequiredIsReported() {
        ObjectNode current = baseline("PhaseCompleted.v1.json").deepCopy();
        ((ArrayNode) current.get("required")).add("exitCode");

        assertThat(breakingChanges("PhaseCompleted.v1.json", current))
                .containsExactly("PhaseCompleted.v1.json at exitCode: optional property became required");
    }

    @Test
    void changedTypeIsReported() {
        ObjectNode current = baseline("PhaseCompleted.v1.json").deepCopy();
        ((ObjectNode) current.at("/properties/attempt")).put("type", "string");

        assertThat(breakingChanges("PhaseCompleted.v1.json", current))
                .containsExactly("PhaseCompleted.v1.json at attempt: type changed from [integer] to [string]");
    }

    @Test
    void propertyThatBecameNullableIsReported() {
        ObjectNode current = baseline("SuiteCompleted.v1.json").deepCopy();
        ObjectNode totals = (ObjectNode) current.at("/properties/totals");
        JsonNode ref = totals.remove("$ref");
        totals.putArray("anyOf").add(current.objectNode().set("$ref", ref)).addObject().put("type", "null");

        assertThat(breakingChanges("SuiteCompleted.v1.json", current))
                .containsExactly("SuiteCompleted.v1.json at totals: type changed from [object] to [object, null]");
    }

    @Test
    void widenedEnumIsReported() {
        ObjectNode current = baseline("PhaseCompleted.v1.json").deepCopy();
        ((ArrayNode) current.at("/properties/status/enum")).add("flaky");

        assertThat(breakingChanges("PhaseCompleted.v1.json", current)).containsExactly(
                "PhaseCompleted.v1.json at status: enum gained values [\"flaky\"] that consumers do not know");
    }

    @Test
    void narrowedEnumIsReported() {
        ObjectNode current = baseline("ApprovalDecided.v1.json").deepCopy();
        ((ArrayNode) current.at("/properties/decision/enum")).remove(2);

        assertThat(breakingChanges("ApprovalDecided.v1.json", current)).containsExactly(
                "ApprovalDecided.v1.json at decision: enum lost values [\"timed_out\"]"
                        + " that records already written may carry");
    }

    @Test
    void removedEnumIsReported() {
        ObjectNode current = baseline("RerunSuite.v1.json").deepCopy();
        ((ObjectNode) current.at("/properties/scope")).remove("enum");

        assertThat(breakingChanges("RerunSuite.v1.json", current)).containsExactly(
                "RerunSuite.v1.json at scope: enum [\"all\", \"failed\"] removed, so consumers may see any value");
    }

    @Test
    void formatChangeIsReported() {
        ObjectNode current = baseline("ApprovalRequested.v1.json").deepCopy();
        ((ObjectNode) current.at("/properties/deadline")).put("format", "date");

        assertThat(breakingChanges("ApprovalRequested.v1.json", current))
                .containsExactly("ApprovalRequested.v1.json at deadline: format changed from date-time to date");
    }

    @Test
    void changeInsideANestedDefinitionIsReportedWithThePathThatReachesIt() {
        ObjectNode current = baseline("PhaseCompleted.v1.json").deepCopy();
        ((ObjectNode) current.at("/$defs/TestResult/properties/durationMs")).put("type", "number");

        assertThat(breakingChanges("PhaseCompleted.v1.json", current)).containsExactly(
                "PhaseCompleted.v1.json at tests[].durationMs: type changed from [integer] to [number]");
    }

    @Test
    void changeBehindANullableReferenceAndAnArrayIsReported() {
        ObjectNode current = baseline("SuiteAccepted.v1.json").deepCopy();
        removeRequired((ObjectNode) current.at("/$defs/AcceptanceCriterion"), "id");

        assertThat(breakingChanges("SuiteAccepted.v1.json", current)).containsExactly(
                "SuiteAccepted.v1.json at request.change.criteria[].id: property is no longer required");
    }

    @Test
    void changeOfAMapValueTypeIsReported() {
        ObjectNode current = baseline("PhaseRequested.v1.json").deepCopy();
        ((ObjectNode) current.at("/$defs/CommandSpec/properties/env/additionalProperties")).put("type", "integer");

        assertThat(breakingChanges("PhaseRequested.v1.json", current)).containsExactly(
                "PhaseRequested.v1.json at command.env{}: type changed from [string] to [integer]");
    }

    @Test
    void closingAnObjectToUnknownPropertiesIsReported() {
        ObjectNode current = baseline("CancelSuite.v1.json").deepCopy();
        current.put("additionalProperties", false);

        assertThat(breakingChanges("CancelSuite.v1.json", current)).containsExactly(
                "CancelSuite.v1.json at (root): additionalProperties became false, so a field added later is rejected");
    }

    @Test
    void envelopeTypePatternChangeIsReported() {
        ObjectNode current = baseline("CloudEvent.v1.json").deepCopy();
        ((ObjectNode) current.at("/properties/type")).put("pattern", "^suiteflow\\.[A-Za-z]+\\.v[0-9]+$");

        assertThat(breakingChanges("CloudEvent.v1.json", current)).singleElement()
                .asString().startsWith("CloudEvent.v1.json at type: pattern changed from");
    }

    private static List<String> breakingChanges(String file, JsonNode current) {
        return SchemaCompatibility.breakingChanges(file, baseline(file), current);
    }

    private static JsonNode baseline(String file) {
        return Json.resource("/schema-baseline/" + file);
    }

    private static ObjectNode properties(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    private static void removeRequired(ObjectNode schema, String name) {
        ArrayNode required = (ArrayNode) schema.get("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asText().equals(name)) {
                required.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException(name + " is not required");
    }
}
