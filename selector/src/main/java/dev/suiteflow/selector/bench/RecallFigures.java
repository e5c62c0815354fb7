package dev.suiteflow.selector.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The arithmetic of the recall benchmark: one bug's recall and selection share, and their summary. */
public final class RecallFigures {

    private RecallFigures() {
    }

    /**
     * One bug: the test classes it makes fail and what the selector chose for its file.
     *
     * @param project         e.g. {@code commons-cli 1.10.0→1.11.0}
     * @param file            the reverted file, workspace-relative
     * @param failing         the test classes that fail with the bug (and passed without it)
     * @param selected        the test classes safe mode selected (a method entry counts as its class)
     * @param catalogClasses  how many test classes the selector's catalog has
     */
    public record Bug(String project, String file, Set<String> failing, Set<String> selected, int catalogClasses) {

        public Bug {
            if (failing.isEmpty()) {
                throw new IllegalArgumentException("a bug makes at least one test class fail");
            }
            if (catalogClasses <= 0) {
                throw new IllegalArgumentException("empty catalog");
            }
        }

        /** Failing test classes inside the selection / all failing test classes. */
        public double recall() {
            return (double) (failing.size() - missed().size()) / failing.size();
        }

        /** Selected test classes / the catalog's test classes. */
        public double share() {
            return (double) selected.size() / catalogClasses;
        }

        /** The failing test classes the selection left out. */
        public Set<String> missed() {
            Set<String> m = new TreeSet<>(failing);
            m.removeAll(selected);
            return m;
        }
    }

    /**
     * Over several bugs (mean, min and the share of bugs at 100 % recall; mean and median selection share).
     */
    public record Summary(int bugs, double meanRecall, double minRecall, double fullRecallShare, double meanShare,
                          double medianShare, int failingClasses, int caughtClasses) {

        public static Summary of(Collection<Bug> bugs) {
            if (bugs.isEmpty()) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
            }
            double sumRecall = 0;
            double min = 1;
            int full = 0;
            int failing = 0;
            int caught = 0;
            List<Double> shares = new ArrayList<>();
            for (Bug b : bugs) {
                sumRecall += b.recall();
                min = Math.min(min, b.recall());
                full += b.missed().isEmpty() ? 1 : 0;
                failing += b.failing().size();
                caught += b.failing().size() - b.missed().size();
                shares.add(b.share());
            }
            return new Summary(bugs.size(), sumRecall / bugs.size(), min, (double) full / bugs.size(),
                    shares.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), median(shares),
                    failing, caught);
        }
    }

    /** The median (the mean of the two middle values for an even count). */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
