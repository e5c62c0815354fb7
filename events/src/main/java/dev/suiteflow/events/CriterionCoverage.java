package dev.suiteflow.events;

import java.util.List;

/**
 * How one acceptance criterion is covered.
 *
 * @param tests     tests mapped to it, each with its confidence and evidence
 * @param gap       no test reached the confidence threshold
 * @param proposals Given/When/Then scenario drafts for a gap, with the phase they belong in
 */
public record CriterionCoverage(
        String criterionId,
        String text,
        List<CoverageLink> tests,
        boolean gap,
        List<ScenarioProposal> proposals) {

    /** A test that covers the criterion. */
    public record CoverageLink(String testId, double confidence, String evidence) {
    }

    /** A drafted scenario for an uncovered criterion. */
    public record ScenarioProposal(String phase, String given, String when, String then) {
    }
}
