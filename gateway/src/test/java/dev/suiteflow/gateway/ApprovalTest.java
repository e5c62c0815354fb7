package dev.suiteflow.gateway;

import static dev.suiteflow.gateway.TestEvents.awaitStatus;
import static dev.suiteflow.gateway.TestEvents.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.ApprovalDecided;
import dev.suiteflow.events.ApprovalRequested;
import dev.suiteflow.events.SuitePlanned;
import dev.suiteflow.events.SuiteStarted;
import dev.suiteflow.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.core.json.JsonObject;

/** The approval gate through the gateway: approve and reject, and an approval blocked by uncovered criteria. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class ApprovalTest {

    static final String OPERATOR = SuiteApiTest.OPERATOR;
    static final String VIEWER = SuiteApiTest.VIEWER;

    private static String awaitingApproval(List<String> uncovered) {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        // no SuiteAccepted: a planner running beside the tests on the same broker would take the suite up
        publish(new SuitePlanned(suiteId, "demo", 1, "demo", 7, List.of(), List.of(), now, "accepted"));
        publish(new ApprovalRequested(suiteId, "demo", 1, "look at the plan", now.plusSeconds(3600), now,
                uncovered));
        awaitStatus(VIEWER, suiteId, "awaiting_approval");
        return suiteId;
    }

    @Test
    void anApprovalIsBlockedWhileRequiredCriteriaHaveNoTestButARejectionGoesThrough() {
        String suiteId = awaitingApproval(List.of("REQ-7", "REQ-9"));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("uncoveredCriteria", contains("REQ-7", "REQ-9")).body("approvalDeadline", notNullValue());

        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"comment\": \"ship it\"}")
                .when().post("/api/suites/" + suiteId + "/approve").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", allOf(containsString("REQ-7, REQ-9"), containsString("cannot be approved")));

        try (ConsumerTask<String, String> commands = TestEvents.KAFKA.consumeStrings()
                .fromTopics(Topics.SUITE_COMMANDS)) {
            given().auth().oauth2(OPERATOR).when().post("/api/suites/" + suiteId + "/reject").then()
                    .statusCode(202).body("status", equalTo("rejection_sent"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commands.getRecords().stream()
                    .anyMatch(r -> suiteId.equals(r.key())));
            List<JsonObject> sent = commands.getRecords().stream().filter(r -> suiteId.equals(r.key()))
                    .map(r -> new JsonObject(r.value())).toList();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).getString("type")).isEqualTo("suiteflow.DecideApproval.v1");
            assertThat(sent.get(0).getJsonObject("data").getBoolean("approve")).isFalse();
        }

        // once decided, the criteria are no longer shown
        publish(new ApprovalDecided(suiteId, "demo", "rejected", "demo-operator", null, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(VIEWER)
                .get("/api/suites/" + suiteId).path("detail") != null);
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("uncoveredCriteria", nullValue()).body("approvalDeadline", nullValue());
    }

    @Test
    void aSuiteWithEveryCriterionCoveredIsApproved() {
        String suiteId = awaitingApproval(List.of());
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("uncoveredCriteria", nullValue());

        try (ConsumerTask<String, String> commands = TestEvents.KAFKA.consumeStrings()
                .fromTopics(Topics.SUITE_COMMANDS)) {
            given().auth().oauth2(OPERATOR).when().post("/api/suites/" + suiteId + "/approve").then()
                    .statusCode(202).body("status", equalTo("approval_sent"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commands.getRecords().stream()
                    .anyMatch(r -> suiteId.equals(r.key())));
            JsonObject sent = commands.getRecords().stream().filter(r -> suiteId.equals(r.key()))
                    .map(r -> new JsonObject(r.value())).findFirst().orElseThrow();
            assertThat(sent.getJsonObject("data").getBoolean("approve")).isTrue();
        }
    }

    @Test
    void aNewerApprovalRequestWithoutGapsUnblocksTheApproval() {
        String suiteId = awaitingApproval(List.of("REQ-1"));
        // the suite is re-planned once a test exists: the new revision's request lists no gap
        Instant now = Instant.now();
        publish(new SuitePlanned(suiteId, "demo", 2, "demo", 7, List.of(), List.of(), now, "rerun"));
        publish(new ApprovalRequested(suiteId, "demo", 2, "look again", now.plusSeconds(3600), now, List.of()));
        // a late request of revision 1 changes nothing
        publish(new ApprovalRequested(suiteId, "demo", 1, "old", now.plusSeconds(3600), now, List.of("REQ-1")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(given().auth()
                .oauth2(VIEWER).get("/api/suites/" + suiteId).path("planRevision")));
        awaitStatus(VIEWER, suiteId, "awaiting_approval");
        // the late one travels behind the newer one on the same partition: once a marker behind it is in, so is it
        String marker = UUID.randomUUID().toString();
        TestEvents.publishKeyed(suiteId, new SuiteStarted(marker, "demo", 1, now));
        awaitStatus(VIEWER, marker, "running");

        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("uncoveredCriteria", nullValue());
        given().auth().oauth2(OPERATOR).when().post("/api/suites/" + suiteId + "/approve").then().statusCode(202);
    }
}
