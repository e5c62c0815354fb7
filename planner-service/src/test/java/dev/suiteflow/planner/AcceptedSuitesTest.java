package dev.suiteflow.planner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
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
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/** The planner takes accepted suites from the real broker into its state table, once per suite. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class AcceptedSuitesTest {

    private static final KafkaCompanion KAFKA = new KafkaCompanion("127.0.0.1:9092");

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    private void publish(String eventId, SuiteAccepted event) throws Exception {
        String value = new JsonObject().put("specversion", "1.0").put("id", eventId).put("source", "urn:test:planner")
                .put("type", EventTypes.SUITE_ACCEPTED).put("subject", event.suiteId())
                .put("time", Instant.now().toString()).put("data", new JsonObject(mapper.writeValueAsString(event)))
                .encode();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SUITE_LIFECYCLE, event.suiteId(), value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        KAFKA.produceStrings().fromRecords(record).awaitCompletion();
    }

    private List<Row> rows(String suiteId) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT status, tenant, project, priority FROM suite_state WHERE suite_id = $1")
                .execute(Tuple.of(suiteId)).await().atMost(Duration.ofSeconds(5)).forEach(rows::add);
        return rows;
    }

    @Test
    void anAcceptedSuiteIsRecordedOnceAsAccepted() throws Exception {
        String suiteId = UUID.randomUUID().toString();
        SuiteRequested request = new SuiteRequested("req-" + suiteId, "demo", "demo", List.of("unit"), "urgent",
                true, null, null, null, "ci");
        SuiteAccepted accepted = new SuiteAccepted(suiteId, "demo", request.requestId(), "rest", request,
                Instant.now(), null);
        String eventId = UUID.randomUUID().toString();

        publish(eventId, accepted);
        publish(eventId, accepted);               // a redelivery
        publish(UUID.randomUUID().toString(), accepted); // the same fact under a new event id

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !rows(suiteId).isEmpty());
        List<Row> rows = rows(suiteId);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString("status")).isEqualTo("accepted");
        assertThat(rows.get(0).getString("tenant")).isEqualTo("demo");
        assertThat(rows.get(0).getString("priority")).isEqualTo("urgent");
    }

    @Test
    void readyMeansDatabaseAndKafkaReachable() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("Database connections health check"));
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
