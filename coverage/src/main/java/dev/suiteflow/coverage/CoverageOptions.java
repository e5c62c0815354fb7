package dev.suiteflow.coverage;

/**
 * How {@link CoverageMapper} maps.
 *
 * @param threshold   the confidence a similar test needs to cover a criterion, in [0, 1]
 * @param maxLinks    the most similar tests linked to one criterion (tagged tests are all linked)
 * @param nearMisses  for a gap, the best tests below the threshold listed anyway (with "below the threshold" in
 *                    their evidence) if their confidence is at least half the threshold; 0 for none
 * @param useTags     map {@code [REQ:ID]}-tagged tests first; false gives the similarity-only mapping the
 *                    evaluation measures
 * @param relative    a similar test must also reach this fraction of the best test's confidence for the same
 *                    criterion (0 turns it off): siblings of the right test share its words, and this keeps the
 *                    clearly weaker ones out
 */
public record CoverageOptions(double threshold, int maxLinks, int nearMisses, boolean useTags, double relative) {

    /** Chosen on the labelled set in {@code src/test/resources/eval} (see the README). */
    public static final double DEFAULT_THRESHOLD = 0.35;
    /** Chosen on the labelled set too. */
    public static final double DEFAULT_RELATIVE = 0.6;

    public CoverageOptions {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (!(relative >= 0 && relative <= 1)) {
            throw new IllegalArgumentException("relative must be in [0, 1], got " + relative);
        }
        if (maxLinks < 1 || nearMisses < 0) {
            throw new IllegalArgumentException("maxLinks must be at least 1 and nearMisses not negative");
        }
    }

    public static CoverageOptions defaults() {
        return new CoverageOptions(DEFAULT_THRESHOLD, 5, 2, true, DEFAULT_RELATIVE);
    }

    public CoverageOptions withThreshold(double value) {
        return new CoverageOptions(value, maxLinks, nearMisses, useTags, relative);
    }

    public CoverageOptions withNearMisses(int value) {
        return new CoverageOptions(threshold, maxLinks, value, useTags, relative);
    }

    public CoverageOptions withRelative(double value) {
        return new CoverageOptions(threshold, maxLinks, nearMisses, useTags, value);
    }

    public CoverageOptions withoutTags() {
        return new CoverageOptions(threshold, maxLinks, nearMisses, false, relative);
    }
}
