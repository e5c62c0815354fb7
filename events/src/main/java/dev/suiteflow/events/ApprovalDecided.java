package dev.suiteflow.events;

import java.time.Instant;

/**
 * The approval gate closed.
 *
 * @param decision {@code approved}, {@code rejected} or {@code timed_out}
 */
public record ApprovalDecided(
        String suiteId,
        String tenant,
        String decision,
        String decidedBy,
        String comment,
        Instant decidedAt) implements SuiteEvent {
}
