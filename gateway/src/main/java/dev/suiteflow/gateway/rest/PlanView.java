package dev.suiteflow.gateway.rest;

import java.time.Instant;
import java.util.List;

import dev.suiteflow.events.CriterionCoverage;

/**
 * One stored plan revision of a suite ({@code GET /api/suites/{id}/plans/{revision}}): its phases with their
 * shards and how their runs went, its coverage and, once known, the outcome of the suite under it.
 */
public record PlanView(
        String suiteId,
        int revision,
        String cause,
        Instant plannedAt,
        Integer manifestRevision,
        boolean current,
        String outcome,
        Instant completedAt,
        List<PhaseView> phases,
        List<CriterionCoverage> coverage,
        String url,
        String suiteUrl) {
}
