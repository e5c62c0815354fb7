package dev.suiteflow.events;

import java.time.Instant;

/** A worker took a phase run attempt and started it. */
public record PhaseStarted(
        String suiteId,
        String tenant,
        String phaseRunId,
        String phase,
        int attempt,
        String worker,
        long queueWaitMs,
        Instant startedAt) implements SuiteEvent {
}
