package dev.suiteflow.gateway;

import static dev.suiteflow.gateway.TestEvents.awaitStatus;
import static dev.suiteflow.gateway.TestEvents.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuiteStarted;
import dev.suiteflow.events.SuiteTotals;
import dev.suiteflow.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.core.json.JsonObject;

/** Re-running a finished suite publishes RerunSuite on suite-commands through the outbox; the rules around it. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class RerunTest {

    static final String OPERATOR = SuiteApiTest.OPERATOR;

    /**
     * A suite that ended with the outcome under plan revision 1 (without SuiteAccepted, which a planner running
     * beside the tests would take up).
     */
    static String finished(String outcome) {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(PlanRevisionTest.plan(suiteId, 1, "accepted", List.of(PlanRevisionTest.phase("unit", 0, List.of(
                PlanRevisionTest.shard(1, suiteId + "-unit"))))));
        publish(new SuiteCompleted(suiteId, "demo", outcome, new SuiteTotals(1, 0, 1, 0, 0, 0, 0), 1, now));
        awaitStatus(SuiteApiTest.VIEWER, suiteId, outcome);
        return suiteId;
    }

    private static JsonObject command(ConsumerTask<String, String> commands, String suiteId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commands.getRecords().stream()
                .anyMatch(r -> suiteId.equals(r.key())));
        ConsumerRecord<String, String> record = commands.getRecords().stream()
                .filter(r -> suiteId.equals(r.key())).findFirst().orElseThrow();
        return new JsonObject(record.value());
    }

    @Test
    void anOperatorsRerunOfTheFailedPartPublishesRerunSuiteOnce() {
        String suiteId = finished("failed");

        try (ConsumerTask<String, String> commands = TestEvents.KAFKA.consumeStrings()
                .fromTopics(Topics.SUITE_COMMANDS)) {
            given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"scope\": \"failed\"}")
                    .when().post("/api/suites/" + suiteId + "/rerun")
                    .then().statusCode(202).header("Location", containsString("/api/suites/" + suiteId))
                    .body("status", equalTo("rerun_requested")).body("scope", equalTo("failed"))
                    .body("fromRevision", equalTo(1)).body("commandId", notNullValue())
                    .body("url", equalTo("/api/suites/" + suiteId))
                    .body("eventsUrl", equalTo("/api/suites/" + suiteId + "/events"));

            JsonObject event = command(commands, suiteId);
            assertThat(event.getString("type")).isEqualTo("suiteflow.RerunSuite.v1");
            JsonObject data = event.getJsonObject("data");
            assertThat(data.getString("suiteId")).isEqualTo(suiteId);
            assertThat(data.getString("tenant")).isEqualTo("demo");
            assertThat(data.getString("scope")).isEqualTo("failed");
            assertThat(data.getString("requestedBy")).isEqualTo("demo-operator");
            assertThat(data.getString("requestedAt")).isNotBlank();
        }
        given().auth().oauth2(SuiteApiTest.VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("rerunRequestedBy", equalTo("demo-operator")).body("rerunScope", equalTo("failed"))
                .body("rerunRequestedAt", notNullValue());
        // while its new plan has not arrived, asking again is a conflict
        given().auth().oauth2(OPERATOR).when().post("/api/suites/" + suiteId + "/rerun").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("has not arrived yet"));
        // once it has (and the re-run finished), the suite can be re-run again
        publish(PlanRevisionTest.plan(suiteId, 2, "rerun-failed", List.of()));
        publish(new SuiteCompleted(suiteId, "demo", "errored", new SuiteTotals(0, 0, 0, 0, 0, 0, 0), 1,
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(given().auth()
                .oauth2(SuiteApiTest.VIEWER).get("/api/suites/" + suiteId).path("planRevision"))
                && "errored".equals(given().auth().oauth2(SuiteApiTest.VIEWER).get("/api/suites/" + suiteId)
                        .path("status")));
        given().auth().oauth2(OPERATOR).when().post("/api/suites/" + suiteId + "/rerun").then().statusCode(202)
                .body("scope", equalTo("all")).body("fromRevision", equalTo(2));
    }

    @Test
    void aPassedSuiteHasNothingFailedToRerunButCanBeRerunWhole() {
        String suiteId = finished("passed");

        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"scope\": \"failed\"}")
                .when().post("/api/suites/" + suiteId + "/rerun").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("nothing failed"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{}")
                .when().post("/api/suites/" + suiteId + "/rerun").then().statusCode(202)
                .body("scope", equalTo("all"));
    }

    @Test
    void aSuiteThatHasNotFinishedIs409AndBadInputIs400() {
        String suiteId = UUID.randomUUID().toString();
        publish(new SuiteStarted(suiteId, "demo", 1, Instant.now()));
        awaitStatus(SuiteApiTest.VIEWER, suiteId, "running");

        given().auth().oauth2(OPERATOR).when().post("/api/suites/" + suiteId + "/rerun").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("wait until it has finished"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"scope\": \"some\"}")
                .when().post("/api/suites/" + suiteId + "/rerun").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("scope"))
                .body("errors[0].message", containsString("all or failed"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"scope\": ")
                .when().post("/api/suites/" + suiteId + "/rerun").then().statusCode(400);
    }

    @Test
    void anotherTenantsOrAnUnknownSuiteIs404AndAViewerIs403() {
        String suiteId = finished("failed");

        given().auth().oauth2(SuiteApiTest.ACME).when().post("/api/suites/" + suiteId + "/rerun").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(OPERATOR).when().post("/api/suites/nope-" + suiteId + "/rerun").then()
                .statusCode(404);
        given().auth().oauth2(SuiteApiTest.VIEWER).when().post("/api/suites/" + suiteId + "/rerun").then()
                .statusCode(403);
        given().auth().oauth2(SuiteApiTest.SUBMITTER).when().post("/api/suites/" + suiteId + "/rerun").then()
                .statusCode(403);
    }

    @Test
    void aCancelledSuiteCanBeRerunAndABlockedOneRePlannedWhole() {
        String cancelled = UUID.randomUUID().toString();
        publish(PlanRevisionTest.plan(cancelled, 1, "accepted", List.of()));
        publish(new dev.suiteflow.events.SuiteCancelled(cancelled, "demo", "demo-operator", "wrong branch",
                Instant.now()));
        awaitStatus(SuiteApiTest.VIEWER, cancelled, "cancelled");
        given().auth().oauth2(OPERATOR).when().post("/api/suites/" + cancelled + "/rerun").then().statusCode(202)
                .body("scope", equalTo("all"));

        String blocked = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(PlanRevisionTest.plan(blocked, 1, "accepted", List.of()));
        publish(new dev.suiteflow.events.ApprovalRequested(blocked, "demo", 1, "blocked", now.plusSeconds(3600),
                now, List.of("REQ-3")));
        awaitStatus(SuiteApiTest.VIEWER, blocked, "awaiting_approval");
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"scope\": \"failed\"}")
                .when().post("/api/suites/" + blocked + "/rerun").then().statusCode(409)
                .body("detail", containsString("REQ-3"));
        given().auth().oauth2(OPERATOR).when().post("/api/suites/" + blocked + "/rerun").then().statusCode(202)
                .body("scope", equalTo("all"));

        String waiting = UUID.randomUUID().toString();
        publish(PlanRevisionTest.plan(waiting, 1, "accepted", List.of()));
        publish(new dev.suiteflow.events.ApprovalRequested(waiting, "demo", 1, "asks", now.plusSeconds(3600), now,
                null));
        awaitStatus(SuiteApiTest.VIEWER, waiting, "awaiting_approval");
        given().auth().oauth2(OPERATOR).when().post("/api/suites/" + waiting + "/rerun").then().statusCode(409);
    }
}
