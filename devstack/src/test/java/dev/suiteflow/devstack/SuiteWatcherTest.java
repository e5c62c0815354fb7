package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading server-sent events and telling a person what they mean. */
class SuiteWatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void readsEventsWithIdsMultiLineDataAndComments() {
        List<String> stream = List.of(": keep-alive", "", "id: 1", "event: SuiteStarted", "data: {\"a\":",
                "data: 1}", "", "id: 2", "event: PhaseLog", "data:{}", "", "data: no event name", "");

        List<SuiteWatcher.Sse> events = new ArrayList<>();
        SuiteWatcher.events(stream.iterator()).forEachRemaining(events::add);

        assertThat(events).containsExactly(new SuiteWatcher.Sse("1", "SuiteStarted", "{\"a\":\n1}"),
                new SuiteWatcher.Sse("2", "PhaseLog", "{}"), new SuiteWatcher.Sse(null, "message", "no event name"));
    }

    @Test
    void showsThePlanInOrderWithParallelGroups() throws Exception {
        assertThat(SuiteWatcher.render("SuitePlanned", json("""
                {"manifestRevision": 2, "phases": [{"name": "structure", "group": 0}, {"name": "unit", "group": 1},
                 {"name": "integration", "group": 2}, {"name": "e2e", "group": 2}]}""")))
                .containsExactly("planned (manifest revision 2): structure → unit → integration ∥ e2e");
    }

    @Test
    void aRerunIsANewPlanRevisionAndShardsAreCounted() throws Exception {
        assertThat(SuiteWatcher.render("SuitePlanned", json("""
                {"manifestRevision": 3, "planRevision": 2, "cause": "rerun-failed", "phases": [
                 {"name": "unit", "group": 0, "shards": [{"index": 1}, {"index": 2}]},
                 {"name": "e2e", "group": 1, "shards": [{"index": 1}]}]}""")))
                .containsExactly("re-planned (plan revision 2, rerun-failed; manifest revision 3): unit (2 shards)"
                        + " → e2e");
    }

    @Test
    void theShardsOfAPhaseReadApart() throws Exception {
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        SuiteWatcher.render("SuitePlanned", json("""
                {"manifestRevision": 4, "phases": [{"name": "unit", "group": 0, "shards": [
                 {"index": 1, "phaseRunId": "run-a"}, {"index": 2, "phaseRunId": "run-b"}]},
                 {"name": "e2e", "group": 1, "shards": [{"index": 1, "phaseRunId": "run-c"}]}]}"""), labels);

        assertThat(SuiteWatcher.render("PhaseStarted", json("""
                {"phase": "unit", "phaseRunId": "run-b", "attempt": 1, "worker": "w1"}"""), labels))
                .containsExactly("▶ unit [2/2] started on w1");
        assertThat(SuiteWatcher.render("PhaseStarted", json("""
                {"phase": "e2e", "phaseRunId": "run-c", "attempt": 1, "worker": "w2"}"""), labels))
                .containsExactly("▶ e2e started on w2");
    }

    @Test
    void showsEveryTestAndWhatToDoAboutAFailure() throws Exception {
        List<String> lines = SuiteWatcher.render("PhaseCompleted", json("""
                {"phase": "integration", "status": "failed", "failureClass": "test_failure", "durationMs": 5012,
                 "exitCode": 1, "remediation": "Fix the rounding.",
                 "tests": [
                   {"id": "a.B#ok", "name": "ok", "className": "a.B", "status": "passed", "durationMs": 12},
                   {"id": "a.B#rounds", "name": "rounds", "className": "a.B", "status": "failed", "durationMs": 30,
                    "message": "expected: <8.49> but was: <8.50>\\nmore"}]}"""));

        assertThat(lines).containsExactly(
                "✘ integration failed (test_failure) in 5.0 s: 2 tests, 1 failed, exit code 1",
                "    ✔ B#ok (12 ms)",
                "    ✘ B#rounds (30 ms) — expected: <8.49> but was: <8.50>",
                "    what to do: Fix the rounding.");
    }

    @Test
    void summarisesTheOutcome() throws Exception {
        JsonNode completed = json("""
                {"outcome": "failed", "durationMs": 25100, "totals": {"phases": 5, "phasesPassed": 4, "tests": 20,
                 "testsPassed": 19, "testsSkipped": 0}}""");

        assertThat(SuiteWatcher.render("SuiteCompleted", completed))
                .containsExactly("finished: FAILED — 4/5 phases passed, 19/20 tests passed, 25.1 s");
        assertThat(SuiteWatcher.finalStatus("SuiteCompleted", completed)).isEqualTo("failed");
        assertThat(SuiteWatcher.render("PhaseLog", json("{}"))).isEmpty();
    }
}
