package dev.suiteflow.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.events.SuiteEvent;
import dev.suiteflow.events.SuiteRequested;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonObject;

import static io.restassured.RestAssured.given;

/** Publishes contract events as structured CloudEvents on their own topic, keyed by suite id, as services do. */
final class TestEvents {

    static final KafkaCompanion KAFKA = new KafkaCompanion("127.0.0.1:9092");
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestEvents() {
    }

    /** Publishes the event with a fresh CloudEvent id; returns the id. */
    static String publish(SuiteEvent event) {
        return publish(UUID.randomUUID().toString(), event);
    }

    static String publish(String id, SuiteEvent event) {
        return publish(event.suiteId(), id, event);
    }

    /** Publishes under another suite's key: on that suite's partition, behind its events (a marker). */
    static String publishKeyed(String key, SuiteEvent event) {
        return publish(key, UUID.randomUUID().toString(), event);
    }

    private static String publish(String key, String id, SuiteEvent event) {
        String topic = EventTypes.topicOf(event.getClass());
        JsonObject data;
        try {
            data = new JsonObject(MAPPER.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String value = new JsonObject().put("specversion", "1.0").put("id", id).put("source", "urn:test:gateway")
                .put("type", EventTypes.type(event.getClass())).put("subject", event.suiteId())
                .put("time", Instant.now().toString()).put("datacontenttype", "application/json").put("data", data)
                .encode();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("content-type",
                "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        KAFKA.produceStrings().fromRecords(record).awaitCompletion();
        return id;
    }

    static SuiteAccepted accepted(String suiteId, String tenant, String project, Instant at) {
        SuiteRequested request = new SuiteRequested("req-" + suiteId, tenant, project, List.of("unit", "integration"),
                "normal", false, null, null, null, "ci-bot");
        ProjectManifest manifest = new ProjectManifest(project, tenant, 7, null, null, null, null, null, null, null);
        return new SuiteAccepted(suiteId, tenant, request.requestId(), "kafka", request, at, manifest);
    }

    /** Waits until the suite shows the status for the key's tenant. */
    static void awaitStatus(String key, String suiteId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            io.restassured.response.Response response = given().auth().oauth2(key).when()
                    .get("/api/suites/" + suiteId);
            return response.statusCode() == 200 && status.equals(response.path("status"));
        });
    }
}
