package dev.suiteflow.gateway.rest;

import java.time.Instant;

/**
 * One plan revision of a suite, in the suite's {@code plans} list.
 *
 * @param cause   accepted (the first plan), rerun or rerun-failed; null for plans made before causes existed
 * @param outcome passed, failed, errored or cancelled once the suite ended under this revision; null before
 * @param current whether this is the revision the suite shows
 */
public record PlanSummary(int revision, String cause, Instant plannedAt, String outcome, Instant completedAt,
        boolean current, String url) {
}
