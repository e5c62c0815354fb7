package dev.suiteflow.events;

import java.time.Instant;
import java.util.List;

/**
 * Ingest refused a request that arrived on {@code suite-requests}. There is no suite: {@code suiteId}
 * carries the sender's request id so that the record stays keyed and correlated.
 */
public record SuiteRejected(
        String suiteId,
        String tenant,
        String requestId,
        String reason,
        List<FieldError> errors,
        Instant rejectedAt) implements SuiteEvent {
}
