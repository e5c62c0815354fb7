package dev.suiteflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The structured-mode CloudEvents envelope of every record, against CloudEvent.v1.json. */
class CloudEventEnvelopeTest {

    static Stream<String> types() {
        return EventTypes.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void envelopeOfEverySampleValidatesAndItsDataMatchesThePayloadSchema(String type) {
        Class<?> payload = EventTypes.payloadOf(type);
        ObjectNode envelope = Samples.envelope(type, Samples.full(payload));

        assertThat(Schemas.validate(Schemas.ENVELOPE, envelope)).isEmpty();
        assertThat(Schemas.validate(Schemas.fileOf(payload), envelope.get("data"))).isEmpty();
    }

    @Test
    void subjectIsTheSuiteIdOrTheRequestIdWhereThereIsNoSuite() {
        assertThat(subjectOf(SuiteAccepted.class)).isEqualTo(Samples.SUITE);
        assertThat(subjectOf(PhaseLog.class)).isEqualTo(Samples.SUITE);
        assertThat(subjectOf(SuiteRejected.class)).isEqualTo(Samples.REQUEST);
        assertThat(subjectOf(SuiteRequested.class)).isEqualTo(Samples.REQUEST);
    }

    @Test
    void envelopeFromAGenericCloudEventsProducerWithExtensionsAndNoDataContentTypeValidates() {
        ObjectNode envelope = envelope();
        envelope.remove("datacontenttype");
        envelope.remove("dataschema");
        envelope.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        assertThat(Schemas.validate(Schemas.ENVELOPE, envelope)).isEmpty();
    }

    @Test
    void envelopeOfAnotherSpecVersionIsRejected() {
        ObjectNode envelope = envelope();
        envelope.put("specversion", "0.3");

        assertThat(Schemas.validate(Schemas.ENVELOPE, envelope))
                .anySatisfy(message -> assertThat(message).startsWith("/specversion:"));
    }

    @Test
    void typeOutsideTheSuiteflowV1NamespaceIsRejected() {
        for (String type : new String[] {"com.acme.SuiteAccepted.v1", "suiteflow.SuiteAccepted.v2", "suiteflow..v1"}) {
            ObjectNode envelope = envelope();
            envelope.put("type", type);

            assertThat(Schemas.validate(Schemas.ENVELOPE, envelope)).as(type)
                    .anySatisfy(message -> assertThat(message).startsWith("/type:"));
        }
    }

    @Test
    void envelopeWithoutIdSubjectOrTimeIsRejected() {
        for (String attribute : new String[] {"id", "source", "type", "subject", "time", "data"}) {
            ObjectNode envelope = envelope();
            envelope.remove(attribute);

            assertThat(Schemas.validate(Schemas.ENVELOPE, envelope)).as(attribute)
                    .anySatisfy(message -> assertThat(message).contains(attribute));
        }
    }

    @Test
    void envelopeWithATimeThatIsNotRfc3339OrDataThatIsNotAnObjectIsRejected() {
        ObjectNode badTime = envelope();
        badTime.put("time", "14/03/2025 09:26");
        ObjectNode badData = envelope();
        badData.put("data", "{\"suiteId\":\"s-1\"}");

        assertThat(Schemas.validate(Schemas.ENVELOPE, badTime))
                .anySatisfy(message -> assertThat(message).startsWith("/time:"));
        assertThat(Schemas.validate(Schemas.ENVELOPE, badData))
                .anySatisfy(message -> assertThat(message).startsWith("/data:"));
    }

    @Test
    void envelopeReadsBackToItsPayload() throws Exception {
        JsonNode envelope = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(envelope()));
        Class<?> payload = EventTypes.payloadOf(envelope.get("type").asText());

        assertThat(Json.MAPPER.treeToValue(envelope.get("data"), payload))
                .isEqualTo(Samples.full(PhaseCompleted.class));
    }

    private static String subjectOf(Class<?> payload) {
        return Samples.envelope(EventTypes.type(payload), Samples.full(payload)).get("subject").asText();
    }

    private static ObjectNode envelope() {
        return Samples.envelope(EventTypes.PHASE_COMPLETED, Samples.full(PhaseCompleted.class));
    }
}
