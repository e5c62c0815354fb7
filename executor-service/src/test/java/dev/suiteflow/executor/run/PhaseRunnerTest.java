package dev.suiteflow.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.suiteflow.events.Check;
import dev.suiteflow.events.CommandSpec;
import dev.suiteflow.events.PhaseLog;
import dev.suiteflow.events.PhaseRequested;
import dev.suiteflow.events.TestResult;

/** Runs real processes: time limits, process trees, missing commands, built-in checks, reports. */
class PhaseRunnerTest {

    @TempDir
    Path workspace;

    @TempDir
    Path workRoot;

    private final List<LogBatcher.Batch> batches = new CopyOnWriteArrayList<>();
    private PhaseRunner runner;

    @BeforeEach
    void setUp() {
        runner = new PhaseRunner(PhaseRunner.Settings.defaults(workRoot));
    }

    private PhaseRequested request(List<String> args, List<String> reports, long timeoutSeconds) {
        return request(new CommandSpec(null, args, workspace.toString(), null, ".", Map.of("CI", "true"), reports,
                List.of(), List.of()), timeoutSeconds);
    }

    private static PhaseRequested request(CommandSpec spec, long timeoutSeconds) {
        return new PhaseRequested("suite-1", "demo", "run-1", "unit", 1, "normal", spec, List.of(), timeoutSeconds,
                Instant.now());
    }

    private PhaseRunner.Result run(PhaseRequested request) {
        return runner.run(request, new CancelToken(), batches::add);
    }

    private List<String> lines() {
        return batches.stream().flatMap(b -> b.lines().stream()).map(PhaseLog.Line::text).toList();
    }

    private static boolean gone(long pid) {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        try { // a zombie waiting for a parent that does not reap is gone too
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception e) {
            return true;
        }
    }

    @Test
    void aCommandPastItsTimeLimitIsKilledWithItsChildren() {
        PhaseRunner.Result result = run(request(List.of("bash", "-c", "sleep 60 & echo child=$!; sleep 60"),
                List.of(), 1));

        assertThat(result.outcome().status()).isEqualTo("failed");
        assertThat(result.outcome().failureClass()).isEqualTo("timeout");
        assertThat(result.outcome().remediation()).startsWith("the phase ran longer than 1 s; raise timeoutSeconds");
        assertThat(result.exitCode()).isNull();
        assertThat(result.durationMs()).isLessThan(10_000);
        long child = Long.parseLong(lines().stream().filter(l -> l.startsWith("child=")).findFirst().orElseThrow()
                .substring(6));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gone(child) && gone(result.pid()));
    }

    @Test
    void aMissingCommandIsAMissingDependencyNamingIt() {
        PhaseRunner.Result result = run(request(List.of("no-such-tool-xyz", "test"), List.of(), 10));
        assertThat(result.outcome().failureClass()).isEqualTo("missing_dependency");
        assertThat(result.outcome().remediation()).contains("'no-such-tool-xyz' was not found");
        assertThat(result.exitCode()).isNull();
        assertThat(lines()).anyMatch(l -> l.contains("no-such-tool-xyz"));
    }

    @Test
    void dependenciesReportEveryMissingItemAtOnce() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        List<Check> checks = List.of(
                new Check("command", "bash", "3", null, false, null),
                new Check("command", "no-such-a", "1.0", null, false, "Install a"),
                new Check("command", "no-such-b", null, null, false, "Install b"),
                new Check("service", "127.0.0.1:" + closedPort, null, null, false, "Start the database"),
                new Check("command", "no-such-optional", null, null, true, "Nice to have"));
        PhaseRunner.Result result = run(request(new CommandSpec("dependencies", List.of(), workspace.toString(), null,
                ".", Map.of(), List.of(), List.of(), checks), 60));

        assertThat(result.outcome().status()).isEqualTo("failed");
        assertThat(result.outcome().failureClass()).isEqualTo("missing_dependency");
        assertThat(result.outcome().remediation()).contains("3 of 5 dependencies checks failed")
                .contains("no-such-a is not on PATH — Install a").contains("no-such-b is not on PATH — Install b")
                .contains("127.0.0.1:" + closedPort + " is unreachable").contains("Start the database")
                .contains("warnings (optional checks): command no-such-optional");
        assertThat(result.tests()).extracting(TestResult::status)
                .containsExactly("passed", "failed", "failed", "failed", "skipped");
        assertThat(result.tests()).allSatisfy(t -> assertThat(t.className()).isEqualTo("dependencies"));
        assertThat(result.tests().get(0).id()).isEqualTo("dependencies#bash");
    }

    @Test
    void aCommandBelowItsMinimumVersionFails() {
        List<Check> checks = List.of(new Check("command", "bash", "999.1", List.of("--version"), false, null));
        PhaseRunner.Result result = run(request(new CommandSpec("dependencies", List.of(), workspace.toString(), null,
                ".", Map.of(), List.of(), List.of(), checks), 60));
        assertThat(result.outcome().remediation()).contains("at least 999.1 is needed");
    }

    @Test
    void structureListsMissingPathsAndWarnsForOptionalOnes() throws Exception {
        Files.writeString(workspace.resolve("pom.xml"), "<project/>");
        List<Check> checks = List.of(new Check("file", "pom.xml", null, null, false, null),
                new Check("directory", "src/test/java", null, null, false, "Add tests"),
                new Check("file", "README.md", null, null, true, "Describe the project"));
        PhaseRunner.Result failing = run(request(new CommandSpec("structure", List.of(), workspace.toString(), null,
                ".", Map.of(), List.of(), List.of(), checks), 60));
        assertThat(failing.outcome().failureClass()).isEqualTo("misconfiguration");
        assertThat(failing.outcome().remediation()).contains("directory src/test/java is missing — Add tests")
                .contains("README.md is missing — Describe the project");

        Files.createDirectories(workspace.resolve("src/test/java"));
        PhaseRunner.Result passing = run(request(new CommandSpec("structure", List.of(), workspace.toString(), null,
                ".", Map.of(), List.of(), List.of(), checks), 60));
        assertThat(passing.outcome().status()).isEqualTo("passed");
        assertThat(passing.outcome().remediation()).startsWith("warnings (optional checks)");
        assertThat(passing.tests()).extracting(TestResult::status).containsExactly("passed", "passed", "skipped");
    }

    @Test
    void failingTestsFromTheReportAreATestFailureAndTheWorkDirIsACleanedUpCopy() throws Exception {
        Files.createDirectories(workspace.resolve("target"));
        Files.writeString(workspace.resolve("target/stale.txt"), "x");
        Files.createDirectories(workspace.resolve("node_modules/x"));
        Files.writeString(workspace.resolve("run.sh"), """
                set -u
                echo "env: ${CI} ${SECRET_TOKEN:-unset}"
                ls target 2>/dev/null || echo "no target copied"
                test -d node_modules || echo "no node_modules copied"
                mkdir -p reports
                cat > reports/TEST-shop.xml <<'XML'
                %s
                XML
                echo failing >&2
                exit 1
                """.formatted(JUnitReportsTest.REPORT.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")));
        PhaseRunner.Result result = run(request(List.of("bash", "run.sh"), List.of("reports/TEST-*.xml"), 30));

        assertThat(result.outcome().failureClass()).as(result.logExcerpt()).isEqualTo("test_failure");
        assertThat(result.outcome().remediation()).contains("2 of 4 tests failed")
                .contains("shop.CartTest#removes (expected 2 but was 3)").contains("shop.CartTest#totals (boom)");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.tests()).hasSize(4);
        assertThat(lines()).contains("env: true unset", "no target copied", "no node_modules copied", "failing");
        assertThat(batches.get(0).lines().get(0).stream()).isEqualTo("stdout");
        assertThat(result.logExcerpt()).contains("failing");
        try (var left = Files.list(workRoot)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aMalformedReportIsAMisconfiguration() throws Exception {
        Files.writeString(workspace.resolve("run.sh"), "mkdir -p r; echo '<testsuite><testcase' > r/TEST-x.xml\n");
        PhaseRunner.Result result = run(request(List.of("bash", "run.sh"), List.of("r/*.xml"), 30));
        assertThat(result.outcome().failureClass()).isEqualTo("misconfiguration");
        assertThat(result.outcome().remediation()).startsWith("report r/TEST-x.xml is not valid JUnit XML: ");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aWorkingDirOutsideTheWorkspaceIsRefused() {
        PhaseRunner.Result result = run(request(new CommandSpec(null, List.of("ls"), workspace.toString(), null,
                "../..", Map.of(), List.of(), List.of(), List.of()), 30));
        assertThat(result.outcome().failureClass()).isEqualTo("misconfiguration");
        assertThat(result.outcome().remediation()).contains("workingDir '../..' leaves the workspace");
    }

    @Test
    void aMissingWorkspaceIsAMisconfiguration() {
        PhaseRunner.Result result = run(request(new CommandSpec(null, List.of("ls"), workspace.resolve("nope")
                .toString(), null, ".", Map.of(), List.of(), List.of(), List.of()), 30));
        assertThat(result.outcome().failureClass()).isEqualTo("misconfiguration");
        assertThat(result.outcome().remediation()).contains("is not a directory");
    }

    @Test
    void cancellingKillsTheRunningCommand() throws Exception {
        CancelToken token = new CancelToken();
        var cancel = Executors.newSingleThreadScheduledExecutor();
        try {
            cancel.schedule(token::cancel, 300, TimeUnit.MILLISECONDS);
            PhaseRunner.Result result = runner.run(request(List.of("sleep", "60"), List.of(), 60), token,
                    batches::add);
            assertThat(result.outcome().status()).isEqualTo("cancelled");
            assertThat(result.outcome().failureClass()).isEqualTo("cancelled");
            assertThat(result.exitCode()).isNull();
            assertThat(result.durationMs()).isLessThan(10_000);
        } finally {
            cancel.shutdownNow();
        }
    }
}
