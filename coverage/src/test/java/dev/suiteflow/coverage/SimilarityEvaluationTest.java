package dev.suiteflow.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.suiteflow.events.AcceptanceCriterion;
import dev.suiteflow.events.CriterionCoverage;
import dev.suiteflow.events.CriterionCoverage.CoverageLink;

/**
 * Precision and recall of the similarity-only mapping (no tags) on the labelled set, at the default threshold,
 * with the figures printed; the floors are the measured values less a small margin (see the README).
 */
class SimilarityEvaluationTest {

    /** Measured at the default threshold less a margin: a change that lowers them must say why. */
    static final double PRECISION_FLOOR = 0.70;
    static final double RECALL_FLOOR = 0.53;

    record Scores(int truePositives, int predicted, int relevant, int gapsRight, int gapsFlagged, int trueGaps,
            int criteria) {
        double precision() {
            return predicted == 0 ? 1 : (double) truePositives / predicted;
        }

        double recall() {
            return relevant == 0 ? 1 : (double) truePositives / relevant;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "precision %.3f (%d/%d)  recall %.3f (%d/%d)  F1 %.3f  gaps found %d/%d"
                            + " (flagged %d)", precision(), truePositives, predicted, recall(), truePositives, relevant,
                    f1(), gapsRight, trueGaps, gapsFlagged);
        }
    }

    static final Map<String, TestCatalog> CATALOGS = new LinkedHashMap<>();
    static List<EvalSet.Labelled> criteria;

    @BeforeAll
    static void load() {
        criteria = EvalSet.criteria();
        for (String project : List.of("demo", "accounts")) {
            CATALOGS.put(project, EvalSet.catalog(project));
        }
    }

    static Scores score(List<EvalSet.Labelled> set, double threshold, boolean print) {
        int tp = 0;
        int predicted = 0;
        int relevant = 0;
        int gapsRight = 0;
        int gapsFlagged = 0;
        int trueGaps = 0;
        CoverageOptions options = CoverageOptions.defaults().withoutTags().withThreshold(threshold).withNearMisses(0);
        for (String project : CATALOGS.keySet()) {
            List<EvalSet.Labelled> own = set.stream().filter(c -> c.project().equals(project)).toList();
            if (own.isEmpty()) {
                continue;
            }
            List<CriterionCoverage> mapped = CoverageMapper.map(
                    own.stream().map(c -> new AcceptanceCriterion(c.id(), c.text())).toList(),
                    CATALOGS.get(project), options);
            for (int i = 0; i < own.size(); i++) {
                EvalSet.Labelled c = own.get(i);
                CriterionCoverage m = mapped.get(i);
                Set<String> got = m.gap() ? Set.of()
                        : m.tests().stream().map(CoverageLink::testId).collect(Collectors.toSet());
                long hits = got.stream().filter(c.truth()::contains).count();
                tp += (int) hits;
                predicted += got.size();
                relevant += c.truth().size();
                trueGaps += c.truth().isEmpty() ? 1 : 0;
                gapsFlagged += m.gap() ? 1 : 0;
                gapsRight += m.gap() && c.truth().isEmpty() ? 1 : 0;
                if (print) {
                    System.out.printf(Locale.ROOT, "  %-4s %s %s%n", c.id(),
                            hits == c.truth().size() && got.size() == hits ? "ok  " : "MISS", c.text());
                    for (CoverageLink link : m.tests()) {
                        System.out.printf(Locale.ROOT, "         %s %.3f %s%n",
                                c.truth().contains(link.testId()) ? "+" : "-", link.confidence(),
                                link.testId().substring(link.testId().lastIndexOf('.') + 1));
                    }
                }
            }
        }
        return new Scores(tp, predicted, relevant, gapsRight, gapsFlagged, trueGaps, set.size());
    }

    static double bestThreshold(List<EvalSet.Labelled> set) {
        double best = 0;
        double bestF1 = -1;
        for (int step = 1; step <= 19; step++) {
            double t = step * 0.05;
            double f1 = score(set, t, false).f1();
            if (f1 > bestF1 + 1e-9) {
                bestF1 = f1;
                best = t;
            }
        }
        return Math.round(best * 100) / 100.0;
    }

    @Test
    void similarityMappingStaysAboveTheMeasuredFloors() {
        System.out.println("Similarity-only mapping over " + criteria.size() + " labelled criteria ("
                + criteria.stream().filter(c -> c.truth().isEmpty()).count() + " true gaps); catalogs: "
                + CATALOGS.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size() + " tests")
                        .collect(Collectors.joining(", ")));
        System.out.println("threshold  figures");
        for (int step = 1; step <= 19; step++) {
            double t = step * 0.05;
            System.out.printf(Locale.ROOT, "  %.2f     %s%n", t, score(criteria, t, false));
        }
        System.out.printf(Locale.ROOT, "best-F1 threshold on the whole set: %.2f%n", bestThreshold(criteria));
        for (String heldOut : CATALOGS.keySet()) {
            List<EvalSet.Labelled> train = criteria.stream().filter(c -> !c.project().equals(heldOut)).toList();
            List<EvalSet.Labelled> test = criteria.stream().filter(c -> c.project().equals(heldOut)).toList();
            double t = bestThreshold(train);
            System.out.printf(Locale.ROOT, "held out %-8s: threshold %.2f chosen on the other project -> %s%n",
                    heldOut, t, score(test, t, false));
        }
        double threshold = CoverageOptions.DEFAULT_THRESHOLD;
        System.out.printf(Locale.ROOT, "at the default threshold %.2f, per criterion:%n", threshold);
        Scores scores = score(criteria, threshold, true);
        for (String project : CATALOGS.keySet()) {
            System.out.printf(Locale.ROOT, "  %-8s %s%n", project,
                    score(criteria.stream().filter(c -> c.project().equals(project)).toList(), threshold, false));
        }
        System.out.printf(Locale.ROOT, "DEFAULT %.2f: %s%n", threshold, scores);

        assertThat(criteria).hasSizeGreaterThanOrEqualTo(25);
        assertThat(scores.precision()).as("precision").isGreaterThanOrEqualTo(PRECISION_FLOOR);
        assertThat(scores.recall()).as("recall").isGreaterThanOrEqualTo(RECALL_FLOOR);
    }

    @Test
    void everyLabelledTestExistsInItsCatalog() {
        List<String> missing = new ArrayList<>();
        for (EvalSet.Labelled c : criteria) {
            Set<String> ids = CATALOGS.get(c.project()).tests().stream().map(TestCase::id).collect(Collectors.toSet());
            c.truth().stream().filter(id -> !ids.contains(id)).forEach(id -> missing.add(c.id() + ": " + id));
        }
        assertThat(missing).isEmpty();
    }
}
