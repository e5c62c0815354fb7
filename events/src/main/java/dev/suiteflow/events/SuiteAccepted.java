package dev.suiteflow.events;

import java.time.Instant;

/**
 * Ingest accepted a request and gave it a suite id.
 *
 * @param origin  {@code rest} or {@code kafka}
 * @param request the request, normalised (defaults filled in)
 */
public record SuiteAccepted(
        String suiteId,
        String tenant,
        String requestId,
        String origin,
        SuiteRequested request,
        Instant acceptedAt,
        ProjectManifest manifest) implements SuiteEvent {
}
