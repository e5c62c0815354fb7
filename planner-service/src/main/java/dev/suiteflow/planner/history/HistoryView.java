package dev.suiteflow.planner.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import dev.suiteflow.selector.TestHistory;

/**
 * What a project's test history says about each test class, from its last {@link #WINDOW} runs: failures, whether
 * the last run failed, flakiness (passed and failed on the same code revision), the usual duration and how many
 * different failures it had. Pure: built from rows the store read. Feeds the selector's ranking (as a
 * {@link TestHistory}), the fail-first order of a phase's tests, and the balance of its shards.
 */
public final class HistoryView implements TestHistory {

    /** Runs per test class that count. */
    public static final int WINDOW = 10;

    /**
     * One run of a test class in one phase run attempt.
     *
     * @param codeRevision the workspace commit it ran on, or null when unknown (not a git checkout, or changed)
     * @param failed       a test of the class failed or errored
     * @param durationMs   the class's tests together
     * @param fingerprint  of the first failure, null when it passed
     */
    public record Run(String testClass, String codeRevision, boolean failed, long durationMs, String fingerprint,
            Instant at) {
    }

    /**
     * A class's figures.
     *
     * @param meanSeconds   mean duration of its passed runs (null: none passed yet)
     * @param flakyRevision a revision it both passed and failed on, or null
     * @param fingerprints  different failures among its failed runs
     */
    public record Stats(int runs, int failures, boolean lastFailed, Double meanSeconds, String flakyRevision,
            int fingerprints) {
    }

    private static final HistoryView EMPTY = new HistoryView(Map.of());

    private final Map<String, Stats> byClass;

    private HistoryView(Map<String, Stats> byClass) {
        this.byClass = byClass;
    }

    public static HistoryView empty() {
        return EMPTY;
    }

    public static HistoryView of(List<Run> runs) {
        Map<String, List<Run>> grouped = new HashMap<>();
        for (Run run : runs) {
            grouped.computeIfAbsent(run.testClass(), k -> new ArrayList<>()).add(run);
        }
        Map<String, Stats> stats = new HashMap<>();
        grouped.forEach((cls, list) -> {
            list.sort(Comparator.comparing(Run::at).reversed());
            List<Run> window = list.subList(0, Math.min(WINDOW, list.size()));
            int failures = (int) window.stream().filter(Run::failed).count();
            OptionalDouble mean = window.stream().filter(r -> !r.failed()).mapToLong(Run::durationMs).average();
            Set<String> passedOn = new HashSet<>();
            Set<String> failedOn = new HashSet<>();
            Set<String> fingerprints = new HashSet<>();
            for (Run r : window) {
                if (r.codeRevision() != null) {
                    (r.failed() ? failedOn : passedOn).add(r.codeRevision());
                }
                if (r.failed() && r.fingerprint() != null) {
                    fingerprints.add(r.fingerprint());
                }
            }
            String flaky = window.stream().map(Run::codeRevision)
                    .filter(rev -> rev != null && passedOn.contains(rev) && failedOn.contains(rev))
                    .findFirst().orElse(null);
            stats.put(cls, new Stats(window.size(), failures, window.get(0).failed(),
                    mean.isPresent() ? mean.getAsDouble() / 1000.0 : null, flaky, fingerprints.size()));
        });
        return new HistoryView(Map.copyOf(stats));
    }

    public boolean isEmpty() {
        return byClass.isEmpty();
    }

    /** The figures of a test (a {@code Class#method} id counts as its class), or null when it never ran. */
    public Stats stats(String test) {
        return byClass.get(classOf(test));
    }

    static String classOf(String test) {
        int hash = test.indexOf('#');
        return hash < 0 ? test : test.substring(0, hash);
    }

    /**
     * Fail-first rank: 0 failed in its last run, 1 flaky, 2 failed earlier in the window, 3 no failure or unknown.
     */
    public int rank(String test) {
        Stats s = stats(test);
        if (s == null || s.failures() == 0) {
            return 3;
        }
        return s.lastFailed() ? 0 : s.flakyRevision() != null ? 1 : 2;
    }

    /** The given tests in fail-first order: by {@link #rank}, then failure rate, then their given order. */
    public List<String> failFirst(List<String> tests) {
        List<String> ordered = new ArrayList<>(tests);
        ordered.sort(Comparator.comparingInt(this::rank).thenComparingDouble(t -> -failureRate(t)));
        return ordered;
    }

    private double failureRate(String test) {
        Stats s = stats(test);
        return s == null || s.runs() == 0 ? 0 : (double) s.failures() / s.runs();
    }

    /** What history says about a test, for a plan's reasons; empty when nothing worth saying. */
    public List<String> reasons(String test) {
        Stats s = stats(test);
        if (s == null || s.failures() == 0) {
            return List.of();
        }
        List<String> reasons = new ArrayList<>();
        if (s.lastFailed()) {
            reasons.add("failed in its last run");
        }
        if (s.flakyRevision() != null) {
            reasons.add("flaky: passed and failed on revision " + abbreviate(s.flakyRevision()));
        }
        reasons.add("failed " + s.failures() + " of the last " + s.runs() + " runs");
        if (s.fingerprints() > 1) {
            reasons.add(s.fingerprints() + " different failures in the last " + s.runs() + " runs");
        }
        return reasons;
    }

    private static String abbreviate(String revision) {
        return revision.length() > 10 ? revision.substring(0, 10) : revision;
    }

    // ---- TestHistory, for the selector's ranking

    @Override
    public Runs runs(String test) {
        Stats s = stats(test);
        return s == null ? null : new Runs(s.failures(), s.runs());
    }

    @Override
    public int coChanges(String testClass, String changedPath) {
        return 0; // the selector reads co-change from git itself
    }

    @Override
    public OptionalDouble durationSeconds(String test) {
        Stats s = stats(test);
        return s == null || s.meanSeconds() == null || test.contains("#") ? OptionalDouble.empty()
                : OptionalDouble.of(s.meanSeconds());
    }
}
