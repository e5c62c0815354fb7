package dev.suiteflow.events;

import java.time.Instant;

/** The suite waits for an operator's decision on the plan until {@code deadline}. */
public record ApprovalRequested(
        String suiteId,
        String tenant,
        int planRevision,
        String reason,
        Instant deadline,
        Instant requestedAt) implements SuiteEvent {
}
