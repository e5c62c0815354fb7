package dev.suiteflow.events;

import java.time.Instant;

/** Command: stop a suite and any phase of it that runs. */
public record CancelSuite(
        String suiteId,
        String tenant,
        String requestedBy,
        String reason,
        Instant requestedAt) implements SuiteEvent {
}
