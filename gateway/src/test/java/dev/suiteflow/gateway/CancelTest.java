package dev.suiteflow.gateway;

import static dev.suiteflow.gateway.TestEvents.accepted;
import static dev.suiteflow.gateway.TestEvents.awaitStatus;
import static dev.suiteflow.gateway.TestEvents.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuiteTotals;
import dev.suiteflow.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.core.json.JsonObject;

/** Cancelling publishes CancelSuite on suite-commands through the outbox; a final suite cannot be cancelled. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class CancelTest {

    @Test
    void anOperatorsCancelPublishesCancelSuite() {
        String suiteId = UUID.randomUUID().toString();
        publish(accepted(suiteId, "demo", "demo", Instant.now()));
        awaitStatus(SuiteApiTest.VIEWER, suiteId, "accepted");

        try (ConsumerTask<String, String> commands = TestEvents.KAFKA.consumeStrings()
                .fromTopics(Topics.SUITE_COMMANDS)) {
            given().auth().oauth2(SuiteApiTest.OPERATOR).contentType(ContentType.JSON)
                    .body("{\"reason\": \"wrong branch\"}")
                    .when().post("/api/suites/" + suiteId + "/cancel")
                    .then().statusCode(202).body("status", equalTo("cancel_requested"))
                    .body("commandId", notNullValue());

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commands.getRecords().stream()
                    .anyMatch(r -> suiteId.equals(r.key())));
            ConsumerRecord<String, String> record = commands.getRecords().stream()
                    .filter(r -> suiteId.equals(r.key())).findFirst().orElseThrow();
            JsonObject event = new JsonObject(record.value());
            assertThat(event.getString("type")).isEqualTo("suiteflow.CancelSuite.v1");
            JsonObject data = event.getJsonObject("data");
            assertThat(data.getString("suiteId")).isEqualTo(suiteId);
            assertThat(data.getString("tenant")).isEqualTo("demo");
            assertThat(data.getString("requestedBy")).isEqualTo("demo-operator");
            assertThat(data.getString("reason")).isEqualTo("wrong branch");
        }
        given().auth().oauth2(SuiteApiTest.VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("cancelRequestedBy", equalTo("demo-operator"));
        // without a body too; a body that is not JSON is a 400
        given().auth().oauth2(SuiteApiTest.OPERATOR).when().post("/api/suites/" + suiteId + "/cancel")
                .then().statusCode(202);
        given().auth().oauth2(SuiteApiTest.OPERATOR).contentType(ContentType.JSON).body("{\"reason\": ")
                .when().post("/api/suites/" + suiteId + "/cancel").then().statusCode(400);
    }

    @Test
    void aFinalSuiteIs409AnotherTenantsIs404AndAViewerIs403() {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(accepted(suiteId, "demo", "demo", now));
        publish(new SuiteCompleted(suiteId, "demo", "passed", new SuiteTotals(0, 0, 0, 0, 0, 0, 0), 1, now));
        awaitStatus(SuiteApiTest.VIEWER, suiteId, "passed");

        given().auth().oauth2(SuiteApiTest.OPERATOR).when().post("/api/suites/" + suiteId + "/cancel")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(SuiteApiTest.ACME).when().post("/api/suites/" + suiteId + "/cancel")
                .then().statusCode(404);
        given().auth().oauth2(SuiteApiTest.VIEWER).when().post("/api/suites/" + suiteId + "/cancel")
                .then().statusCode(403);
    }
}
