package dev.suiteflow.gateway.rest;

import java.time.Instant;
import java.util.List;

import dev.suiteflow.events.SelectedTest;
import dev.suiteflow.events.TestResult;

/**
 * A phase of a plan revision: its place in the plan and how its runs went. A phase runs as one shard or several
 * (each its own phase run id, on its own worker); the phase's status and counts aggregate its shards.
 *
 * @param status      planned, running (while any shard runs, or some have finished and others not started),
 *                    failed (any shard failed), errored (any errored, none failed), cancelled, or passed (every
 *                    shard passed)
 * @param phaseRunId  the phase run id when the phase has one shard (null with several: see {@code shards})
 * @param attempt     the highest attempt of its shards
 * @param worker      the worker of a one-shard phase
 * @param queueWaitMs the longest wait of a shard between its request and its start on a worker
 * @param runMs       the longest run time of a shard (from PhaseCompleted)
 * @param elapsedMs   time run so far, from the latest heartbeat of a running shard
 * @param startedAt   the first shard's start; {@code completedAt} the last shard's end, once all ended
 * @param exitCode    of the first failed (else errored, cancelled) shard; 0 when every shard exited 0
 * @param testCounts  summed over the shards; {@code tests} the per-test results of every shard, in shard order
 * @param shards      the phase's shards in index order, each with its own run
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
        List<TestResult> tests,
        List<ShardView> shards) {

    public record TestCounts(int total, int passed, int failed, int skipped) {
    }

    /**
     * One shard of a phase: its phase run and that run's latest attempt.
     *
     * @param index           1-based
     * @param plannedTests    how many tests the plan gave the shard (0: the phase's whole command; null when the
     *                        plan did not list shards)
     * @param expectedSeconds the planner's estimate from the tests' history, null when unknown
     * @param status          planned (no event of its run yet), running, passed, failed, errored or cancelled
     */
    public record ShardView(
            int index,
            String phaseRunId,
            String status,
            Integer attempt,
            String worker,
            Integer plannedTests,
            Double expectedSeconds,
            Long queueWaitMs,
            Long runMs,
            Long elapsedMs,
            Instant startedAt,
            Instant completedAt,
            Instant lastHeartbeatAt,
            Integer exitCode,
            String failureClass,
            String remediation,
            TestCounts testCounts,
            String logsUrl) {
    }
}
