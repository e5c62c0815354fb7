package dev.suiteflow.executor.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.suiteflow.events.Check;
import dev.suiteflow.events.TestResult;

/**
 * The built-in phases. {@code structure}: each file or directory exists in the workspace copy. {@code dependencies}:
 * each command is on the PATH the phase's commands get and reports at least its minimum version; each service
 * accepts a TCP connection. Every check is reported (one {@link TestResult} each), and all failures are listed
 * together in one remediation.
 */
public final class BuiltinChecks {

    /** The outcome of a built-in phase, its per-check results and lines for the log. */
    public record Result(Outcome outcome, List<TestResult> tests, List<String> log) {
    }

    private static final int MAX_VERSION_OUTPUT = 64 * 1024;

    private BuiltinChecks() {
    }

    /** Runs the checks of {@code builtin} ({@code structure} or {@code dependencies}). */
    public static Result run(String builtin, List<Check> checks, Path workspace, Map<String, String> env,
            Duration versionLimit, Duration connectTimeout) {
        List<TestResult> tests = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> log = new ArrayList<>();
        boolean structure = builtin.equals("structure");
        for (Check check : checks == null ? List.<Check>of() : checks) {
            long started = System.nanoTime();
            String problem;
            try {
                problem = structure ? structure(check, workspace)
                        : dependency(check, workspace, env, versionLimit, connectTimeout, log);
            } catch (PhaseFailure e) {
                problem = e.getMessage();
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String target = String.valueOf(check.target());
            String status;
            String message;
            if (problem == null) {
                status = "passed";
                message = null;
                log.add("ok   " + check.kind() + " " + target);
            } else {
                String item = problem + (check.hint() != null && !check.hint().isBlank() ? " — " + check.hint() : "");
                if (check.optional()) {
                    status = "skipped";
                    message = "warning (optional): " + item;
                    warnings.add(item);
                    log.add("warn " + check.kind() + " " + target + ": " + item);
                } else {
                    status = "failed";
                    message = item;
                    failures.add(item);
                    log.add("FAIL " + check.kind() + " " + target + ": " + item);
                }
            }
            tests.add(new TestResult(builtin + "#" + target, target, builtin, status, ms, message, null));
        }
        String warningText = warnings.isEmpty() ? null
                : "warnings (optional checks): " + String.join("; ", warnings);
        if (failures.isEmpty()) {
            return new Result(Outcome.passed(warningText), tests, log);
        }
        String cls = structure ? Outcome.MISCONFIGURATION : Outcome.MISSING_DEPENDENCY;
        String text = failures.size() + " of " + tests.size() + " " + builtin + " checks failed: "
                + String.join("; ", failures) + (warningText != null ? ". Also " + warningText : "");
        return new Result(Outcome.failure(cls, text), tests, log);
    }

    static String structure(Check check, Path workspace) {
        String kind = String.valueOf(check.kind());
        Path path = Guards.inside(workspace, check.target(), kind + " " + check.target());
        return switch (kind) {
            case "file" -> Files.isRegularFile(path) ? null : "file " + check.target() + " is missing";
            case "directory" -> Files.isDirectory(path) ? null : "directory " + check.target() + " is missing";
            default -> "unknown structure check kind '" + kind + "' (file or directory)";
        };
    }

    static String dependency(Check check, Path workspace, Map<String, String> env, Duration versionLimit,
            Duration connectTimeout, List<String> log) {
        return switch (String.valueOf(check.kind())) {
            case "command" -> command(check, workspace, env, versionLimit, log);
            case "service" -> service(check.target(), connectTimeout);
            default -> "unknown dependency check kind '" + check.kind() + "' (command or service)";
        };
    }

    static String command(Check check, Path workspace, Map<String, String> env, Duration limit, List<String> log) {
        String target = check.target();
        if (target == null || target.isBlank() || target.indexOf('\0') >= 0) {
            return "command check without a valid target";
        }
        Optional<Path> found = Guards.which(target, env.get("PATH"), workspace);
        if (found.isEmpty()) {
            return "command " + target + " is not on PATH";
        }
        if (check.minVersion() == null || check.minVersion().isBlank()) {
            return null;
        }
        List<String> args = new ArrayList<>();
        args.add(found.get().toString());
        args.addAll(check.versionArgs() == null || check.versionArgs().isEmpty() ? List.of("--version")
                : check.versionArgs());
        String output;
        try {
            output = runForOutput(args, workspace, env, limit);
        } catch (IOException e) {
            return "command " + target + " could not be run for its version: " + e.getMessage();
        }
        if (output == null) {
            return "command " + target + " " + String.join(" ", args.subList(1, args.size())) + " did not answer"
                    + " within " + limit.toSeconds() + " s";
        }
        Optional<String> version = Versions.first(output);
        if (version.isEmpty()) {
            return "command " + target + " printed no version number";
        }
        log.add("     " + target + " version " + version.get());
        if (Versions.compare(version.get(), check.minVersion()) < 0) {
            return "command " + target + " is version " + version.get() + ", at least " + check.minVersion()
                    + " is needed";
        }
        return null;
    }

    /** Runs a short command, stdout and stderr together; null when it ran past the limit (and was killed). */
    static String runForOutput(List<String> args, Path dir, Map<String, String> env, Duration limit)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(process.toHandle());
                return null;
            }
            return output.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            ProcessTree.kill(process.toHandle());
            return null;
        }
    }

    private static String read(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() < MAX_VERSION_OUTPUT) {
                    out.write(buffer, 0, Math.min(n, MAX_VERSION_OUTPUT - out.size()));
                }
            }
        } catch (IOException e) {
            // keep what was read
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String service(String target, Duration timeout) {
        if (target == null) {
            return "service check without a target";
        }
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            return "service " + target + " is not host:port";
        }
        String host = target.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            return "service " + target + " is not host:port";
        }
        if (port < 1 || port > 65535) {
            return "service " + target + " has no valid port";
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return null;
        } catch (IOException e) {
            return "service " + target + " is unreachable (" + e.getMessage() + ")";
        }
    }
}
