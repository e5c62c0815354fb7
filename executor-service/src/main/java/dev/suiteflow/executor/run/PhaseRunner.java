package dev.suiteflow.executor.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.suiteflow.events.CommandSpec;
import dev.suiteflow.events.PhaseRequested;
import dev.suiteflow.events.TestResult;

/**
 * Runs one attempt of a phase from start to end: work directory, built-in checks or the command, reports,
 * classification, clean-up. Never throws: whatever goes wrong ends in a {@link Result} with a failure class.
 */
public final class PhaseRunner {

    /** Lines kept for the completion's log excerpt. */
    public static final int EXCERPT_LINES = 40;
    private static final int EXCERPT_CHARS = 16 * 1024;

    /**
     * How the runner works.
     *
     * @param baseDir   what relative local workspaces are relative to
     * @param workerEnv the worker's own environment (only allow-listed names reach a command)
     */
    public record Settings(Path workRoot, boolean keepWorkDirs, Path baseDir, Map<String, String> workerEnv,
            long maxReportBytes, int logBatchLines, long logBatchMs, Duration versionLimit,
            Duration connectTimeout, Duration cloneLimit) {

        public static Settings defaults(Path workRoot) {
            return new Settings(workRoot, false, Path.of("").toAbsolutePath(), System.getenv(),
                    JUnitReports.DEFAULT_MAX_BYTES, 100, 200, Duration.ofSeconds(10), Duration.ofSeconds(2),
                    Duration.ofMinutes(5));
        }
    }

    /**
     * How an attempt ended.
     *
     * @param exitCode null when no command ran or it was killed
     * @param pid      the command's process id, when one ran
     */
    public record Result(Outcome outcome, Integer exitCode, List<TestResult> tests, long durationMs,
            String logExcerpt, Long pid) {
    }

    private final Settings settings;

    public PhaseRunner(Settings settings) {
        this.settings = settings;
    }

    /** Runs the attempt; log batches go to {@code logSink} while it runs. */
    public Result run(PhaseRequested request, CancelToken token, Consumer<LogBatcher.Batch> logSink) {
        long started = System.nanoTime();
        LogBatcher log = new LogBatcher(settings.logBatchLines(), settings.logBatchMs(), EXCERPT_LINES, logSink);
        Path workDir = null;
        Outcome outcome;
        Integer exitCode = null;
        Long pid = null;
        List<TestResult> tests = List.of();
        try {
            CommandSpec spec = request.command();
            if (spec == null) {
                throw new PhaseFailure(Outcome.MISCONFIGURATION, "the phase request carries no command spec");
            }
            Map<String, String> env = Guards.environment(settings.workerEnv(), spec.envPass(), spec.env());
            workDir = Workspaces.prepare(spec, settings.workRoot(), request.phaseRunId().replaceAll("[^\\w.-]", "_")
                    + "-" + request.attempt(), settings.baseDir(), env, settings.cloneLimit());
            if (token.stopped()) {
                outcome = Outcome.failure(Outcome.CANCELLED, "the suite was cancelled before the phase ran");
            } else if (spec.builtin() != null && !spec.builtin().isBlank()) {
                if (!spec.builtin().equals("structure") && !spec.builtin().equals("dependencies")) {
                    throw new PhaseFailure(Outcome.MISCONFIGURATION, "unknown built-in phase '" + spec.builtin()
                            + "' (structure or dependencies)");
                }
                BuiltinChecks.Result r = BuiltinChecks.run(spec.builtin(), spec.checks(), workDir, env,
                        settings.versionLimit(), settings.connectTimeout());
                r.log().forEach(line -> log.add("stdout", line, System.currentTimeMillis()));
                if (r.outcome().remediation() != null) {
                    log.add("stdout", r.outcome().remediation(), System.currentTimeMillis());
                }
                tests = r.tests();
                outcome = token.cancelled()
                        ? Outcome.failure(Outcome.CANCELLED, "the suite was cancelled while the phase ran")
                        : r.outcome();
            } else {
                Path dir = Guards.inside(workDir, spec.workingDir(), "workingDir");
                if (!Files.isDirectory(dir)) {
                    throw new PhaseFailure(Outcome.MISCONFIGURATION, "workingDir " + spec.workingDir()
                            + " is not a directory of the workspace");
                }
                List<String> args = spec.args();
                Guards.checkArgs(args);
                String program = args.get(0);
                if (!program.contains("/") && Guards.which(program, env.get("PATH"), dir).isEmpty()) {
                    throw missing(program, env.get("PATH"));
                }
                long timeout = request.timeoutSeconds() > 0 ? request.timeoutSeconds() : 600;
                CommandRunner.Result r;
                try {
                    r = CommandRunner.run(args, dir, env, Duration.ofSeconds(timeout), token, log);
                } catch (IOException e) {
                    throw startFailure(program, env.get("PATH"), e);
                }
                pid = r.pid();
                exitCode = r.exitCode();
                JUnitReports.Collected reports = JUnitReports.collect(dir, spec.reportGlobs(),
                        settings.maxReportBytes());
                tests = reports.tests();
                outcome = Classifier.classify(new Classifier.Inputs(r.cancelled() && token.cancelled(), r.timedOut(),
                        timeout, exitCode, spec.reportGlobs(), reports.files(), reports.problems(), tests,
                        log.tail()));
            }
        } catch (PhaseFailure f) {
            outcome = token.cancelled() ? Outcome.failure(Outcome.CANCELLED, "the suite was cancelled")
                    : f.outcome();
            log.add("stderr", "suiteflow: " + f.getMessage(), System.currentTimeMillis());
        } catch (RuntimeException e) {
            outcome = Outcome.failure(Outcome.INFRASTRUCTURE, "the executor failed while running the phase: " + e);
            log.add("stderr", "suiteflow: " + outcome.remediation(), System.currentTimeMillis());
        } finally {
            if (workDir != null && !settings.keepWorkDirs()) {
                try {
                    Workspaces.delete(workDir);
                } catch (IOException | RuntimeException e) {
                    // a leftover directory is not the phase's failure; the next run of it replaces it
                }
            }
        }
        try {
            log.flush();
        } catch (RuntimeException e) {
            // publishing the last batch failed; the excerpt below still carries the tail
        }
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new Result(outcome, exitCode, tests, durationMs, excerpt(log.tail()), pid);
    }

    private static PhaseFailure missing(String program, String path) {
        return new PhaseFailure(Outcome.MISSING_DEPENDENCY, "the command '" + program + "' was not found on the"
                + " worker's PATH (" + path + "); install " + program + " on the workers (or fix the manifest's"
                + " command) and list it under dependencies so the dependencies phase checks it");
    }

    private static PhaseFailure startFailure(String program, String path, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("error=2,") || message.contains("No such file")) {
            return missing(program, path);
        }
        if (message.contains("error=13,") || message.contains("Permission denied")) {
            return new PhaseFailure(Outcome.MISCONFIGURATION, "the command '" + program + "' is not executable ("
                    + message + "); make it executable in the workspace or call it through its interpreter");
        }
        return new PhaseFailure(Outcome.INFRASTRUCTURE, "the command '" + program + "' could not be started: "
                + message);
    }

    private static String excerpt(List<String> tail) {
        String text = String.join("\n", tail);
        return text.length() > EXCERPT_CHARS ? text.substring(text.length() - EXCERPT_CHARS) : text;
    }
}
