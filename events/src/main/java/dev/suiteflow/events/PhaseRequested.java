package dev.suiteflow.events;

import java.time.Instant;
import java.util.List;

/** Work for an executor worker: one attempt of one phase run. */
public record PhaseRequested(
        String suiteId,
        String tenant,
        String phaseRunId,
        String phase,
        int attempt,
        String priority,
        CommandSpec command,
        List<String> tests,
        long timeoutSeconds,
        Instant requestedAt) implements SuiteEvent {
}
