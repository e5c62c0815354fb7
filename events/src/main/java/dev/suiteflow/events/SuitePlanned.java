package dev.suiteflow.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The planner made (or remade) a plan for the suite. Every re-plan is a new revision; all are kept.
 *
 * @param cause why this revision exists: {@code accepted} (the first plan), {@code rerun} (RerunSuite of scope
 *              all), {@code rerun-failed} (RerunSuite of scope failed); absent in records written before it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuitePlanned(
        String suiteId,
        String tenant,
        int planRevision,
        String project,
        int manifestRevision,
        List<PlannedPhase> phases,
        List<CriterionCoverage> coverage,
        Instant plannedAt,
        String cause) implements SuiteEvent {

    public SuitePlanned(String suiteId, String tenant, int planRevision, String project, int manifestRevision,
            List<PlannedPhase> phases, List<CriterionCoverage> coverage, Instant plannedAt) {
        this(suiteId, tenant, planRevision, project, manifestRevision, phases, coverage, plannedAt, null);
    }
}
