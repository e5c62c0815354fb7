package dev.suiteflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.suiteflow.devstack.SuiteWatcher;
import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.Topics;

/**
 * A suite's whole life across the five services on the real broker and database, running the demo project's real
 * tests: submitted over REST and over the topic, followed over SSE to the end, with per-test results, the failing
 * test's class and remediation, and a reconnect with Last-Event-ID that misses and duplicates nothing.
 */
class SuiteLifeIT {

    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(5);
    private static Platform platform;
    private static Platform.Follower lifecycle;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        platform = Platform.start();
        lifecycle = platform.follow(Topics.SUITE_LIFECYCLE);
    }

    @AfterAll
    static void stop() {
        if (lifecycle != null) {
            lifecycle.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** Reads a suite's stream from {@code lastEventId} (null: from the start) until it ends or {@code max} events. */
    private List<SuiteWatcher.Sse> read(String suiteId, String lastEventId, int max) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/suites/" + suiteId
                + "/events")).header("Authorization", "Bearer " + Platform.OPERATOR_KEY)
                .header("Accept", "text/event-stream").timeout(SUITE_TIMEOUT);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        List<SuiteWatcher.Sse> events = new ArrayList<>();
        if (response.statusCode() == 204) {
            return events;
        }
        assertThat(response.statusCode()).isEqualTo(200);
        try (Stream<String> lines = response.body()) {
            Iterator<SuiteWatcher.Sse> it = SuiteWatcher.events(lines.iterator());
            while (events.size() < max && it.hasNext()) {
                events.add(it.next());
            }
        }
        return events;
    }

    private static JsonNode data(SuiteWatcher.Sse event) {
        try {
            return Platform.JSON.readTree(event.data()).path("data");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> ofType(List<SuiteWatcher.Sse> events, String name) {
        return events.stream().filter(e -> name.equals(e.event())).map(SuiteLifeIT::data).toList();
    }

    private static JsonNode phase(List<SuiteWatcher.Sse> events, String phase) {
        return ofType(events, "PhaseCompleted").stream().filter(p -> phase.equals(p.path("phase").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no PhaseCompleted for " + phase));
    }

    private static List<Long> ids(List<SuiteWatcher.Sse> events) {
        return events.stream().map(e -> Long.parseLong(e.id())).toList();
    }

    @Test
    void theDemoSuiteSubmittedOverRestRunsItsRealTestsAndStreamsToTheEnd() throws Exception {
        Platform.Answer submitted = platform.post(Platform.GATEWAY + "/api/suites", Platform.operator(), """
                {"requestId": "it-life-%s", "project": "demo", "failFast": false,
                 "kinds": ["e2e", "unit", "integration", "dependencies", "structure"]}""".formatted(UUID.randomUUID()));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String suiteId = submitted.body().path("suiteId").asText();

        List<SuiteWatcher.Sse> events = read(suiteId, null, 100_000);

        assertThat(ids(events)).as("ids increase by one, from 1").isEqualTo(
                java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).extracting(SuiteWatcher.Sse::event).contains("SuiteAccepted", "SuitePlanned",
                "SuiteStarted", "PhaseStarted", "PhaseLog", "PhaseCompleted", "SuiteCompleted");
        JsonNode planned = ofType(events, "SuitePlanned").get(0);
        assertThat(planned.path("phases").findValuesAsText("name"))
                .containsExactly("structure", "dependencies", "unit", "integration", "e2e");

        // the manifest shards unit over two workers: two phase runs that share its 12 tests
        JsonNode plannedUnit = planned.path("phases").get(2);
        assertThat(plannedUnit.path("shards")).hasSize(2);
        List<JsonNode> unitRuns = ofType(events, "PhaseCompleted").stream()
                .filter(p -> "unit".equals(p.path("phase").asText())).toList();
        assertThat(unitRuns).hasSize(2);
        assertThat(unitRuns).extracting(p -> p.path("phaseRunId").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(plannedUnit.path("shards").findValuesAsText("phaseRunId"));
        List<String> unitTests = new ArrayList<>();
        for (JsonNode run : unitRuns) {
            assertThat(run.path("status").asText()).isEqualTo("passed");
            assertThat(run.path("exitCode").asInt()).isZero();
            assertThat(run.path("tests")).isNotEmpty();
            unitTests.addAll(run.path("tests").findValuesAsText("id"));
            assertThat(run.path("tests").findValuesAsText("status")).containsOnly("passed");
        }
        assertThat(unitTests).hasSize(12).doesNotHaveDuplicates();

        JsonNode integration = phase(events, "integration");
        assertThat(integration.path("status").asText()).isEqualTo("failed");
        assertThat(integration.path("failureClass").asText()).isEqualTo("test_failure");
        assertThat(integration.path("exitCode").asInt()).isNotZero();
        assertThat(integration.path("remediation").asText()).contains("discountIsRoundedToTheCent");
        JsonNode failing = null;
        for (JsonNode test : integration.path("tests")) {
            if (test.path("status").asText().equals("failed")) {
                assertThat(failing).as("exactly one failing test").isNull();
                failing = test;
            }
        }
        assertThat(failing).isNotNull();
        assertThat(failing.path("className").asText()).endsWith("CheckoutIntegrationTest");
        assertThat(failing.path("name").asText()).isEqualTo("discountIsRoundedToTheCent");
        assertThat(failing.path("message").asText()).contains("rounds to 1.50");
        assertThat(failing.path("stackTrace").asText()).contains("AssertionFailedError");

        JsonNode e2e = phase(events, "e2e");
        assertThat(e2e.path("status").asText()).isEqualTo("passed");
        assertThat(e2e.path("tests").findValuesAsText("name")).contains("checkoutWaitsForASlowPaymentProvider");
        assertThat(phase(events, "structure").path("status").asText()).isEqualTo("passed");
        // the only failed dependency check is optional (Redis): a warning, not a failure
        assertThat(phase(events, "dependencies").path("status").asText()).isEqualTo("passed");

        JsonNode completed = ofType(events, "SuiteCompleted").get(0);
        assertThat(completed.path("outcome").asText()).isEqualTo("failed");
        assertThat(completed.path("totals").path("phases").asInt()).isEqualTo(5);
        assertThat(completed.path("totals").path("phasesFailed").asInt()).isEqualTo(1);
        assertThat(completed.path("totals").path("testsFailed").asInt()).isEqualTo(1);

        // the read model agrees, with per-phase exit codes and per-test results
        JsonNode suite = platform.get(Platform.GATEWAY + "/api/suites/" + suiteId, Platform.operator()).body();
        assertThat(suite.path("status").asText()).isEqualTo("failed");
        assertThat(suite.toString()).contains("discountIsRoundedToTheCent", "test_failure");

        // a finished suite's stream replays the same events and ends; from its last id there is nothing left
        List<SuiteWatcher.Sse> replay = read(suiteId, null, 100_000);
        assertThat(replay).isEqualTo(events);
        assertThat(read(suiteId, events.get(events.size() - 1).id(), 10)).isEmpty();

        // the audit trail holds the suite's events in a valid chain
        Platform.Answer verify = platform.get(Platform.AUDIT + "/audit/suites/" + suiteId + "/verify",
                Map.of("X-Suiteflow-Tenant", "demo"));
        assertThat(verify.body().path("valid").asBoolean()).as(verify.body().toString()).isTrue();
        assertThat(verify.body().path("entries").asInt()).isGreaterThanOrEqualTo(events.size());

        // the gateway shows one unit row made of its two shards
        JsonNode unitRow = null;
        for (JsonNode p : suite.path("phases")) {
            unitRow = "unit".equals(p.path("name").asText()) ? p : unitRow;
        }
        assertThat(unitRow).as(suite.toString()).isNotNull();
        assertThat(unitRow.path("status").asText()).isEqualTo("passed");
        assertThat(unitRow.path("shards")).hasSize(2);

        // re-run what failed: plan revision 2 runs only the failing integration test, which fails again
        String lastId = events.get(events.size() - 1).id();
        Platform.Answer rerun = platform.post(Platform.GATEWAY + "/api/suites/" + suiteId + "/rerun",
                Platform.operator(), "{\"scope\": \"failed\"}");
        assertThat(rerun.status()).as(rerun.body().toString()).isEqualTo(202);
        List<SuiteWatcher.Sse> second = read(suiteId, lastId, 100_000);
        JsonNode replanned = ofType(second, "SuitePlanned").get(0);
        assertThat(replanned.path("planRevision").asInt()).isEqualTo(2);
        assertThat(replanned.path("cause").asText()).isEqualTo("rerun-failed");
        assertThat(replanned.path("phases").findValuesAsText("name")).containsExactly("integration");
        assertThat(replanned.path("phases").get(0).path("selection").asText()).isEqualTo("rerun");
        assertThat(replanned.path("phases").get(0).path("tests").findValuesAsText("id")).containsExactly(
                "dev.suiteflow.demo.inventory.CheckoutIntegrationTest#discountIsRoundedToTheCent");
        JsonNode again = phase(second, "integration");
        assertThat(again.path("tests")).hasSize(1);
        assertThat(again.path("tests").get(0).path("status").asText()).isEqualTo("failed");
        assertThat(ofType(second, "SuiteCompleted").get(0).path("outcome").asText()).isEqualTo("failed");
        JsonNode after = platform.get(Platform.GATEWAY + "/api/suites/" + suiteId, Platform.operator()).body();
        assertThat(after.path("planRevision").asInt()).isEqualTo(2);
        assertThat(after.path("plans")).hasSize(2);
        assertThat(after.path("plans").findValuesAsText("cause")).containsExactly("accepted", "rerun-failed");
    }

    @Test
    void aSuiteRequestedOnTheTopicRunsTheNamedTestsAndAReconnectMissesNothing() throws Exception {
        String requestId = "it-topic-life-" + UUID.randomUUID();
        ObjectNode request = Platform.JSON.createObjectNode().put("requestId", requestId).put("tenant", "demo")
                .put("project", "demo").put("priority", "urgent");
        request.putArray("kinds").add("unit");
        request.putObject("tests").putArray("unit").add("dev.suiteflow.demo.inventory.InventoryTest");

        platform.publishCloudEvent(Topics.SUITE_REQUESTS, requestId, EventTypes.SUITE_REQUESTED, request);
        JsonNode answer = Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> lifecycle.withData("requestId", requestId), l -> !l.isEmpty()).get(0);
        assertThat(answer.path("type").asText()).isEqualTo(EventTypes.SUITE_ACCEPTED);
        String suiteId = answer.path("data").path("suiteId").asText();

        // the gateway knows the suite once SuiteAccepted reached it through its own consumer
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> platform.get(Platform.GATEWAY
                + "/api/suites/" + suiteId, Platform.operator()).status() == 200);
        // read the first three events, drop the connection, then reconnect with the last id received
        List<SuiteWatcher.Sse> first = read(suiteId, null, 3);
        assertThat(first).hasSize(3);
        List<SuiteWatcher.Sse> rest = read(suiteId, first.get(2).id(), 100_000);
        List<SuiteWatcher.Sse> joined = new ArrayList<>(first);
        joined.addAll(rest);

        List<SuiteWatcher.Sse> whole = read(suiteId, null, 100_000);
        assertThat(joined).as("first part + reconnect = the whole stream: nothing missed, nothing twice")
                .isEqualTo(whole);
        assertThat(ids(joined)).doesNotHaveDuplicates().isSorted();

        JsonNode unit = phase(whole, "unit");
        assertThat(unit.path("status").asText()).isEqualTo("passed");
        assertThat(unit.path("tests").findValuesAsText("className")).containsOnly(
                "dev.suiteflow.demo.inventory.InventoryTest");
        assertThat(ofType(whole, "SuiteCompleted").get(0).path("outcome").asText()).isEqualTo("passed");
    }

    private String submitAwaitingApproval() {
        Platform.Answer submitted = platform.post(Platform.GATEWAY + "/api/suites", Platform.operator(), """
                {"requestId": "it-approval-%s", "project": "demo", "kinds": ["structure"],
                 "approval": {"required": true, "timeoutSeconds": 3600}}""".formatted(UUID.randomUUID()));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String suiteId = submitted.body().path("suiteId").asText();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> platform.get(Platform.GATEWAY
                + "/api/suites/" + suiteId, Platform.operator()).body().path("status").asText(),
                "awaiting_approval"::equals);
        return suiteId;
    }

    private String awaitFinal(String suiteId) {
        return Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> platform.get(Platform.GATEWAY
                + "/api/suites/" + suiteId, Platform.operator()).body().path("status").asText(),
                s -> java.util.Set.of("passed", "failed", "errored", "cancelled").contains(s));
    }

    @Test
    void anOperatorApprovesOneSuiteAndRejectsAnotherThroughTheGateway() throws Exception {
        String approved = submitAwaitingApproval();
        String rejected = submitAwaitingApproval();

        Platform.Answer approve = platform.post(Platform.GATEWAY + "/api/suites/" + approved + "/approve",
                Platform.operator(), "{\"comment\": \"plan looks right\"}");
        assertThat(approve.status()).as(approve.body().toString()).isEqualTo(202);
        Platform.Answer reject = platform.post(Platform.GATEWAY + "/api/suites/" + rejected + "/reject",
                Platform.operator(), "{\"comment\": \"wrong branch\"}");
        assertThat(reject.status()).isEqualTo(202);
        Platform.Answer viewer = platform.post(Platform.GATEWAY + "/api/suites/" + rejected + "/reject",
                Map.of("Authorization", "Bearer demo-viewer-key"), "{}");
        assertThat(viewer.status()).isEqualTo(403);

        assertThat(awaitFinal(approved)).isEqualTo("passed");
        assertThat(awaitFinal(rejected)).isEqualTo("cancelled");
        List<SuiteWatcher.Sse> events = read(rejected, null, 1000);
        assertThat(events).extracting(SuiteWatcher.Sse::event).contains("ApprovalRequested", "ApprovalDecided",
                "SuiteCancelled").doesNotContain("PhaseStarted");
        // deciding again is a conflict: the suite no longer awaits approval
        assertThat(platform.post(Platform.GATEWAY + "/api/suites/" + approved + "/approve", Platform.operator(),
                "").status()).isEqualTo(409);
    }

    @Test
    void aSuiteWithoutAnApprovalDecisionBeforeItsTimeoutIsRejectedAndNeverRuns() throws Exception {
        // 3 s: the platform here lets ingest accept it (suiteflow.ingest.approval.min-timeout-seconds=1; 60 by
        // default) and the planner look for expired approvals every second
        Platform.Answer submitted = platform.post(Platform.GATEWAY + "/api/suites", Platform.operator(), """
                {"requestId": "it-approval-timeout-%s", "project": "demo", "kinds": ["structure"],
                 "approval": {"required": true, "timeoutSeconds": 3}}""".formatted(UUID.randomUUID()));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String suiteId = submitted.body().path("suiteId").asText();

        // followed from the start until its stream ends: nobody decides
        List<SuiteWatcher.Sse> events = read(suiteId, null, 1000);

        assertThat(events).extracting(SuiteWatcher.Sse::event).containsSubsequence("SuitePlanned",
                "ApprovalRequested", "ApprovalDecided", "SuiteCancelled").doesNotContain("SuiteStarted",
                        "PhaseStarted", "SuiteCompleted");
        JsonNode requested = ofType(events, "ApprovalRequested").get(0);
        assertThat(java.time.Duration.between(java.time.Instant.parse(requested.path("requestedAt").asText()),
                java.time.Instant.parse(requested.path("deadline").asText()))).isEqualTo(Duration.ofSeconds(3));
        // the planner reports a timeout as the decision timed_out by nobody, then cancels the suite as rejected
        JsonNode decided = ofType(events, "ApprovalDecided").get(0);
        assertThat(decided.path("decision").asText()).isEqualTo("timed_out");
        assertThat(decided.path("decidedBy").isMissingNode() || decided.path("decidedBy").isNull()).isTrue();
        assertThat(decided.path("comment").asText()).startsWith("No decision before");
        JsonNode cancelled = ofType(events, "SuiteCancelled").get(0);
        assertThat(cancelled.path("cancelledBy").asText()).isEqualTo("suiteflow");
        assertThat(cancelled.path("reason").asText()).startsWith("No approval decision before").endsWith("rejected");

        // the gateway's read model: ended (cancelled, with the rejection as its detail), and no longer approvable
        JsonNode suite = platform.get(Platform.GATEWAY + "/api/suites/" + suiteId, Platform.operator()).body();
        assertThat(suite.path("status").asText()).isEqualTo("cancelled");
        assertThat(suite.path("detail").asText()).isEqualTo(cancelled.path("reason").asText());
        assertThat(suite.path("completedAt").asText()).isNotEmpty();
        assertThat(suite.path("phases").findValuesAsText("status")).doesNotContain("running", "passed", "failed");
        Platform.Answer late = platform.post(Platform.GATEWAY + "/api/suites/" + suiteId + "/approve",
                Platform.operator(), "");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().path("detail").asText()).contains("cancelled");
    }

    @Test
    void aTestIdWithShellCharactersIsRefusedAtSubmit() {
        Platform.Answer refused = platform.post(Platform.GATEWAY + "/api/suites", Platform.operator(), """
                {"requestId": "it-shell", "project": "demo", "kinds": ["unit"],
                 "tests": {"unit": ["InventoryTest; rm -rf /"]}}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").findValuesAsText("field")).containsExactly("tests.unit[0]");
    }
}
