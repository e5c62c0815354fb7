package dev.suiteflow.selector;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What past runs and commits say about a test. The planner feeds it from its test history; the selector adds
 * co-change from {@code git log} itself. Test ids are a class's fully-qualified name, or {@code Class#method}.
 */
public interface TestHistory {

    /** Failures among the last runs of a test. */
    record Runs(int failures, int runs) {
    }

    /** The last runs of the test (a method id falls back to its class), or null when unknown. */
    Runs runs(String test);

    /** In how many commits the test class's source file changed together with the given file (a workspace path). */
    int coChanges(String testClass, String changedPath);

    /** The test's usual duration in seconds, if known. */
    OptionalDouble durationSeconds(String test);

    /** Knows nothing. */
    static TestHistory none() {
        return new TestHistory() {
            @Override
            public Runs runs(String test) {
                return null;
            }

            @Override
            public int coChanges(String testClass, String changedPath) {
                return 0;
            }

            @Override
            public OptionalDouble durationSeconds(String test) {
                return OptionalDouble.empty();
            }
        };
    }

    /** The first history that knows a test's runs or duration wins; co-change counts take the largest. */
    static TestHistory combined(List<TestHistory> histories) {
        return new TestHistory() {
            @Override
            public Runs runs(String test) {
                for (TestHistory h : histories) {
                    Runs r = h.runs(test);
                    if (r != null) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public int coChanges(String testClass, String changedPath) {
                int max = 0;
                for (TestHistory h : histories) {
                    max = Math.max(max, h.coChanges(testClass, changedPath));
                }
                return max;
            }

            @Override
            public OptionalDouble durationSeconds(String test) {
                for (TestHistory h : histories) {
                    OptionalDouble d = h.durationSeconds(test);
                    if (d.isPresent()) {
                        return d;
                    }
                }
                return OptionalDouble.empty();
            }
        };
    }
}
