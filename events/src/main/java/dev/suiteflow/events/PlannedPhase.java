package dev.suiteflow.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One phase of a plan.
 *
 * @param order     position in the plan, from 0
 * @param group     phases with the same group run in parallel
 * @param selection how the phase's tests were chosen: {@code all} (the whole phase), {@code impact} (the tests a
 *                  change can affect), {@code requested} (named in the request), {@code rerun} (the tests that
 *                  failed in the previous plan revision) or {@code builtin} (a built-in phase's checks)
 * @param tests     the selected tests, ranked (with selection {@code all}: the phase's catalog, if the manifest
 *                  has one, while the phase runs its whole command)
 * @param skipped   tests the selection left out, so a later full run can check them
 * @param shards    the phase's runs: one, or several workers each running a share of the tests balanced by their
 *                  historical durations (absent in records written before shards existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlannedPhase(
        String name,
        int order,
        int group,
        String selection,
        List<SelectedTest> tests,
        List<String> skipped,
        long timeoutSeconds,
        List<PlannedShard> shards) {

    public PlannedPhase(String name, int order, int group, String selection, List<SelectedTest> tests,
            List<String> skipped, long timeoutSeconds) {
        this(name, order, group, selection, tests, skipped, timeoutSeconds, null);
    }

    /**
     * One run of a phase: the phase run id its PhaseRequested, PhaseStarted and PhaseCompleted carry.
     *
     * @param index           1-based
     * @param tests           the tests this shard runs, fail-first (empty: the phase's whole command)
     * @param expectedSeconds the sum of its tests' historical durations, null when unknown
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlannedShard(int index, String phaseRunId, List<String> tests, Double expectedSeconds) {
    }
}
