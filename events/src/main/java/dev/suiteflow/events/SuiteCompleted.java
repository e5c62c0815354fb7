package dev.suiteflow.events;

import java.time.Instant;

/**
 * The suite finished.
 *
 * @param outcome {@code passed}, {@code failed} or {@code errored}
 */
public record SuiteCompleted(
        String suiteId,
        String tenant,
        String outcome,
        SuiteTotals totals,
        long durationMs,
        Instant completedAt) implements SuiteEvent {
}
