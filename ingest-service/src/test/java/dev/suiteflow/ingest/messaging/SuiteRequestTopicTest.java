package dev.suiteflow.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.Topics;
import dev.suiteflow.ingest.KafkaRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.core.json.JsonObject;

/**
 * Suite requests that other systems publish on suite-requests, through the real broker: answered on
 * suite-lifecycle by request id; bad records go to the DLQ with their original bytes and the consumer goes on.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class SuiteRequestTopicTest {

    private static ConsumerTask<String, String> lifecycle;
    private static ConsumerTask<String, byte[]> dlq;

    @BeforeAll
    static void follow() {
        lifecycle = KafkaRecords.strings(Topics.SUITE_LIFECYCLE);
        dlq = KafkaRecords.bytes(Topics.SUITE_REQUESTS_DLQ);
    }

    @AfterAll
    static void close() {
        lifecycle.close();
        dlq.close();
    }

    private static String request(String requestId, String project) {
        return """
                {"requestId": "%s", "tenant": "demo", "project": "%s", "kinds": ["unit"]}"""
                .formatted(requestId, project);
    }

    private static String cloudEvent(String requestId, String data) {
        return new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "urn:test:ci").put("type", EventTypes.SUITE_REQUESTED).put("subject", requestId)
                .put("datacontenttype", "application/json").put("data", new JsonObject(data)).encode();
    }

    private static void publish(String key, byte[] value) {
        KafkaRecords.COMPANION.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(Topics.SUITE_REQUESTS, key, value)).awaitCompletion();
    }

    private static void publish(String key, String value) {
        publish(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonObject> answers(String requestId, int count) {
        return KafkaRecords.await(lifecycle, count, r -> requestId.equals(dataOf(r).getString("requestId")))
                .stream().map(r -> new JsonObject(r.value())).toList();
    }

    private static JsonObject dataOf(ConsumerRecord<String, String> record) {
        JsonObject data = new JsonObject(record.value()).getJsonObject("data");
        return data == null ? new JsonObject() : data;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aStructuredCloudEventIsAnsweredWithSuiteAcceptedKeyedBySuite() {
        String requestId = "topic-" + UUID.randomUUID();

        publish(requestId, cloudEvent(requestId, request(requestId, "demo")));

        JsonObject answer = answers(requestId, 1).get(0);
        assertThat(answer.getString("type")).isEqualTo(EventTypes.SUITE_ACCEPTED);
        assertThat(answer.getJsonObject("data").getString("origin")).isEqualTo("kafka");
        assertThat(answer.getString("subject")).isEqualTo(answer.getJsonObject("data").getString("suiteId"));
    }

    @Test
    void aBareJsonRequestIsAcceptedToo() {
        String requestId = "bare-" + UUID.randomUUID();

        publish(requestId, request(requestId, "demo"));

        assertThat(answers(requestId, 1).get(0).getString("type")).isEqualTo(EventTypes.SUITE_ACCEPTED);
    }

    @Test
    void theSameRequestIdTwiceGivesOneSuite() {
        String requestId = "twice-" + UUID.randomUUID();
        String marker = "marker-" + UUID.randomUUID();

        publish(requestId, cloudEvent(requestId, request(requestId, "demo")));
        publish(requestId, cloudEvent(requestId, request(requestId, "demo")));
        // records of one key keep their order: once the marker is answered, both copies have been handled
        publish(requestId, request(marker, "demo"));
        answers(marker, 1);

        List<JsonObject> answered = answers(requestId, 1);
        assertThat(answered).hasSize(1);
        assertThat(answered.get(0).getString("type")).isEqualTo(EventTypes.SUITE_ACCEPTED);
    }

    @Test
    void anInvalidRequestIsRejectedByRequestIdAndDeadLettered() {
        String requestId = "invalid-" + UUID.randomUUID();
        String value = request(requestId, "no-such-project");

        publish(requestId, value);

        JsonObject answer = answers(requestId, 1).get(0);
        assertThat(answer.getString("type")).isEqualTo(EventTypes.SUITE_REJECTED);
        assertThat(answer.getJsonObject("data").getJsonArray("errors").encode()).contains("project")
                .contains("unknown project 'no-such-project'");

        ConsumerRecord<String, byte[]> dead = KafkaRecords.await(dlq, 1, r -> requestId.equals(r.key())).get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(value);
        assertThat(header(dead, "dead-letter-reason")).contains("unknown project");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.SUITE_REQUESTS);
    }

    @Test
    void aRecordThatIsNotJsonGoesToTheDlqWithItsBytesAndTheConsumerGoesOn() {
        String key = "garbage-" + UUID.randomUUID();
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n', 0};

        publish(key, garbage);
        String after = "after-" + UUID.randomUUID();
        publish(key, request(after, "demo"));

        ConsumerRecord<String, byte[]> dead = KafkaRecords.await(dlq, 1, r -> key.equals(r.key())).get(0);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, "dead-letter-reason")).contains("not JSON");
        assertThat(answers(after, 1).get(0).getString("type")).isEqualTo(EventTypes.SUITE_ACCEPTED);
    }

    @Test
    void aCloudEventOfAnotherTypeIsDeadLettered() {
        String key = "wrongtype-" + UUID.randomUUID();
        String value = new JsonObject().put("specversion", "1.0").put("id", "x").put("source", "urn:x")
                .put("type", "com.example.Other").put("data", new JsonObject()).encode();

        publish(key, value);

        ConsumerRecord<String, byte[]> dead = KafkaRecords.await(dlq, 1, r -> key.equals(r.key())).get(0);
        assertThat(header(dead, "dead-letter-reason")).contains(EventTypes.SUITE_REQUESTED);
    }
}
