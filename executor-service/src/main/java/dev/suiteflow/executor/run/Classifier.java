package dev.suiteflow.executor.run;

import java.util.List;
import java.util.stream.Collectors;

import dev.suiteflow.events.TestResult;

/**
 * Decides how a command phase ended, first rule that applies wins:
 *
 * <ol>
 * <li>cancelled → cancelled</li>
 * <li>killed at its time limit → failed/timeout, naming the slowest test reported so far</li>
 * <li>a report that is not valid JUnit XML (or a glob that leaves the workspace) → failed/misconfiguration</li>
 * <li>failed or errored tests → failed/test_failure, naming the first ones with their messages</li>
 * <li>exit ≠ 0, reports declared, none found → failed/misconfiguration</li>
 * <li>exit ≠ 0 otherwise → errored/infrastructure (the tool failed though no test did)</li>
 * <li>exit 0 → passed (with a warning when reports were declared but none was found)</li>
 * </ol>
 */
public final class Classifier {

    private static final int NAMED_TESTS = 5;

    /**
     * What is known after the command ended.
     *
     * @param globs    the report globs of the phase (may be empty)
     * @param reports  the report files found
     * @param problems messages about reports that could not be read
     * @param logTail  the last output lines
     */
    public record Inputs(boolean cancelled, boolean timedOut, long timeoutSeconds, Integer exitCode,
            List<String> globs, List<String> reports, List<String> problems, List<TestResult> tests,
            List<String> logTail) {
    }

    private Classifier() {
    }

    public static Outcome classify(Inputs in) {
        if (in.cancelled()) {
            return Outcome.failure(Outcome.CANCELLED, "the suite was cancelled while the phase ran");
        }
        if (in.timedOut()) {
            String slowest = JUnitReports.slowest(in.tests());
            return Outcome.failure(Outcome.TIMEOUT, "the phase ran longer than " + in.timeoutSeconds()
                    + " s; raise timeoutSeconds in the manifest or find the slow test: "
                    + (slowest != null ? slowest : "no report was written before the phase was stopped"));
        }
        if (!in.problems().isEmpty()) {
            return Outcome.failure(Outcome.MISCONFIGURATION, String.join("; ", in.problems())
                    + "; check what writes the reports and the phase's report globs in the manifest");
        }
        List<TestResult> failing = in.tests().stream()
                .filter(t -> t.status().equals("failed") || t.status().equals("errored")).toList();
        if (!failing.isEmpty()) {
            String named = failing.stream().limit(NAMED_TESTS)
                    .map(t -> t.id() + (t.message() != null ? " (" + oneLine(t.message()) + ")" : ""))
                    .collect(Collectors.joining("; "));
            String more = failing.size() > NAMED_TESTS ? " and " + (failing.size() - NAMED_TESTS) + " more" : "";
            return Outcome.failure(Outcome.TEST_FAILURE, failing.size() + " of " + in.tests().size()
                    + " tests failed: " + named + more + ". Fix them or the code they test, then rerun the failed"
                    + " tests");
        }
        boolean declared = in.globs() != null && !in.globs().isEmpty();
        if (in.exitCode() != null && in.exitCode() != 0) {
            if (declared && in.reports().isEmpty()) {
                return Outcome.failure(Outcome.MISCONFIGURATION, "the command exited with " + in.exitCode()
                        + " and no report matched " + in.globs() + "; check the command (last output: "
                        + lastLine(in.logTail()) + ") and that the report globs point where it writes JUnit XML");
            }
            return Outcome.failure(Outcome.INFRASTRUCTURE, "the command exited with " + in.exitCode()
                    + " although no test failed; last output: " + lastLine(in.logTail()));
        }
        if (declared && in.reports().isEmpty()) {
            return Outcome.passed("warning: the command passed but no report matched " + in.globs()
                    + ", so there are no per-test results; check the report globs in the manifest");
        }
        return Outcome.passed(null);
    }

    private static String oneLine(String s) {
        String line = s.strip().split("\r?\n", 2)[0];
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String lastLine(List<String> tail) {
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (!tail.get(i).isBlank()) {
                return "\"" + oneLine(tail.get(i)) + "\"";
            }
        }
        return "none";
    }
}
