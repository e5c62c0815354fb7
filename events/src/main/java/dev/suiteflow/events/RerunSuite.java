package dev.suiteflow.events;

import java.time.Instant;

/**
 * Command: run a finished suite again under a new plan revision.
 *
 * @param scope {@code all} or {@code failed} (only the phases and tests that failed)
 */
public record RerunSuite(
        String suiteId,
        String tenant,
        String scope,
        String requestedBy,
        Instant requestedAt) implements SuiteEvent {
}
