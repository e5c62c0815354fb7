package dev.suiteflow.coverage;

import java.util.List;
import java.util.Locale;

import dev.suiteflow.events.CriterionCoverage;

/**
 * Risk of uncovered criteria: a gap weighs the suite request's priority — urgent 4, high 3, normal 2, low 1
 * (anything else or none counts as normal) — and a covered criterion 0. The suite's risk is the sum.
 */
public final class Risk {

    private Risk() {
    }

    public static int weight(String priority) {
        if (priority == null) {
            return 2;
        }
        return switch (priority.strip().toLowerCase(Locale.ROOT)) {
            case "urgent" -> 4;
            case "high" -> 3;
            case "low" -> 1;
            default -> 2;
        };
    }

    /** gap (1 or 0) × priority weight. */
    public static int of(CriterionCoverage criterion, String priority) {
        return criterion.gap() ? weight(priority) : 0;
    }

    /** The suite's summary. */
    public static Summary summarize(List<CriterionCoverage> coverage, String priority) {
        int gaps = 0;
        int risk = 0;
        for (CriterionCoverage c : coverage) {
            gaps += c.gap() ? 1 : 0;
            risk += of(c, priority);
        }
        return new Summary(coverage.size() - gaps, gaps, risk);
    }

    /**
     * @param covered criteria with at least one test at or above the threshold (or tagged)
     * @param gaps    criteria without
     * @param risk    Σ gap × priority weight
     */
    public record Summary(int covered, int gaps, int risk) {
    }
}
