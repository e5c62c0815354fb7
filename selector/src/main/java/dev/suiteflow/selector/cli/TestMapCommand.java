package dev.suiteflow.selector.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.suiteflow.selector.SelectionException;
import dev.suiteflow.selector.testmap.TestMapRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suiteflow testmap}: records the test map of a built checkout's commit (each test class in its own JVM,
 * the methods it enters, the lines it runs), which {@code select} and the planner then use for changes against that commit.
 * Progress on standard error, a JSON summary on standard output; one-line errors and exit code 2 for bad input.
 */
@Command(name = "testmap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Record which methods each test class enters and which source lines it runs, at the workspace's commit, "
                + "into .suiteflow/testmap/<commit>.json.")
public final class TestMapCommand implements Callable<Integer> {

    @Option(names = "--workspace", required = true, paramLabel = "DIR",
            description = "the built git checkout (target/classes and target/test-classes, or Gradle's build/classes)")
    Path workspace;

    @Option(names = "--classpath", paramLabel = "CP",
            description = "the tests' dependencies, separated by the platform's path separator (':'), with a JUnit Platform "
                    + "console launcher (junit-platform-console-standalone)")
    String classpath;

    @Option(names = "--classpath-file", paramLabel = "FILE",
            description = "the same, read from a file (mvn dependency:build-classpath -Dmdep.outputFile=FILE)")
    Path classpathFile;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "test JVMs at a time (default 1: tests that share files or ports stay apart)")
    int jobs;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "per test class; a slower one is left unrecorded (default 600)")
    long timeoutSeconds;

    @Option(names = "--jvm-option", paramLabel = "OPTION", description = "for each test JVM, e.g. -Xmx1g (repeatable)")
    List<String> jvmOptions = new ArrayList<>();

    private PrintWriter out;
    private PrintWriter err;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command; returns its exit code (0 ok, 2 bad input, 1 anything else). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        TestMapCommand command = new TestMapCommand();
        command.out = out;
        command.err = err;
        return SelectCommand.execute(command, "testmap", args, out, err);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (jobs < 1 || jobs > 64) {
            throw new SelectionException("--jobs must be between 1 and 64, got " + jobs);
        }
        if (timeoutSeconds < 1) {
            throw new SelectionException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        List<Path> cp = new ArrayList<>();
        if (classpath != null) {
            split(classpath, cp);
        }
        if (classpathFile != null) {
            if (!Files.isRegularFile(classpathFile)) {
                throw new SelectionException("--classpath-file: no such file: " + classpathFile);
            }
            split(Files.readString(classpathFile, StandardCharsets.UTF_8).strip(), cp);
        }
        if (cp.isEmpty()) {
            throw new SelectionException("give the tests' class path: --classpath CP or --classpath-file FILE");
        }
        Path ws = workspace.toAbsolutePath().normalize();
        if (!Files.isDirectory(ws)) {
            throw new SelectionException("workspace is not a directory: " + workspace);
        }
        List<String> tests = TestMapRecorder.testClasses(ws);
        if (tests.isEmpty()) {
            throw new SelectionException("no test class found in " + ws);
        }
        err.println("testmap: recording " + tests.size() + (tests.size() == 1 ? " test class" : " test classes") + " of "
                + ws + ", each in its own JVM, " + jobs + " at a time");
        TestMapRecorder.Result r = TestMapRecorder.record(new TestMapRecorder.Options(ws, cp, tests, jobs,
                Duration.ofSeconds(timeoutSeconds), jvmOptions, line -> {
                    synchronized (err) {
                        err.println(line);
                    }
                }));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("revision", r.map().revision());
        summary.put("file", r.file().toString());
        summary.put("testClasses", tests.size());
        summary.put("recorded", r.map().tests().size());
        summary.put("unrecorded", r.map().unrecorded());
        summary.put("failedAtCommit", r.map().failedAtCommit());
        summary.put("methods", r.map().methods().size());
        summary.put("lineProbes", r.map().lines().size());
        summary.put("notInstrumented", r.problems().stream().filter(p -> !p.contains(": method probes only (")).toList());
        summary.put("methodProbesOnly", r.problems().stream().filter(p -> p.contains(": method probes only (")).toList());
        summary.put("seconds", Math.round(r.millis() / 100.0) / 10.0);
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
        return 0;
    }

    private static void split(String s, List<Path> into) {
        for (String part : s.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                into.add(Path.of(part.strip()));
            }
        }
    }
}
