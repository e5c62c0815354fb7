package dev.suiteflow.gateway.rest;

import java.time.Instant;
import java.util.List;

import dev.suiteflow.events.SelectedTest;
import dev.suiteflow.events.TestResult;

/**
 * A phase of a suite: its place in the plan and its latest attempt.
 *
 * @param status      planned, running, passed, failed, errored or cancelled
 * @param queueWaitMs time between the request of the attempt and its start on a worker
 * @param runMs       time the attempt ran (from PhaseCompleted)
 * @param elapsedMs   time run so far, from the latest heartbeat of a running attempt
 */
public record PhaseView(
        String name,
        Integer order,
        Integer group,
        String selection,
        List<SelectedTest> selectedTests,
        List<String> skippedTests,
        Long timeoutSeconds,
        String status,
        String phaseRunId,
        Integer attempt,
        String worker,
        Long queueWaitMs,
        Long runMs,
        Long elapsedMs,
        Instant startedAt,
        Instant completedAt,
        Instant lastHeartbeatAt,
        Integer exitCode,
        String failureClass,
        String remediation,
        String logExcerpt,
        TestCounts testCounts,
        List<TestResult> tests) {

    public record TestCounts(int total, int passed, int failed, int skipped) {
    }
}
