package dev.suiteflow.planner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.CancelSuite;
import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.PhaseCompleted;
import dev.suiteflow.events.PhaseStarted;
import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.events.SuiteEvent;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.events.TestResult;
import dev.suiteflow.events.Topics;
import dev.suiteflow.planner.service.PhasePlannerTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * A suite's life through the planner on the real broker and database, with the test playing the executor: plan,
 * start, phases group by group, fail-fast and run-all, a lost worker, cancel, and events that do not fit.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class SuiteLifecycleTest {

    private static final KafkaCompanion KAFKA = new KafkaCompanion("127.0.0.1:9092");
    private static ConsumerTask<String, String> lifecycle;
    private static ConsumerTask<String, String> phaseRequests;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void follow() {
        lifecycle = KAFKA.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(Topics.SUITE_LIFECYCLE);
        phaseRequests = KAFKA.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(Topics.PHASE_REQUESTS);
    }

    @AfterAll
    static void close() {
        lifecycle.close();
        phaseRequests.close();
    }

    private void publish(SuiteEvent event) {
        try {
            String value = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                    .put("source", "urn:test:planner").put("type", EventTypes.type(event.getClass()))
                    .put("subject", event.suiteId()).put("time", Instant.now().toString())
                    .put("data", new JsonObject(mapper.writeValueAsString(event))).encode();
            ProducerRecord<String, String> record = new ProducerRecord<>(EventTypes.topicOf(event.getClass()),
                    event.suiteId(), value);
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            KAFKA.produceStrings().fromRecords(record).awaitCompletion();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonObject> events(ConsumerTask<String, String> task, String suiteId, String type,
            int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> of(task, suiteId, type), found -> found.size() >= count);
    }

    private static List<JsonObject> of(ConsumerTask<String, String> task, String suiteId, String type) {
        return task.getRecords().stream().filter(r -> suiteId.equals(r.key())).map(ConsumerRecord::value)
                .map(JsonObject::new).filter(e -> type.equals(e.getString("type")))
                .map(e -> e.getJsonObject("data")).toList();
    }

    private static JsonObject requested(String suiteId, String phase, int attempt) {
        return events(phaseRequests, suiteId, EventTypes.PHASE_REQUESTED, 1).stream()
                .filter(p -> phase.equals(p.getString("phase")) && p.getInteger("attempt") == attempt)
                .findFirst().orElseGet(() -> Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> of(phaseRequests, suiteId, EventTypes.PHASE_REQUESTED).stream()
                                .filter(p -> phase.equals(p.getString("phase")) && p.getInteger("attempt") == attempt)
                                .findFirst(), java.util.Optional::isPresent).orElseThrow());
    }

    private String accept(boolean failFast, List<String> kinds) {
        String suiteId = UUID.randomUUID().toString();
        SuiteRequested request = new SuiteRequested("req-" + suiteId, "demo", "demo", kinds, "high", failFast,
                Map.of("e2e", List.of("FlowTest")), null, null, "planner-test");
        publish(new SuiteAccepted(suiteId, "demo", request.requestId(), "rest", request, Instant.now(),
                PhasePlannerTest.manifest(List.of(List.of("integration", "e2e")))));
        return suiteId;
    }

    /** Plays a worker: PhaseStarted then PhaseCompleted with one test of the given status. */
    private void run(String suiteId, JsonObject requested, String status, String failureClass) {
        String runId = requested.getString("phaseRunId");
        String phase = requested.getString("phase");
        int attempt = requested.getInteger("attempt");
        publish(new PhaseStarted(suiteId, "demo", runId, phase, attempt, "test-worker", 5, Instant.now()));
        String testStatus = status.equals("passed") ? "passed" : "failed";
        publish(new PhaseCompleted(suiteId, "demo", runId, phase, attempt, status, failureClass,
                failureClass == null ? null : "look at it", status.equals("passed") ? 0 : 1,
                List.of(new TestResult(phase + "Test#works", "works", phase + "Test", testStatus, 12, null, null),
                        new TestResult(phase + "Test#skipped", "skipped", phase + "Test", "skipped", 0, null, null)),
                5, 100, "", Instant.now()));
    }

    @Test
    void runAllRequestsPhasesGroupByGroupAndFinishesWithTotals() {
        String suiteId = accept(false, List.of("e2e", "integration", "unit", "structure"));

        JsonObject planned = events(lifecycle, suiteId, EventTypes.SUITE_PLANNED, 1).get(0);
        assertThat(planned.getInteger("manifestRevision")).isEqualTo(4);
        assertThat(planned.getJsonArray("phases").stream().map(p -> ((JsonObject) p).getString("name")
                + "@" + ((JsonObject) p).getInteger("group")).toList())
                .containsExactly("structure@0", "unit@1", "integration@2", "e2e@2");
        events(lifecycle, suiteId, EventTypes.SUITE_STARTED, 1);

        JsonObject structure = requested(suiteId, "structure", 1);
        assertThat(structure.getJsonObject("command").getString("builtin")).isEqualTo("structure");
        assertThat(of(phaseRequests, suiteId, EventTypes.PHASE_REQUESTED)).hasSize(1);
        run(suiteId, structure, "passed", null);

        JsonObject unit = requested(suiteId, "unit", 1);
        assertThat(unit.getString("priority")).isEqualTo("high");
        run(suiteId, unit, "failed", "test_failure");

        // run-all: the parallel group of integration and e2e is requested together despite the failure
        JsonObject integration = requested(suiteId, "integration", 1);
        JsonObject e2e = requested(suiteId, "e2e", 1);
        assertThat(e2e.getJsonArray("tests").getList()).containsExactly("FlowTest");
        assertThat(e2e.getJsonObject("command").getJsonArray("args").getList()).contains("-Dtest=FlowTest");
        run(suiteId, e2e, "passed", null);
        assertThat(of(lifecycle, suiteId, EventTypes.SUITE_COMPLETED)).isEmpty();
        run(suiteId, integration, "passed", null);

        JsonObject completed = events(lifecycle, suiteId, EventTypes.SUITE_COMPLETED, 1).get(0);
        assertThat(completed.getString("outcome")).isEqualTo("failed");
        JsonObject totals = completed.getJsonObject("totals");
        assertThat(totals.getInteger("phases")).isEqualTo(4);
        assertThat(totals.getInteger("phasesPassed")).isEqualTo(3);
        assertThat(totals.getInteger("phasesFailed")).isEqualTo(1);
        assertThat(totals.getInteger("tests")).isEqualTo(8);
        assertThat(totals.getInteger("testsPassed")).isEqualTo(3);
        assertThat(totals.getInteger("testsFailed")).isEqualTo(1);
        assertThat(totals.getInteger("testsSkipped")).isEqualTo(4);

        // a late, repeated result does not fit any more: logged and ignored, nothing new is published
        run(suiteId, unit, "passed", null);
        String other = accept(false, List.of("unit"));
        events(lifecycle, other, EventTypes.SUITE_PLANNED, 1);
        assertThat(of(lifecycle, suiteId, EventTypes.SUITE_COMPLETED)).hasSize(1);
        assertThat(of(phaseRequests, suiteId, EventTypes.PHASE_REQUESTED)).hasSize(4);
    }

    @Test
    void failFastSkipsTheRestAndAllPassingPasses() {
        String failing = accept(true, List.of("unit", "integration", "e2e"));
        run(failing, requested(failing, "unit", 1), "failed", "test_failure");
        assertThat(events(lifecycle, failing, EventTypes.SUITE_COMPLETED, 1).get(0).getString("outcome"))
                .isEqualTo("failed");
        assertThat(of(phaseRequests, failing, EventTypes.PHASE_REQUESTED)).hasSize(1);

        String passing = accept(true, List.of("unit"));
        run(passing, requested(passing, "unit", 1), "passed", null);
        assertThat(events(lifecycle, passing, EventTypes.SUITE_COMPLETED, 1).get(0).getString("outcome"))
                .isEqualTo("passed");
    }

    @Test
    void aPhaseThatLostItsWorkerIsRequestedAgainAsTheNextAttempt() {
        String suiteId = accept(true, List.of("unit"));
        JsonObject first = requested(suiteId, "unit", 1);

        run(suiteId, first, "errored", "infrastructure");

        JsonObject second = requested(suiteId, "unit", 2);
        assertThat(second.getString("phaseRunId")).isEqualTo(first.getString("phaseRunId"));
        run(suiteId, second, "passed", null);
        assertThat(events(lifecycle, suiteId, EventTypes.SUITE_COMPLETED, 1).get(0).getString("outcome"))
                .isEqualTo("passed");
    }

    @Test
    void aCancelledSuiteIsAnnouncedAndItsLateResultsIgnored() {
        String suiteId = accept(true, List.of("unit", "e2e"));
        JsonObject unit = requested(suiteId, "unit", 1);

        publish(new CancelSuite(suiteId, "acme", "mallory", "not mine", Instant.now()));
        publish(new CancelSuite(suiteId, "demo", "alice", "wrong branch", Instant.now()));

        JsonObject cancelled = events(lifecycle, suiteId, EventTypes.SUITE_CANCELLED, 1).get(0);
        assertThat(cancelled.getString("cancelledBy")).isEqualTo("alice");
        run(suiteId, unit, "passed", null);
        String other = accept(false, List.of("unit"));
        events(lifecycle, other, EventTypes.SUITE_PLANNED, 1);
        assertThat(of(phaseRequests, suiteId, EventTypes.PHASE_REQUESTED)).hasSize(1);
        assertThat(of(lifecycle, suiteId, EventTypes.SUITE_COMPLETED)).isEmpty();
    }

    @Test
    void aSuiteWhoseKindHasNoPhaseErrors() {
        String suiteId = UUID.randomUUID().toString();
        SuiteRequested request = new SuiteRequested("req-" + suiteId, "demo", "demo", List.of("performance"),
                "normal", true, null, null, null, null);
        publish(new SuiteAccepted(suiteId, "demo", request.requestId(), "rest", request, Instant.now(),
                PhasePlannerTest.manifest(List.of())));

        assertThat(events(lifecycle, suiteId, EventTypes.SUITE_COMPLETED, 1).get(0).getString("outcome"))
                .isEqualTo("errored");
    }

    @Test
    void thePlanCarriesTheCoverageOfTheRequestsAcceptanceCriteria() {
        String suiteId = UUID.randomUUID().toString();
        dev.suiteflow.events.Change change = new dev.suiteflow.events.Change(null, null, "Checkout",
                List.of(new dev.suiteflow.events.AcceptanceCriterion("CHK-1",
                                "A customer can check out a cart with items in stock."),
                        new dev.suiteflow.events.AcceptanceCriterion("WIZ-9",
                                "A wizard can teleport the warehouse to the moon at midnight.")));
        SuiteRequested request = new SuiteRequested("req-" + suiteId, "demo", "demo", List.of("structure"), "high",
                true, null, change, null, null);
        dev.suiteflow.events.ProjectManifest manifest = onDemoSources();
        publish(new SuiteAccepted(suiteId, "demo", request.requestId(), "rest", request, Instant.now(), manifest));

        io.vertx.core.json.JsonArray coverage = events(lifecycle, suiteId, EventTypes.SUITE_PLANNED, 1).get(0)
                .getJsonArray("coverage");
        assertThat(coverage).hasSize(2);
        JsonObject tagged = coverage.getJsonObject(0);
        assertThat(tagged.getString("criterionId")).isEqualTo("CHK-1");
        assertThat(tagged.getBoolean("gap")).isFalse();
        assertThat(tagged.getJsonArray("tests").stream().map(t -> ((JsonObject) t).getString("testId")).toList())
                .anyMatch(id -> id.endsWith("CheckoutFlowE2ETest#customerChecksOutATypedOrder"));
        JsonObject gap = coverage.getJsonObject(1);
        assertThat(gap.getBoolean("gap")).isTrue();
        assertThat(gap.getJsonArray("proposals")).isNotEmpty();

        publish(new CancelSuite(suiteId, "demo", "planner-test", "coverage seen", Instant.now()));
        events(lifecycle, suiteId, EventTypes.SUITE_CANCELLED, 1);
    }

    private String acceptAwaitingApproval(long timeoutSeconds) {
        String suiteId = UUID.randomUUID().toString();
        SuiteRequested request = new SuiteRequested("req-" + suiteId, "demo", "demo", List.of("structure"), "normal",
                true, null, null, new dev.suiteflow.events.ApprovalPolicy(true, timeoutSeconds, null), "planner-test");
        publish(new SuiteAccepted(suiteId, "demo", request.requestId(), "rest", request, Instant.now(),
                PhasePlannerTest.manifest(List.of())));
        JsonObject asked = events(lifecycle, suiteId, EventTypes.APPROVAL_REQUESTED, 1).get(0);
        assertThat(asked.getString("deadline")).isNotBlank();
        assertThat(of(lifecycle, suiteId, EventTypes.SUITE_PLANNED)).hasSize(1);
        return suiteId;
    }

    @Test
    void anApprovedSuiteRunsAndARejectedOneIsCancelledWithoutRunning() {
        String approved = acceptAwaitingApproval(3600);
        String rejected = acceptAwaitingApproval(3600);
        assertThat(of(lifecycle, approved, EventTypes.SUITE_STARTED)).isEmpty();

        publish(new dev.suiteflow.events.DecideApproval(approved, "acme", true, "mallory", "not mine",
                Instant.now()));
        publish(new dev.suiteflow.events.DecideApproval(approved, "demo", true, "alice", "plan looks right",
                Instant.now()));
        publish(new dev.suiteflow.events.DecideApproval(rejected, "demo", false, "alice", "wrong branch",
                Instant.now()));

        JsonObject decided = events(lifecycle, approved, EventTypes.APPROVAL_DECIDED, 1).get(0);
        assertThat(decided.getString("decision")).isEqualTo("approved");
        assertThat(decided.getString("decidedBy")).isEqualTo("alice");
        events(lifecycle, approved, EventTypes.SUITE_STARTED, 1);
        run(approved, requested(approved, "structure", 1), "passed", null);
        assertThat(events(lifecycle, approved, EventTypes.SUITE_COMPLETED, 1).get(0).getString("outcome"))
                .isEqualTo("passed");

        assertThat(events(lifecycle, rejected, EventTypes.APPROVAL_DECIDED, 1).get(0).getString("decision"))
                .isEqualTo("rejected");
        assertThat(events(lifecycle, rejected, EventTypes.SUITE_CANCELLED, 1).get(0).getString("reason"))
                .contains("wrong branch");
        assertThat(of(phaseRequests, rejected, EventTypes.PHASE_REQUESTED)).isEmpty();
    }

    @Test
    void noDecisionBeforeTheDeadlineRejectsTheSuite() {
        String suiteId = acceptAwaitingApproval(1);

        JsonObject decided = events(lifecycle, suiteId, EventTypes.APPROVAL_DECIDED, 1).get(0);
        assertThat(decided.getString("decision")).isEqualTo("timed_out");
        events(lifecycle, suiteId, EventTypes.SUITE_CANCELLED, 1);
        assertThat(of(phaseRequests, suiteId, EventTypes.PHASE_REQUESTED)).isEmpty();
    }

    /** The test manifest on the demo project's real sources, seen from this module's folder. */
    private static dev.suiteflow.events.ProjectManifest onDemoSources() {
        dev.suiteflow.events.ProjectManifest base = PhasePlannerTest.manifest(List.of());
        return new dev.suiteflow.events.ProjectManifest(base.project(), base.tenant(), base.revision(), null,
                new dev.suiteflow.events.ProjectManifest.Workspace("../demo/project", null, null), base.structure(),
                base.dependencies(), base.env(), base.phases(), base.parallel());
    }

    /** A project of its own, so that its test history is this test's alone: unit has three tests, two shards. */
    private static dev.suiteflow.events.ProjectManifest shardedProject(String project) {
        dev.suiteflow.events.ProjectManifest base = PhasePlannerTest.manifest(List.of());
        return new dev.suiteflow.events.ProjectManifest(project, "demo", 1, null, base.workspace(), List.of(),
                List.of(), base.env(), Map.of("unit", new dev.suiteflow.events.ProjectManifest.PhaseSpec(
                        List.of("mvn", "test"), ".", 300L, List.of("target/surefire-reports/TEST-*.xml"),
                        "-Dtest={tests}", List.of("a.ATest", "a.BTest", "a.CTest"), 2)), List.of());
    }

    private String acceptIn(dev.suiteflow.events.ProjectManifest manifest) {
        String suiteId = UUID.randomUUID().toString();
        SuiteRequested request = new SuiteRequested("req-" + suiteId, "demo", manifest.project(), List.of("unit"),
                "normal", true, null, null, null, "planner-test");
        publish(new SuiteAccepted(suiteId, "demo", request.requestId(), "rest", request, Instant.now(), manifest));
        return suiteId;
    }

    private static final Map<String, Long> MILLIS = Map.of("a.ATest", 4_000L, "a.BTest", 1_000L, "a.CTest", 1_000L);

    /** Plays a worker for one shard: each of its tests passes, except those named failing. */
    private void runShard(String suiteId, JsonObject requested, List<String> failing) {
        String runId = requested.getString("phaseRunId");
        int attempt = requested.getInteger("attempt");
        List<String> ids = requested.getJsonArray("tests").stream().map(Object::toString).toList();
        List<TestResult> results = ids.stream().map(id -> {
            String cls = id.contains("#") ? id.substring(0, id.indexOf('#')) : id;
            boolean fails = failing.contains(cls);
            return new TestResult(cls + "#works", "works", cls, fails ? "failed" : "passed", MILLIS.get(cls),
                    fails ? "expected: <1> but was: <2>" : null,
                    fails ? "org.opentest4j.AssertionFailedError: expected\n\tat " + cls + ".works(X.java:9)" : null);
        }).toList();
        boolean failed = results.stream().anyMatch(r -> r.status().equals("failed"));
        publish(new PhaseStarted(suiteId, "demo", runId, "unit", attempt, "test-worker", 1, Instant.now()));
        publish(new PhaseCompleted(suiteId, "demo", runId, "unit", attempt, failed ? "failed" : "passed",
                failed ? "test_failure" : null, failed ? "look at it" : null, failed ? 1 : 0, results, 1, 100, "",
                Instant.now()));
    }

    private static List<JsonObject> shardsOf(JsonObject planned) {
        JsonObject unit = planned.getJsonArray("phases").getJsonObject(0);
        return unit.getJsonArray("shards").stream().map(JsonObject.class::cast).toList();
    }

    @Test
    void historyOrdersTheNextPlanFailFirstAndBalancesItsShardsAndARerunOfWhatFailedIsRevisionTwo() {
        dev.suiteflow.events.ProjectManifest manifest = shardedProject("hist-" + UUID.randomUUID().toString()
                .substring(0, 8));

        // suite 1: no history yet; two shards; a.BTest fails
        String first = acceptIn(manifest);
        JsonObject plan1 = events(lifecycle, first, EventTypes.SUITE_PLANNED, 1).get(0);
        assertThat(plan1.getString("cause")).isEqualTo("accepted");
        assertThat(shardsOf(plan1)).hasSize(2);
        List<JsonObject> shardRequests = events(phaseRequests, first, EventTypes.PHASE_REQUESTED, 2);
        assertThat(shardRequests).extracting(r -> r.getString("phaseRunId")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(shardsOf(plan1).stream().map(s -> s.getString("phaseRunId"))
                        .toList());
        shardRequests.forEach(r -> runShard(first, r, List.of("a.BTest")));
        JsonObject done1 = events(lifecycle, first, EventTypes.SUITE_COMPLETED, 1).get(0);
        assertThat(done1.getString("outcome")).isEqualTo("failed");
        assertThat(done1.getJsonObject("totals").getInteger("phases")).isEqualTo(1);
        assertThat(done1.getJsonObject("totals").getInteger("tests")).isEqualTo(3);

        // a rerun of what failed: revision 2 runs only the failed test, and passes
        publish(new dev.suiteflow.events.RerunSuite(first, "demo", "failed", "alice", Instant.now()));
        JsonObject plan2 = events(lifecycle, first, EventTypes.SUITE_PLANNED, 2).stream()
                .filter(p -> p.getInteger("planRevision") == 2).findFirst().orElseThrow();
        assertThat(plan2.getString("cause")).isEqualTo("rerun-failed");
        JsonObject rerunPhase = plan2.getJsonArray("phases").getJsonObject(0);
        assertThat(rerunPhase.getString("selection")).isEqualTo("rerun");
        assertThat(rerunPhase.getJsonArray("tests").getJsonObject(0).getString("id")).isEqualTo("a.BTest#works");
        assertThat(rerunPhase.getJsonArray("tests").getJsonObject(0).getJsonArray("reasons").getString(0))
                .isEqualTo("failed in plan revision 1");
        String rerunRun = shardsOf(plan2).get(0).getString("phaseRunId");
        JsonObject rerunRequest = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> of(phaseRequests,
                first, EventTypes.PHASE_REQUESTED).stream().filter(r -> rerunRun.equals(r.getString("phaseRunId")))
                .findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(rerunRequest.getJsonArray("tests")).containsExactly("a.BTest#works");
        runShard(first, rerunRequest, List.of());
        assertThat(events(lifecycle, first, EventTypes.SUITE_COMPLETED, 2).get(1).getString("outcome"))
                .isEqualTo("passed");

        // suite 2 of the same project: a.BTest first (it failed), shards balanced by the recorded durations
        String second = acceptIn(manifest);
        JsonObject plan3 = events(lifecycle, second, EventTypes.SUITE_PLANNED, 1).get(0);
        JsonObject unit = plan3.getJsonArray("phases").getJsonObject(0);
        assertThat(unit.getJsonArray("tests").getJsonObject(0).getString("id")).isEqualTo("a.BTest");
        assertThat(unit.getJsonArray("tests").getJsonObject(0).getJsonArray("reasons").getList())
                .contains("failed 1 of the last 2 runs");
        List<JsonObject> shards = shardsOf(plan3);
        assertThat(shards).extracting(s -> s.getJsonArray("tests").getList().toString())
                .containsExactly("[a.ATest]", "[a.BTest, a.CTest]");
        assertThat(shards).extracting(s -> s.getDouble("expectedSeconds")).containsExactly(4.0, 2.0);
        publish(new CancelSuite(second, "demo", "planner-test", "plan seen", Instant.now()));
        events(lifecycle, second, EventTypes.SUITE_CANCELLED, 1);
    }

    @Test
    void requiredCriteriaWithoutTestsBlockApprovalUntilRejected() {
        String suiteId = UUID.randomUUID().toString();
        dev.suiteflow.events.Change change = new dev.suiteflow.events.Change(null, null, "Checkout", List.of(
                new dev.suiteflow.events.AcceptanceCriterion("CHK-1",
                        "A customer can check out a cart with items in stock."),
                new dev.suiteflow.events.AcceptanceCriterion("WIZ-9",
                        "A wizard can teleport the warehouse to the moon at midnight."),
                new dev.suiteflow.events.AcceptanceCriterion("NICE-1",
                        "Dragons are greeted by name in the launch ceremony.", false)));
        SuiteRequested request = new SuiteRequested("req-" + suiteId, "demo", "demo", List.of("structure"), "high",
                true, null, change, new dev.suiteflow.events.ApprovalPolicy(false, 3600L, true), null);
        dev.suiteflow.events.ProjectManifest manifest = onDemoSources();
        publish(new SuiteAccepted(suiteId, "demo", request.requestId(), "rest", request, Instant.now(), manifest));

        JsonObject asked = events(lifecycle, suiteId, EventTypes.APPROVAL_REQUESTED, 1).get(0);
        assertThat(asked.getJsonArray("uncoveredCriteria")).containsExactly("WIZ-9");
        assertThat(asked.getString("reason")).contains("WIZ-9").contains("blocked");

        // an approval is refused while WIZ-9 has no test; the rejection after it is the first decision
        publish(new dev.suiteflow.events.DecideApproval(suiteId, "demo", true, "alice", "ship it", Instant.now()));
        publish(new dev.suiteflow.events.DecideApproval(suiteId, "demo", false, "bob", "needs a test",
                Instant.now()));
        assertThat(events(lifecycle, suiteId, EventTypes.APPROVAL_DECIDED, 1).get(0).getString("decision"))
                .isEqualTo("rejected");
        events(lifecycle, suiteId, EventTypes.SUITE_CANCELLED, 1);
        assertThat(of(lifecycle, suiteId, EventTypes.SUITE_STARTED)).isEmpty();
    }

    @Test
    void readyMeansDatabaseAndKafkaReachable() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
