package dev.suiteflow.events;

import java.time.Instant;
import java.util.List;

/** The planner made (or remade) a plan for the suite. Every re-plan is a new revision. */
public record SuitePlanned(
        String suiteId,
        String tenant,
        int planRevision,
        String project,
        int manifestRevision,
        List<PlannedPhase> phases,
        List<CriterionCoverage> coverage,
        Instant plannedAt) implements SuiteEvent {
}
