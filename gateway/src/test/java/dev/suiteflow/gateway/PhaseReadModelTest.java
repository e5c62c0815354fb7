package dev.suiteflow.gateway;

import static dev.suiteflow.gateway.TestEvents.accepted;
import static dev.suiteflow.gateway.TestEvents.awaitStatus;
import static dev.suiteflow.gateway.TestEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.PhaseCompleted;
import dev.suiteflow.events.PhaseHeartbeat;
import dev.suiteflow.events.PhaseLog;
import dev.suiteflow.events.PhaseStarted;
import dev.suiteflow.events.PlannedPhase;
import dev.suiteflow.events.SelectedTest;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuitePlanned;
import dev.suiteflow.events.SuiteStarted;
import dev.suiteflow.events.SuiteTotals;
import dev.suiteflow.events.TestResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Phases, per-test results, timings and logs follow phase-results and phase-progress from the real broker. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class PhaseReadModelTest {

    static final String VIEWER = SuiteApiTest.VIEWER;

    /** A whole suite: unit passes, integration fails with a test failure; returns the suite id. */
    static String wholeSuite(String tenant, String project) {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(accepted(suiteId, tenant, project, now));
        publish(new SuitePlanned(suiteId, tenant, 1, project, 7, List.of(
                new PlannedPhase("unit", 0, 0, "impact", List.of(new SelectedTest("com.acme.CartTest#adds", 0.9,
                        List.of("changed file Cart.java"))), List.of("com.acme.SlowTest"), 300),
                new PlannedPhase("integration", 1, 1, "all", List.of(), List.of(), 600)), List.of(), now));
        publish(new SuiteStarted(suiteId, tenant, 1, now));
        publish(new PhaseStarted(suiteId, tenant, "run-unit", "unit", 1, "worker-1", 120, now));
        publish(new PhaseHeartbeat(suiteId, tenant, "run-unit", "unit", 1, "worker-1", 500, now));
        publish(new PhaseLog(suiteId, tenant, "run-unit", "unit", 1, 0, 0, List.of(
                new PhaseLog.Line("stdout", "[INFO] Building"), new PhaseLog.Line("stdout", "[INFO] Tests run: 2"),
                new PhaseLog.Line("stderr", "warning: deprecated")), now));
        publish(new PhaseCompleted(suiteId, tenant, "run-unit", "unit", 1, "passed", null, null, 0, List.of(
                new TestResult("com.acme.CartTest#adds", "adds", "com.acme.CartTest", "passed", 12, null, null),
                new TestResult("com.acme.CartTest#skips", "skips", "com.acme.CartTest", "skipped", 0, null, null)),
                120, 2300, "Tests run: 2", now));
        publish(new PhaseStarted(suiteId, tenant, "run-int", "integration", 1, "worker-2", 40, now));
        publish(new PhaseLog(suiteId, tenant, "run-int", "integration", 1, 0, 0, List.of(
                new PhaseLog.Line("stdout", "connecting"), new PhaseLog.Line("stderr", "expected 200 got 500")),
                now));
        publish(new PhaseCompleted(suiteId, tenant, "run-int", "integration", 1, "failed", "test_failure",
                "Fix the failing test or the code it tests", 1, List.of(
                        new TestResult("com.acme.ApiIT#get", "get", "com.acme.ApiIT", "failed", 40,
                                "expected 200 got 500", "at com.acme.ApiIT.get(ApiIT.java:12)")),
                40, 5000, "expected 200 got 500", now));
        publish(new SuiteCompleted(suiteId, tenant, "failed", new SuiteTotals(2, 1, 1, 3, 1, 1, 1), 7300, now));
        return suiteId;
    }

    /** Waits until the last event of {@link #wholeSuite} on each of the three topics has been consumed. */
    static void awaitWholeSuite(String suiteId) {
        awaitStatus(VIEWER, suiteId, "failed");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            io.restassured.response.Response r = given().auth().oauth2(VIEWER).get("/api/suites/" + suiteId);
            return "failed".equals(r.path("phases[1].status")) && Integer.valueOf(5).equals(r.path("logs.stored"));
        });
    }

    @Test
    void aSuiteShowsItsPlanPhasesTimingsExitCodesFailureClassTestsAndTotals() {
        String suiteId = wholeSuite("demo", "demo");
        awaitWholeSuite(suiteId);

        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then().statusCode(200)
                .body("status", equalTo("failed")).body("outcome", equalTo("failed"))
                .body("manifestRevision", equalTo(7)).body("planRevision", equalTo(1))
                .body("totals.tests", equalTo(3)).body("totals.testsFailed", equalTo(1))
                .body("durationMs", equalTo(7300))
                .body("phases.name", contains("unit", "integration"))
                .body("phases[0].status", equalTo("passed"))
                .body("phases[0].selection", equalTo("impact"))
                .body("phases[0].selectedTests[0].id", equalTo("com.acme.CartTest#adds"))
                .body("phases[0].selectedTests[0].reasons[0]", equalTo("changed file Cart.java"))
                .body("phases[0].skippedTests", contains("com.acme.SlowTest"))
                .body("phases[0].worker", equalTo("worker-1"))
                .body("phases[0].queueWaitMs", equalTo(120)).body("phases[0].runMs", equalTo(2300))
                .body("phases[0].startedAt", notNullValue()).body("phases[0].completedAt", notNullValue())
                .body("phases[0].exitCode", equalTo(0)).body("phases[0].failureClass", nullValue())
                .body("phases[0].testCounts.total", equalTo(2)).body("phases[0].testCounts.skipped", equalTo(1))
                .body("phases[0].tests.id", containsInAnyOrder("com.acme.CartTest#adds", "com.acme.CartTest#skips"))
                .body("phases[1].status", equalTo("failed")).body("phases[1].exitCode", equalTo(1))
                .body("phases[1].failureClass", equalTo("test_failure"))
                .body("phases[1].remediation", equalTo("Fix the failing test or the code it tests"))
                .body("phases[1].tests[0].status", equalTo("failed"))
                .body("phases[1].tests[0].message", equalTo("expected 200 got 500"))
                .body("phases[1].tests[0].stackTrace", notNullValue())
                .body("logs.stored", equalTo(5)).body("logs.dropped", equalTo(0));
    }

    @Test
    void aPhaseEventBeforeSuiteAcceptedIsKeptAndTheSuiteFilledInLater() {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(new PhaseStarted(suiteId, "demo", "run-early", "unit", 1, "worker-9", 10, now));
        awaitStatus(VIEWER, suiteId, "pending");
        given().auth().oauth2(SuiteApiTest.ACME).when().get("/api/suites/" + suiteId).then().statusCode(404);

        publish(accepted(suiteId, "demo", "demo", now));
        awaitStatus(VIEWER, suiteId, "accepted");
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("requestId", equalTo("req-" + suiteId)).body("project", equalTo("demo"))
                .body("phases[0].name", equalTo("unit")).body("phases[0].status", equalTo("running"))
                .body("phases[0].worker", equalTo("worker-9"));
    }

    @Test
    void anOlderAttemptArrivingLateChangesNothing() {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(accepted(suiteId, "demo", "demo", now));
        publish(new PhaseCompleted(suiteId, "demo", "run-u", "unit", 2, "passed", null, null, 0, List.of(), 5, 100,
                null, now));
        publish(new PhaseCompleted(suiteId, "demo", "run-u", "unit", 1, "errored", "infrastructure",
                "worker died", null, List.of(), 5, 100, null, now));
        publish(new PhaseStarted(suiteId, "demo", "run-u", "unit", 1, "worker-old", 5, now));
        publish(new PhaseHeartbeat(suiteId, "demo", "run-u", "unit", 1, "worker-old", 1, now));
        // markers behind the stale events on both topics (one key, one partition per topic)
        publish(new PhaseCompleted(suiteId, "demo", "run-m", "marker", 1, "passed", null, null, 0, List.of(), 1, 1,
                null, now));
        publish(new PhaseLog(suiteId, "demo", "run-m", "marker", 1, 0, 0, List.of(new PhaseLog.Line("stdout", "m")),
                now));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            io.restassured.response.Response r = given().auth().oauth2(VIEWER).get("/api/suites/" + suiteId);
            return Integer.valueOf(1).equals(r.path("logs.stored")) && r.<List<String>>path("phases.name")
                    .contains("marker");
        });

        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("phases.find { it.name == 'unit' }.attempt", equalTo(2))
                .body("phases.find { it.name == 'unit' }.status", equalTo("passed"))
                .body("phases.find { it.name == 'unit' }.failureClass", nullValue());
    }

    @Test
    void logsArePagedByLineAndFilteredByPhase() {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(accepted(suiteId, "demo", "demo", now));
        List<PhaseLog.Line> first = IntStream.range(0, 7).mapToObj(i -> new PhaseLog.Line("stdout", "unit " + i))
                .toList();
        publish(new PhaseLog(suiteId, "demo", "r1", "unit", 1, 0, 0, first, now));
        publish(new PhaseLog(suiteId, "demo", "r2", "e2e", 1, 0, 0, List.of(new PhaseLog.Line("stdout", "e2e 0"),
                new PhaseLog.Line("stderr", "e2e 1")), now));
        publish(new PhaseLog(suiteId, "demo", "r1", "unit", 1, 1, 7, List.of(new PhaseLog.Line("stdout", "unit 7")),
                now));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(VIEWER)
                .get("/api/suites/" + suiteId + "/logs").path("lines.size()").equals(10));

        given().auth().oauth2(VIEWER).queryParam("limit", 4).when().get("/api/suites/" + suiteId + "/logs").then()
                .statusCode(200).body("lines", hasSize(4)).body("lines.n", contains(1, 2, 3, 4))
                .body("lines[0].text", equalTo("unit 0")).body("more", equalTo(true))
                .body("nextAfterLine", equalTo(4));
        given().auth().oauth2(VIEWER).queryParam("afterLine", 4).queryParam("limit", 4).when()
                .get("/api/suites/" + suiteId + "/logs").then()
                .body("lines.text", contains("unit 4", "unit 5", "unit 6", "e2e 0"));
        given().auth().oauth2(VIEWER).queryParam("afterLine", 8).when().get("/api/suites/" + suiteId + "/logs")
                .then().body("lines.text", contains("e2e 1", "unit 7")).body("more", equalTo(false))
                .body("lines[0].stream", equalTo("stderr")).body("lines[1].line", equalTo(7));
        given().auth().oauth2(VIEWER).queryParam("phase", "e2e").when().get("/api/suites/" + suiteId + "/logs")
                .then().body("lines.text", contains("e2e 0", "e2e 1")).body("phase", equalTo("e2e"));

        given().auth().oauth2(VIEWER).queryParam("limit", 5001).queryParam("afterLine", "x").queryParam("phase",
                "No Phase").when().get("/api/suites/" + suiteId + "/logs").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("limit", "afterLine", "phase"));
        given().auth().oauth2(SuiteApiTest.ACME).when().get("/api/suites/" + suiteId + "/logs").then()
                .statusCode(404);
    }
}
