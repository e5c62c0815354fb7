package dev.suiteflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Every payload of the contract against its committed JSON Schema, through the Jackson set-up services use. */
class EventSchemaTest {

    static Stream<Class<?>> payloads() {
        return EventTypes.all().values().stream().map(EventTypes.Registration::payload);
    }

    /** (schema file, required top-level property) for every payload schema. */
    static Stream<Arguments> requiredProperties() {
        return payloads().flatMap(payload -> Schemas.required(Schemas.load(Schemas.fileOf(payload))).stream()
                .map(property -> Arguments.of(payload.getSimpleName(), property)));
    }

    @Test
    void everyRegisteredEventTypeHasASampleAndASchemaFile() {
        Set<String> schemaFiles = Schemas.filesIn("/schemas");
        for (EventTypes.Registration registration : EventTypes.all().values()) {
            assertThat(Samples.payloadClasses())
                    .as("a sample of %s in Samples", registration.type())
                    .contains(registration.payload());
            assertThat(schemaFiles)
                    .as("a schema file for %s in src/main/resources/schemas", registration.type())
                    .contains(Schemas.fileOf(registration.payload()));
        }
    }

    @Test
    void everySchemaFileBelongsToARegisteredEventTypeOrIsTheEnvelope() {
        Set<String> expected = new TreeSet<>();
        payloads().forEach(payload -> expected.add(Schemas.fileOf(payload)));
        expected.add(Schemas.ENVELOPE);

        assertThat(Schemas.filesIn("/schemas")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Samples.payloadClasses()).containsExactlyInAnyOrderElementsOf(payloads().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void schemaIsADraft202012DocumentWithItsIdTitleAndDescriptions(Class<?> payload) {
        String file = Schemas.fileOf(payload);
        JsonNode schema = Schemas.load(file);

        assertThat(Schemas.validateAgainstMetaSchema(schema)).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo(Schemas.DRAFT_2020_12);
        assertThat(schema.path("$id").asText()).isEqualTo(Schemas.ID_PREFIX + file);
        assertThat(schema.path("title").asText()).isEqualTo(payload.getSimpleName());
        assertThat(schema.path("description").asText()).contains(EventTypes.type(payload));
        assertThat(schema.path("type").asText()).isEqualTo("object");
        schema.path("properties").properties().forEach(property -> assertThat(
                property.getValue().path("description").asText())
                .as("description of %s.%s", file, property.getKey())
                .isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void topLevelObjectStaysOpenForNewOptionalFields(Class<?> payload) {
        JsonNode schema = Schemas.load(Schemas.fileOf(payload));

        assertThat(schema.has("additionalProperties")).isFalse();
        assertThat(schema.has("unevaluatedProperties")).isFalse();
    }

    @Test
    void samplesSetEveryFieldAndFillEveryList() {
        List<String> gaps = new ArrayList<>();
        for (Class<?> payload : Samples.payloadClasses()) {
            collectGaps(payload.getSimpleName(), Samples.full(payload), gaps);
        }
        assertThat(gaps).as("fields of the samples that are null or empty").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void fullyPopulatedSampleValidatesAndReadsBackEqual(Class<?> payload) throws Exception {
        Record sample = Samples.full(payload);
        String json = Json.MAPPER.writeValueAsString(sample);

        assertThat(Schemas.validate(Schemas.fileOf(payload), Json.MAPPER.readTree(json))).isEmpty();
        assertThat(Json.MAPPER.readValue(json, payload)).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void minimalInstanceWithOptionalFieldsNullValidatesAndReadsBackEqual(Class<?> payload) throws Exception {
        JsonNode schema = Schemas.load(Schemas.fileOf(payload));
        Record minimal = Samples.minimal(Samples.full(payload), schema, schema);
        String json = Json.MAPPER.writeValueAsString(minimal);

        assertThat(Schemas.validate(Schemas.fileOf(payload), Json.MAPPER.readTree(json))).isEmpty();
        assertThat(Json.MAPPER.readValue(json, payload)).isEqualTo(minimal);
    }

    @Test
    void minimalSuiteRequestFromAnotherSystemValidatesAndLeavesOptionalFieldsNull() throws Exception {
        String json = """
                {"requestId": "ci-build-4712", "tenant": "acme", "project": "shop-api", "kinds": ["unit"]}
                """;

        assertThat(Schemas.validate("SuiteRequested.v1.json", Json.MAPPER.readTree(json))).isEmpty();
        assertThat(Json.MAPPER.readValue(json, SuiteRequested.class)).isEqualTo(new SuiteRequested(
                "ci-build-4712", "acme", "shop-api", List.of("unit"), null, null, null, null, null, null));
    }

    @Test
    void optionalFieldsLeftOutOfTheJsonWhereTheRecordSaysNonNull() {
        SuiteRequested minimal = new SuiteRequested("r-1", "acme", "shop-api", List.of("unit"),
                null, null, null, null, new ApprovalPolicy(true, null, null), null);

        JsonNode json = Json.toTree(minimal);

        assertThat(json.properties()).extracting(Map.Entry::getKey)
                .containsExactly("requestId", "tenant", "project", "kinds", "approval");
        assertThat(json.get("approval").properties()).extracting(Map.Entry::getKey).containsExactly("required");
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredProperties")
    void instanceMissingARequiredPropertyIsRejected(String payload, String property) {
        ObjectNode json = (ObjectNode) Json.toTree(Samples.full(EventTypes.payloadOf("suiteflow." + payload + ".v1")));
        json.remove(property);

        assertThat(Schemas.validate(payload + ".v1.json", json))
                .anySatisfy(message -> assertThat(message).contains("required property '" + property + "'"));
    }

    @ParameterizedTest(name = "{0} with {1} null")
    @MethodSource("requiredProperties")
    void requiredPropertySetToNullIsRejected(String payload, String property) {
        ObjectNode json = (ObjectNode) Json.toTree(Samples.full(EventTypes.payloadOf("suiteflow." + payload + ".v1")));
        json.putNull(property);

        assertThat(Schemas.validate(payload + ".v1.json", json))
                .anySatisfy(message -> assertThat(message).startsWith("/" + property + ": null found"));
    }

    @Test
    void nestedRecordMissingARequiredPropertyIsRejected() {
        ObjectNode completed = (ObjectNode) Json.toTree(Samples.full(PhaseCompleted.class));
        ((ObjectNode) completed.get("tests").get(0)).remove("status");
        ObjectNode accepted = (ObjectNode) Json.toTree(Samples.full(SuiteAccepted.class));
        ((ObjectNode) accepted.get("request").get("change").get("criteria").get(0)).remove("id");

        assertThat(Schemas.validate("PhaseCompleted.v1.json", completed))
                .anySatisfy(message -> assertThat(message).startsWith("/tests/0:").contains("'status'"));
        assertThat(Schemas.validate("SuiteAccepted.v1.json", accepted))
                .anySatisfy(message -> assertThat(message).startsWith("/request/change/criteria/0:").contains("'id'"));
    }

    @Test
    void wrongTypesAreRejected() {
        ObjectNode json = (ObjectNode) Json.toTree(Samples.full(PhaseCompleted.class));
        json.put("attempt", "first");
        json.put("exitCode", 1.5);
        json.put("tests", "none");

        assertThat(Schemas.validate("PhaseCompleted.v1.json", json))
                .anySatisfy(message -> assertThat(message).startsWith("/attempt:"))
                .anySatisfy(message -> assertThat(message).startsWith("/exitCode:"))
                .anySatisfy(message -> assertThat(message).startsWith("/tests:"));
    }

    @Test
    void instantsMustBeIsoDateTimes() {
        ObjectNode epochMillis = (ObjectNode) Json.toTree(Samples.full(SuiteStarted.class));
        epochMillis.put("startedAt", Samples.AT.toEpochMilli());
        ObjectNode notADate = (ObjectNode) Json.toTree(Samples.full(SuiteStarted.class));
        notADate.put("startedAt", "yesterday");

        assertThat(Json.toTree(Samples.full(SuiteStarted.class)).get("startedAt").asText())
                .isEqualTo("2025-03-14T09:26:53.589Z");
        assertThat(Schemas.validate("SuiteStarted.v1.json", epochMillis)).isNotEmpty();
        assertThat(Schemas.validate("SuiteStarted.v1.json", notADate))
                .anySatisfy(message -> assertThat(message).contains("date-time"));
    }

    @Test
    void valueOutsideAClosedSetIsRejected() {
        ObjectNode json = (ObjectNode) Json.toTree(Samples.full(PhaseCompleted.class));
        json.put("failureClass", "flaky");

        assertThat(Schemas.validate("PhaseCompleted.v1.json", json))
                .anySatisfy(message -> assertThat(message).startsWith("/failureClass:"));
    }

    @Test
    void suiteRequestValuesStayOpenSoThatIngestCanAnswerWithFieldErrors() {
        ObjectNode json = (ObjectNode) Json.toTree(Samples.full(SuiteRequested.class));
        json.put("priority", "asap");
        json.putArray("kinds").add("smoke");

        assertThat(Schemas.validate("SuiteRequested.v1.json", json)).isEmpty();
    }

    @Test
    void unknownFieldsFromANewerProducerAreTolerated() throws Exception {
        ObjectNode json = (ObjectNode) Json.toTree(Samples.full(PhaseHeartbeat.class));
        json.put("cpuPercent", 87.5);
        json.putObject("host").put("name", "node-3");

        assertThat(Schemas.validate("PhaseHeartbeat.v1.json", json)).isEmpty();
        assertThat(Json.MAPPER.treeToValue(json, PhaseHeartbeat.class)).isEqualTo(Samples.full(PhaseHeartbeat.class));
    }

    private static void collectGaps(String path, Object value, List<String> gaps) {
        if (value == null) {
            gaps.add(path + " is null");
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                collectGaps(path + "." + component.getName(), Samples.read(component, record), gaps);
            }
        } else if (value instanceof Collection<?> collection) {
            if (collection.isEmpty()) {
                gaps.add(path + " is empty");
            }
            int i = 0;
            for (Object element : collection) {
                collectGaps(path + "[" + i++ + "]", element, gaps);
            }
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                gaps.add(path + " is empty");
            }
            map.forEach((key, element) -> collectGaps(path + "." + key, element, gaps));
        }
    }
}
