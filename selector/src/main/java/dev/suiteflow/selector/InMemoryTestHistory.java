package dev.suiteflow.selector;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** A {@link TestHistory} held in maps: for tests, and for a caller that already has the figures at hand. */
public final class InMemoryTestHistory implements TestHistory {

    private final Map<String, Runs> runs = new HashMap<>();
    private final Map<String, Integer> coChanges = new HashMap<>();
    private final Map<String, Double> durations = new HashMap<>();

    public InMemoryTestHistory runs(String test, int failures, int total) {
        runs.put(test, new Runs(failures, total));
        return this;
    }

    public InMemoryTestHistory coChange(String testClass, String changedPath, int commits) {
        coChanges.put(testClass + "\n" + changedPath, commits);
        return this;
    }

    public InMemoryTestHistory duration(String test, double seconds) {
        durations.put(test, seconds);
        return this;
    }

    @Override
    public Runs runs(String test) {
        Runs r = runs.get(test);
        if (r == null && test.contains("#")) {
            r = runs.get(test.substring(0, test.indexOf('#')));
        }
        return r;
    }

    @Override
    public int coChanges(String testClass, String changedPath) {
        return coChanges.getOrDefault(testClass + "\n" + changedPath, 0);
    }

    @Override
    public OptionalDouble durationSeconds(String test) {
        Double d = durations.get(test);
        if (d == null && test.contains("#")) {
            d = durations.get(test.substring(0, test.indexOf('#')));
        }
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }
}
