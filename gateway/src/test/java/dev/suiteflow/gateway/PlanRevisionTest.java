package dev.suiteflow.gateway;

import static dev.suiteflow.gateway.TestEvents.awaitStatus;
import static dev.suiteflow.gateway.TestEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.PhaseCompleted;
import dev.suiteflow.events.PhaseHeartbeat;
import dev.suiteflow.events.PhaseLog;
import dev.suiteflow.events.PhaseStarted;
import dev.suiteflow.events.PlannedPhase;
import dev.suiteflow.events.PlannedPhase.PlannedShard;
import dev.suiteflow.events.SelectedTest;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuitePlanned;
import dev.suiteflow.events.SuiteStarted;
import dev.suiteflow.events.SuiteTotals;
import dev.suiteflow.events.TestResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Plan revisions (every SuitePlanned kept; a higher revision re-opens a finished suite) and shards (a phase's runs,
 * aggregated into one phase row), from the real broker through the read model to the API.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class PlanRevisionTest {

    static final String VIEWER = SuiteApiTest.VIEWER;
    static final Duration WAIT = Duration.ofSeconds(30);

    static PlannedPhase phase(String name, int order, List<PlannedShard> shards) {
        return new PlannedPhase(name, order, order, "all", List.of(new SelectedTest("com.acme." + name + "Test", 1.0,
                List.of("all"))), List.of(), 300, shards);
    }

    static PlannedShard shard(int index, String runId, String... tests) {
        return new PlannedShard(index, runId, List.of(tests), tests.length * 1.5);
    }

    static SuitePlanned plan(String suiteId, int revision, String cause, List<PlannedPhase> phases) {
        return new SuitePlanned(suiteId, "demo", revision, "demo", 7, phases, List.of(), Instant.now(), cause);
    }

    static TestResult test(String id, String status) {
        return new TestResult(id, id, "com.acme.T", status, 5, "failed".equals(status) ? "boom" : null, null);
    }

    static PhaseCompleted completed(String suiteId, String runId, String phase, int attempt, String status,
            List<TestResult> tests) {
        boolean ok = "passed".equals(status);
        return new PhaseCompleted(suiteId, "demo", runId, phase, attempt, status, ok ? null
                : "failed".equals(status) ? "test_failure" : "infrastructure", ok ? null : "look at " + runId,
                ok ? 0 : 1, tests, 10, 1000, ok ? null : "excerpt of " + runId, Instant.now());
    }

    static Response suite(String suiteId) {
        return given().auth().oauth2(VIEWER).get("/api/suites/" + suiteId);
    }

    static void await(String suiteId, Predicate<Response> condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> condition.test(
                suite(suiteId)));
    }

    /**
     * A suite that ran revision 1 (unit, one shard, failed) to the end: returns its id. Without SuiteAccepted (the
     * read model starts the suite from its first event): a planner running beside the tests on the same broker
     * would take that up and drive the suite itself.
     */
    static String failedFirstRevision() {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(plan(suiteId, 1, "accepted", List.of(phase("unit", 0, List.of(shard(1, suiteId + "-r1-unit"))))));
        publish(new SuiteStarted(suiteId, "demo", 1, now));
        publish(new PhaseStarted(suiteId, "demo", suiteId + "-r1-unit", "unit", 1, "w-1", 5, now));
        publish(completed(suiteId, suiteId + "-r1-unit", "unit", 1, "failed", List.of(test("a", "passed"),
                test("b", "failed"))));
        await(suiteId, r -> "failed".equals(r.path("phases[0].status")));
        publish(new SuiteCompleted(suiteId, "demo", "failed", new SuiteTotals(1, 0, 1, 2, 1, 1, 0), 1000, now));
        awaitStatus(VIEWER, suiteId, "failed");
        return suiteId;
    }

    @Test
    void aHigherRevisionReopensAFinishedSuiteAndEveryRevisionStaysReadable() {
        String suiteId = failedFirstRevision();
        String run1 = suiteId + "-r2-unit-1";
        String run2 = suiteId + "-r2-unit-2";

        String plannedId = publish(plan(suiteId, 2, "rerun-failed", List.of(phase("unit", 0, List.of(
                shard(1, run1, "b"), shard(2, run2, "c", "d"))))));
        awaitStatus(VIEWER, suiteId, "planned");
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then().statusCode(200)
                .body("planRevision", equalTo(2)).body("outcome", nullValue()).body("totals", nullValue())
                .body("plans.revision", contains(1, 2)).body("plans.cause", contains("accepted", "rerun-failed"))
                .body("plans.outcome", contains("failed", null)).body("plans.current", contains(false, true))
                .body("plans[0].plannedAt", notNullValue())
                .body("plans[1].url", equalTo("/api/suites/" + suiteId + "/plans/2"))
                .body("phases", hasSize(1)).body("phases[0].status", equalTo("planned"))
                .body("phases[0].shards.phaseRunId", contains(run1, run2))
                .body("phases[0].shards.status", contains("planned", "planned"))
                .body("phases[0].shards.plannedTests", contains(1, 2))
                .body("phases[0].tests", hasSize(0));

        // late events of revision 1's run (another attempt, a heartbeat) change nothing of revision 2
        publish(new PhaseHeartbeat(suiteId, "demo", suiteId + "-r1-unit", "unit", 2, "w-late", 10, Instant.now()));
        publish(completed(suiteId, suiteId + "-r1-unit", "unit", 2, "passed", List.of(test("a", "passed"))));
        // a redelivered SuitePlanned (same id) and a late plan of revision 1 (new id) change nothing either
        publish(plannedId, plan(suiteId, 2, "rerun-failed", List.of()));
        publish(plan(suiteId, 1, "accepted", List.of()));
        publish(new SuiteStarted(suiteId, "demo", 2, Instant.now()));
        publish(new PhaseStarted(suiteId, "demo", run1, "unit", 1, "w-2", 7, Instant.now()));
        await(suiteId, r -> "running".equals(r.path("status")) && "running".equals(r.path("phases[0].status")));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("planRevision", equalTo(2)).body("plans", hasSize(2))
                .body("phases[0].shards.status", contains("running", "planned"))
                .body("phases[0].shards[0].worker", equalTo("w-2"))
                .body("phases[0].attempt", equalTo(1)).body("phases[0].phaseRunId", nullValue())
                .body("phases[0].tests", hasSize(0));
        // revision 1 as it ended, then with its own late attempt 2 (its run's row, not revision 2's)
        Awaitility.await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(given().auth().oauth2(VIEWER)
                .get("/api/suites/" + suiteId + "/plans/1").path("phases[0].attempt")));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId + "/plans/1").then().statusCode(200)
                .body("revision", equalTo(1)).body("cause", equalTo("accepted")).body("current", equalTo(false))
                .body("outcome", equalTo("failed")).body("manifestRevision", equalTo(7))
                .body("phases[0].name", equalTo("unit")).body("phases[0].phaseRunId", equalTo(suiteId + "-r1-unit"))
                .body("phases[0].status", equalTo("passed"))
                .body("suiteUrl", equalTo("/api/suites/" + suiteId));

        publish(completed(suiteId, run1, "unit", 1, "passed", List.of(test("b", "passed"))));
        publish(new PhaseStarted(suiteId, "demo", run2, "unit", 1, "w-3", 9, Instant.now()));
        publish(completed(suiteId, run2, "unit", 1, "failed", List.of(test("c", "passed"), test("d", "failed"))));
        await(suiteId, r -> "failed".equals(r.path("phases[0].status")));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("phases[0].shards.status", contains("passed", "failed"))
                .body("phases[0].testCounts.total", equalTo(3)).body("phases[0].testCounts.passed", equalTo(2))
                .body("phases[0].testCounts.failed", equalTo(1))
                .body("phases[0].tests.id", contains("b", "c", "d"))
                .body("phases[0].failureClass", equalTo("test_failure"))
                .body("phases[0].remediation", equalTo("look at " + run2))
                .body("phases[0].logExcerpt", equalTo("excerpt of " + run2))
                .body("phases[0].exitCode", equalTo(1)).body("phases[0].completedAt", notNullValue())
                .body("phases[0].shards[1].testCounts.total", equalTo(2))
                .body("phases[0].shards[1].logsUrl", equalTo("/api/suites/" + suiteId + "/logs?phaseRunId=" + run2));

        publish(new SuiteCompleted(suiteId, "demo", "failed", new SuiteTotals(1, 0, 1, 3, 2, 1, 0), 900,
                Instant.now()));
        await(suiteId, r -> "failed".equals(r.path("plans[1].outcome")));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("status", equalTo("failed")).body("outcome", equalTo("failed"))
                .body("plans.outcome", contains("failed", "failed")).body("plans[1].completedAt", notNullValue());
    }

    @Test
    void aPlanRevisionIsReadByNumberWithinTheTenant() {
        String suiteId = failedFirstRevision();

        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId + "/plans/1").then().statusCode(200)
                .body("current", equalTo(true)).body("phases[0].tests.id", containsInAnyOrder("a", "b"))
                .body("phases[0].shards[0].expectedSeconds", equalTo(0.0f));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId + "/plans/2").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404))
                .body("detail", equalTo("Plan revision 2 of suite " + suiteId + " does not exist"));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId + "/plans/zero").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("revision"));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId + "/plans/0").then().statusCode(400);
        given().auth().oauth2(SuiteApiTest.ACME).when().get("/api/suites/" + suiteId + "/plans/1").then()
                .statusCode(404);
        given().when().get("/api/suites/" + suiteId + "/plans/1").then().statusCode(401);
    }

    @Test
    void aShardedPhaseAggregatesItsShardsAndEachShardKeepsItsLog() {
        String suiteId = UUID.randomUUID().toString();
        String a = suiteId + "-a";
        String b = suiteId + "-b";
        String c = suiteId + "-c";
        Instant now = Instant.now();
        publish(plan(suiteId, 1, "accepted", List.of(phase("integration", 0, List.of(shard(1, a, "x"),
                shard(2, b, "y"), shard(3, c, "z"))))));
        awaitStatus(VIEWER, suiteId, "planned");

        publish(new PhaseStarted(suiteId, "demo", a, "integration", 1, "w-a", 3, now));
        publish(completed(suiteId, a, "integration", 1, "passed", List.of(test("x", "passed"))));
        publish(new PhaseStarted(suiteId, "demo", b, "integration", 1, "w-b", 4, now));
        publish(completed(suiteId, b, "integration", 1, "errored", List.of()));
        await(suiteId, r -> "errored".equals(r.path("phases[0].shards[1].status")));
        // one shard not started yet: the phase is still under way
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("phases[0].status", equalTo("errored"))
                .body("phases[0].shards.status", contains("passed", "errored", "planned"))
                .body("phases[0].completedAt", nullValue());

        publish(new PhaseStarted(suiteId, "demo", c, "integration", 1, "w-c", 5, now));
        await(suiteId, r -> "running".equals(r.path("phases[0].shards[2].status")));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("phases[0].status", equalTo("running"));

        // shard c fails on its first attempt and passes on its second: errored (none failed), counts summed
        publish(completed(suiteId, c, "integration", 1, "failed", List.of(test("z", "failed"))));
        publish(new PhaseStarted(suiteId, "demo", c, "integration", 2, "w-c2", 5, now));
        publish(completed(suiteId, c, "integration", 2, "passed", List.of(test("z", "passed"))));
        publish(new PhaseLog(suiteId, "demo", a, "integration", 1, 0, 0, List.of(new PhaseLog.Line("stdout",
                "from a")), now));
        publish(new PhaseLog(suiteId, "demo", c, "integration", 2, 0, 0, List.of(new PhaseLog.Line("stdout",
                "from c")), now));
        await(suiteId, r -> Integer.valueOf(2).equals(r.path("phases[0].shards[2].attempt"))
                && "passed".equals(r.path("phases[0].shards[2].status"))
                && Integer.valueOf(2).equals(r.path("logs.stored")));
        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId).then()
                .body("phases[0].status", equalTo("errored"))
                .body("phases[0].attempt", equalTo(2))
                .body("phases[0].failureClass", equalTo("infrastructure"))
                .body("phases[0].testCounts.total", equalTo(2)).body("phases[0].testCounts.passed", equalTo(2))
                .body("phases[0].tests.id", contains("x", "z"))
                .body("phases[0].shards.worker", contains("w-a", "w-b", "w-c2"))
                .body("phases[0].completedAt", notNullValue());

        given().auth().oauth2(VIEWER).queryParam("phaseRunId", c).when().get("/api/suites/" + suiteId + "/logs")
                .then().statusCode(200).body("lines.text", contains("from c"))
                .body("lines[0].phaseRunId", equalTo(c)).body("lines[0].attempt", equalTo(2))
                .body("phaseRunId", equalTo(c));
        given().auth().oauth2(VIEWER).queryParam("phase", "integration").when()
                .get("/api/suites/" + suiteId + "/logs").then().body("lines.phaseRunId", contains(a, c));
        given().auth().oauth2(VIEWER).queryParam("phaseRunId", "bad id!").when()
                .get("/api/suites/" + suiteId + "/logs").then().statusCode(400)
                .body("errors[0].field", equalTo("phaseRunId"));
    }
}
