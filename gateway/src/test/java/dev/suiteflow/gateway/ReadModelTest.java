package dev.suiteflow.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuiteEvent;
import dev.suiteflow.events.SuitePlanned;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.events.SuiteStarted;
import dev.suiteflow.events.SuiteTotals;
import dev.suiteflow.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** The read model follows lifecycle events from the real broker; redeliveries and late events change nothing. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class ReadModelTest {

    private static final KafkaCompanion KAFKA = new KafkaCompanion("127.0.0.1:9092");

    @Inject
    ObjectMapper mapper;

    private String publish(String id, SuiteEvent event) {
        return publish(event.suiteId(), id, event);
    }

    private String publish(String key, String id, SuiteEvent event) {
        JsonObject data = new JsonObject(encode(event));
        String value = new JsonObject().put("specversion", "1.0").put("id", id).put("source", "urn:test:gateway")
                .put("type", EventTypes.type(event.getClass())).put("subject", event.suiteId())
                .put("time", Instant.now().toString()).put("datacontenttype", "application/json").put("data", data)
                .encode();
        // structured mode, as the CloudEvents Kafka binding defines it: the content-type header says so
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SUITE_LIFECYCLE, key, value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        KAFKA.produceStrings().fromRecords(record).awaitCompletion();
        return id;
    }

    private String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitStatus(String key, String suiteId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            io.restassured.response.Response response = given().auth().oauth2(key).when()
                    .get("/api/suites/" + suiteId);
            return response.statusCode() == 200 && status.equals(response.path("status"));
        });
    }

    private static SuiteAccepted accepted(String suiteId, String tenant) {
        SuiteRequested request = new SuiteRequested("req-" + suiteId, tenant, "demo", List.of("unit"), "high", false,
                null, null, null, "ci-bot");
        return new SuiteAccepted(suiteId, tenant, request.requestId(), "kafka", request, Instant.now(), null);
    }

    @Test
    void aSuiteAcceptedFromTheTopicAppearsAndFollowsItsLifecycle() {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();

        publish(UUID.randomUUID().toString(), accepted(suiteId, "demo"));
        awaitStatus(SuiteApiTest.VIEWER, suiteId, "accepted");
        given().auth().oauth2(SuiteApiTest.VIEWER).when().get("/api/suites/" + suiteId)
                .then().body("origin", equalTo("kafka")).body("priority", equalTo("high"))
                .body("failFast", equalTo(false)).body("requestedBy", equalTo("ci-bot"));

        publish(UUID.randomUUID().toString(), new SuitePlanned(suiteId, "demo", 1, "demo", 1, List.of(), List.of(),
                now));
        awaitStatus(SuiteApiTest.VIEWER, suiteId, "planned");
        String started = publish(UUID.randomUUID().toString(), new SuiteStarted(suiteId, "demo", 1, now));
        awaitStatus(SuiteApiTest.VIEWER, suiteId, "running");
        publish(UUID.randomUUID().toString(), new SuiteCompleted(suiteId, "demo", "failed",
                new SuiteTotals(1, 0, 1, 3, 2, 1, 0), 1234, now));
        awaitStatus(SuiteApiTest.VIEWER, suiteId, "failed");

        // a redelivered SuiteStarted (same CloudEvent id) and a late new one both leave the final status alone;
        // a marker suite published after them shows when they have been consumed (one key, one partition)
        publish(started, new SuiteStarted(suiteId, "demo", 1, now));
        publish(UUID.randomUUID().toString(), new SuiteStarted(suiteId, "demo", 1, now));
        // (a late plan of an older or the same revision too; a higher revision is a re-run: PlanRevisionTest)
        publish(UUID.randomUUID().toString(), new SuitePlanned(suiteId, "demo", 1, "demo", 1, List.of(), List.of(),
                now));
        String marker = UUID.randomUUID().toString();
        publish(suiteId, UUID.randomUUID().toString(), accepted(marker, "demo"));
        awaitStatus(SuiteApiTest.VIEWER, marker, "accepted");
        given().auth().oauth2(SuiteApiTest.VIEWER).when().get("/api/suites/" + suiteId)
                .then().body("outcome", equalTo("failed")).body("planRevision", equalTo(1))
                .body("requestId", equalTo("req-" + suiteId));
    }

    @Test
    void aSuiteOfAnotherTenantStaysInvisible() {
        String suiteId = UUID.randomUUID().toString();

        publish(UUID.randomUUID().toString(), accepted(suiteId, "acme"));
        awaitStatus(SuiteApiTest.ACME, suiteId, "accepted");

        given().auth().oauth2(SuiteApiTest.OPERATOR).when().get("/api/suites/" + suiteId).then().statusCode(404);
    }
}
