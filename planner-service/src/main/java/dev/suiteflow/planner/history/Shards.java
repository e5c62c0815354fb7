package dev.suiteflow.planner.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Splits a phase's tests into shards of about equal expected time: the longest first, each to the shard with the
 * least time so far (LPT). A test without a known duration counts as the median of the known ones (1 s when none
 * is known). Within a shard the tests keep the order they were given (fail-first).
 */
public final class Shards {

    static final double UNKNOWN_SECONDS = 1.0;

    /** One shard: its tests and their expected seconds (null when no test's duration was known). */
    public record Shard(List<String> tests, Double expectedSeconds) {
    }

    private Shards() {
    }

    public static List<Shard> split(List<String> tests, int max, HistoryView history) {
        int n = Math.max(1, Math.min(max, tests.size()));
        List<Double> known = tests.stream().map(history::durationSeconds).filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble).sorted().toList();
        double fallback = known.isEmpty() ? UNKNOWN_SECONDS : known.get(known.size() / 2);
        if (n == 1) {
            return List.of(new Shard(List.copyOf(tests), known.isEmpty() ? null
                    : tests.stream().mapToDouble(t -> history.durationSeconds(t).orElse(fallback)).sum()));
        }
        List<Integer> byDuration = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            byDuration.add(i);
        }
        byDuration.sort(Comparator.comparingDouble((Integer i) -> -history.durationSeconds(tests.get(i))
                .orElse(fallback)).thenComparing(i -> i));
        double[] load = new double[n];
        int[] shardOf = new int[tests.size()];
        for (int i : byDuration) {
            int least = 0;
            for (int s = 1; s < n; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            shardOf[i] = least;
            load[least] += history.durationSeconds(tests.get(i)).orElse(fallback);
        }
        List<Shard> shards = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < tests.size(); i++) {
                if (shardOf[i] == s) {
                    mine.add(tests.get(i));
                }
            }
            shards.add(new Shard(List.copyOf(mine), known.isEmpty() ? null : round(load[s])));
        }
        return shards;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
