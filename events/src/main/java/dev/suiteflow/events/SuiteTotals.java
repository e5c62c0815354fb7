package dev.suiteflow.events;

/** Counts over a whole suite. */
public record SuiteTotals(
        int phases,
        int phasesPassed,
        int phasesFailed,
        int tests,
        int testsPassed,
        int testsFailed,
        int testsSkipped) {
}
