package dev.suiteflow.events;

import java.time.Instant;

/** A running phase is still alive on its worker. */
public record PhaseHeartbeat(
        String suiteId,
        String tenant,
        String phaseRunId,
        String phase,
        int attempt,
        String worker,
        long elapsedMs,
        Instant at) implements SuiteEvent {
}
