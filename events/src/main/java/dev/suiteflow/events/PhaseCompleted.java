package dev.suiteflow.events;

import java.time.Instant;
import java.util.List;

/**
 * A phase run attempt ended.
 *
 * @param status       {@code passed}, {@code failed}, {@code errored} or {@code cancelled}
 * @param failureClass null when passed; else test_failure, timeout, misconfiguration, missing_dependency,
 *                     infrastructure or cancelled
 * @param remediation  what a person can do about the failure
 * @param exitCode     the command's exit code, null when none ran or it was killed
 */
public record PhaseCompleted(
        String suiteId,
        String tenant,
        String phaseRunId,
        String phase,
        int attempt,
        String status,
        String failureClass,
        String remediation,
        Integer exitCode,
        List<TestResult> tests,
        long queueWaitMs,
        long durationMs,
        String logExcerpt,
        Instant completedAt) implements SuiteEvent {
}
