package dev.suiteflow.events;

import java.time.Instant;

/** Command: an operator approves or rejects a suite that awaits approval. */
public record DecideApproval(
        String suiteId,
        String tenant,
        boolean approve,
        String decidedBy,
        String comment,
        Instant requestedAt) implements SuiteEvent {
}
