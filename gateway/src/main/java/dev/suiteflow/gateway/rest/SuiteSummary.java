package dev.suiteflow.gateway.rest;

import java.time.Instant;

/** A suite in a list. */
public record SuiteSummary(
        String suiteId,
        String requestId,
        String project,
        String status,
        String priority,
        String origin,
        String requestedBy,
        Integer planRevision,
        Integer manifestRevision,
        String outcome,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        String url,
        String eventsUrl) {
}
