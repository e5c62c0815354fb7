package dev.suiteflow.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.suiteflow.audit.TrailEvent;
import dev.suiteflow.audit.messaging.RecordDecoder.RawRecord;

class RecordDecoderTest {

    private static final Instant KAFKA_TIME = Instant.parse("2026-02-01T10:00:00.123Z");

    @Test
    void readsAStructuredCloudEvent() {
        TrailEvent e = decode("suite-lifecycle", "s-1", Map.of(), "{\"specversion\":\"1.0\",\"id\":\"e-1\","
                + "\"source\":\"/suiteflow/ingest\",\"type\":\"suiteflow.SuiteAccepted.v1\",\"subject\":\"s-1\","
                + "\"time\":\"2026-01-31T12:00:00.1234567+01:00\",\"data\":{\"tenant\":\"acme\",\"suiteId\":\"s-1\"}}");
        assertThat(e.eventId()).isEqualTo("e-1");
        assertThat(e.type()).isEqualTo("suiteflow.SuiteAccepted.v1");
        assertThat(e.source()).isEqualTo("/suiteflow/ingest");
        assertThat(e.tenant()).isEqualTo("acme");
        assertThat(e.suiteId()).isEqualTo("s-1");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-01-31T11:00:00.123456Z"));
        assertThat(e.payload()).isEqualTo("{\"suiteId\":\"s-1\",\"tenant\":\"acme\"}");
    }

    @Test
    void aSuiteRequestBelongsToTheChainOfItsRequestId() {
        TrailEvent e = decode("suite-requests", "whatever", Map.of(),
                "{\"tenant\":\"acme\",\"requestId\":\"r-9\",\"project\":\"demo\"}");
        assertThat(e.type()).isEqualTo("suiteflow.SuiteRequested.v1");
        assertThat(e.suiteId()).isEqualTo("r-9");
        assertThat(e.eventId()).matches("record:suite-requests:2:42:[0-9a-f]{16}");
        // a redelivery is the same event; another record at the same coordinates (a rebuilt cluster) is not
        assertThat(decode("suite-requests", "whatever", Map.of(),
                "{\"tenant\":\"acme\",\"requestId\":\"r-9\",\"project\":\"demo\"}").eventId())
                .isEqualTo(e.eventId());
        assertThat(decode("suite-requests", "whatever", Map.of(),
                "{\"tenant\":\"acme\",\"requestId\":\"r-10\",\"project\":\"demo\"}").eventId())
                .isNotEqualTo(e.eventId());
        assertThat(e.time()).isEqualTo(KAFKA_TIME);
    }

    @Test
    void readsABinaryCloudEvent() {
        TrailEvent e = decode("suite-requests", "r-1", Map.of("ce_id", "b-1", "ce_type", "suiteflow.SuiteRequested.v1",
                "ce_source", "/ci"), "{\"tenant\":\"acme\",\"requestId\":\"r-1\"}");
        assertThat(e.eventId()).isEqualTo("b-1");
        assertThat(e.source()).isEqualTo("/ci");
        assertThat(e.suiteId()).isEqualTo("r-1");
    }

    @Test
    void recordsWhatItCannotReadUnderThePseudoTenantAndTheKey() {
        TrailEvent garbage = decode("suite-requests", "k-1", Map.of(), "not json {");
        assertThat(garbage.type()).isEqualTo(TrailEvent.UNDECODABLE);
        assertThat(garbage.tenant()).isEqualTo(TrailEvent.UNKNOWN_TENANT);
        assertThat(garbage.suiteId()).isEqualTo("k-1");
        assertThat(garbage.eventId()).matches("undecodable:suite-requests:2:42:[0-9a-f]{16}");
        assertThat(garbage.payload()).contains("\"rawText\":\"not json {\"").contains("\"reason\":\"not JSON");

        assertThat(decode("suite-lifecycle", null, Map.of(), "{\"suiteId\":\"s\"}").type())
                .as("bare JSON is only accepted on suite-requests").isEqualTo(TrailEvent.UNDECODABLE);
        assertThat(decode("suite-lifecycle", null, Map.of(), "{\"specversion\":\"1.0\",\"type\":\"t\"}").suiteId())
                .as("a CloudEvent without id, no key").isEqualTo(TrailEvent.UNKNOWN_SUITE);
        assertThat(new RawRecord("phase-progress", 0, 1, null, KAFKA_TIME, Map.of(), new byte[] { (byte) 0xff, 0 }))
                .extracting(RecordDecoder::decode).extracting(TrailEvent::type).isEqualTo(TrailEvent.UNDECODABLE);
        assertThat(decode("suite-lifecycle", "k", Map.of(), "").type()).isEqualTo(TrailEvent.UNDECODABLE);
    }

    private static TrailEvent decode(String topic, String key, Map<String, String> headers, String value) {
        return RecordDecoder.decode(new RawRecord(topic, 2, 42, key, KAFKA_TIME, headers,
                value.getBytes(StandardCharsets.UTF_8)));
    }
}
