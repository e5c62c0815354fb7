package dev.suiteflow.events;

import java.util.List;

/**
 * One phase of a plan.
 *
 * @param order     position in the plan, from 0
 * @param group     phases with the same group run in parallel
 * @param selection {@code all} or {@code impact}
 * @param tests     the selected tests (empty with selection {@code all}: the phase runs its whole suite)
 * @param skipped   tests a budget selection left out, so a later full run can check them
 */
public record PlannedPhase(
        String name,
        int order,
        int group,
        String selection,
        List<SelectedTest> tests,
        List<String> skipped,
        long timeoutSeconds) {
}
