package dev.suiteflow.gateway.rest;

import java.time.Instant;
import java.util.List;

import dev.suiteflow.events.CriterionCoverage;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.SuiteTotals;

/**
 * A suite as the API shows it: the request, the plan with its phases (each with its latest attempt, timings,
 * exit code, failure class, remediation and per-test results), totals and outcome.
 *
 * @param status pending (only phase events seen so far), accepted, planned, awaiting_approval, running, passed,
 *               failed, errored, cancelled or rejected
 * @param planRevision      the current plan revision, whose phases {@code phases} shows
 * @param plans             every plan revision, oldest first (each at {@code /api/suites/{id}/plans/{revision}})
 * @param uncoveredCriteria while the suite awaits approval: the required acceptance criteria no test covers; while
 *                          any remain, the suite cannot be approved (only rejected, or re-planned)
 * @param approvalDeadline  while the suite awaits approval: when no decision rejects it
 * @param rerunRequestedBy  who asked for the latest re-run (and when, and its scope)
 * @param logs              how many log lines are stored, and how many were dropped over the per-suite cap
 */
public record SuiteView(
        String suiteId,
        String requestId,
        String project,
        String status,
        String priority,
        List<String> kinds,
        Boolean failFast,
        String origin,
        String requestedBy,
        Integer planRevision,
        Integer manifestRevision,
        String outcome,
        String detail,
        List<FieldError> errors,
        SuiteTotals totals,
        Long durationMs,
        Instant createdAt,
        Instant acceptedAt,
        Instant startedAt,
        Instant completedAt,
        Instant updatedAt,
        String cancelRequestedBy,
        Instant cancelRequestedAt,
        List<PhaseView> phases,
        List<PlanSummary> plans,
        List<String> uncoveredCriteria,
        Instant approvalDeadline,
        String rerunRequestedBy,
        Instant rerunRequestedAt,
        String rerunScope,
        List<CriterionCoverage> coverage,
        LogSummary logs,
        String url,
        String eventsUrl,
        String logsUrl) {

    /** Stored and dropped log lines of the suite, and the cap. */
    public record LogSummary(long stored, long dropped, long cap) {
    }
}
