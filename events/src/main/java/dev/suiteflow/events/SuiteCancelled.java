package dev.suiteflow.events;

import java.time.Instant;

/** The suite was cancelled by an operator (or because its approval was rejected). */
public record SuiteCancelled(
        String suiteId,
        String tenant,
        String cancelledBy,
        String reason,
        Instant cancelledAt) implements SuiteEvent {
}
