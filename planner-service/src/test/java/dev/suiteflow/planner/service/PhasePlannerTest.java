package dev.suiteflow.planner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.suiteflow.events.Check;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.ProjectManifest.PhaseSpec;
import dev.suiteflow.events.SuiteRequested;

/** Plans from a request and a manifest: order, groups, commands, subsets. */
public class PhasePlannerTest {

    /**
     * A workspace that does not exist: should a real executor pick up a phase these tests plan, it fails at once
     * instead of running anything.
     */
    static final String WORKSPACE = "target/planner-tests/no-such-workspace";

    public static ProjectManifest manifest(List<List<String>> parallel) {
        Map<String, PhaseSpec> phases = new LinkedHashMap<>();
        phases.put("smoke", new PhaseSpec(List.of("./smoke.sh"), ".", 60L, List.of(), "{test}", List.of()));
        phases.put("e2e", new PhaseSpec(List.of("mvn", "test", "-Dgroups=e2e"), "app", 900L,
                List.of("target/surefire-reports/TEST-*.xml"), "-Dtest={tests}", List.of("FlowTest")));
        phases.put("unit", new PhaseSpec(List.of("mvn", "test", "-Dgroups=unit"), ".", 300L,
                List.of("target/surefire-reports/TEST-*.xml"), "-Dtest={tests}", List.of("ATest", "BTest")));
        phases.put("integration", new PhaseSpec(List.of("mvn", "verify"), ".", 300L, List.of(), null, List.of()));
        return new ProjectManifest("demo", "demo", 4, null, new ProjectManifest.Workspace(WORKSPACE, null, null),
                List.of(new Check("file", "pom.xml", null, null, false, null)),
                List.of(new Check("command", "mvn", "3.6", null, false, null)),
                new ProjectManifest.EnvPolicy(List.of("MAVEN_OPTS"), Map.of("CI", "true")), phases, parallel);
    }

    static SuiteRequested request(List<String> kinds, Map<String, List<String>> tests) {
        return new SuiteRequested("r", "demo", "demo", kinds, "normal", true, tests, null, null, null);
    }

    @Test
    void phasesRunInTheStandardOrderThenCustomOnes() {
        List<PhasePlanner.Phase> plan = PhasePlanner.plan(request(List.of("smoke", "e2e", "unit", "structure",
                "dependencies", "integration"), null), manifest(List.of()));

        assertThat(plan).extracting(PhasePlanner.Phase::name)
                .containsExactly("structure", "dependencies", "unit", "integration", "e2e", "smoke");
        assertThat(plan).extracting(PhasePlanner.Phase::group).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aParallelGroupSharesTheGroupOfItsFirstPhase() {
        List<PhasePlanner.Phase> plan = PhasePlanner.plan(request(List.of("unit", "integration", "e2e", "smoke"),
                null), manifest(List.of(List.of("integration", "e2e"), List.of("unit", "smoke"))));

        assertThat(plan).extracting(p -> p.name() + "@" + p.group())
                .containsExactly("unit@0", "integration@1", "e2e@1", "smoke@0");
    }

    @Test
    void builtInPhasesCarryTheirChecksAndNoCommand() {
        List<PhasePlanner.Phase> plan = PhasePlanner.plan(request(List.of("structure", "dependencies"), null),
                manifest(List.of()));

        assertThat(plan.get(0).command().builtin()).isEqualTo("structure");
        assertThat(plan.get(0).command().args()).isEmpty();
        assertThat(plan.get(0).command().checks()).extracting(Check::target).containsExactly("pom.xml");
        assertThat(plan.get(1).command().checks()).extracting(Check::target).containsExactly("mvn");
        assertThat(plan.get(1).command().workspace()).isEqualTo(WORKSPACE);
    }

    @Test
    void allTestsRunWhenNoneAreNamed() {
        PhasePlanner.Phase unit = PhasePlanner.plan(request(List.of("unit"), null), manifest(List.of())).get(0);

        assertThat(unit.command().args()).containsExactly("mvn", "test", "-Dgroups=unit");
        assertThat(unit.tests()).isEmpty();
        assertThat(unit.selectionMode()).isEqualTo("all");
        assertThat(unit.selection()).extracting(s -> s.id()).containsExactly("ATest", "BTest");
        assertThat(unit.command().env()).containsEntry("CI", "true");
        assertThat(unit.command().envPass()).containsExactly("MAVEN_OPTS");
        assertThat(unit.command().reportGlobs()).containsExactly("target/surefire-reports/TEST-*.xml");
        assertThat(unit.timeoutSeconds()).isEqualTo(300);
    }

    @Test
    void namedTestsGoThroughTheSubsetTemplateAsArguments() {
        List<PhasePlanner.Phase> plan = PhasePlanner.plan(request(List.of("e2e", "smoke"),
                Map.of("e2e", List.of("FlowTest", "PayTest#slow"), "smoke", List.of("login", "search"))),
                manifest(List.of()));

        assertThat(plan.get(0).command().args()).containsExactly("mvn", "test", "-Dgroups=e2e",
                "-Dtest=FlowTest,PayTest#slow");
        assertThat(plan.get(0).command().workingDir()).isEqualTo("app");
        assertThat(plan.get(1).command().args()).containsExactly("./smoke.sh", "login", "search");
        assertThat(plan.get(1).selectionMode()).isEqualTo("requested");
    }

    @Test
    void aTestIdThatCouldBeAnOptionOrShellIsRefused() {
        assertThatThrownBy(() -> PhasePlanner.plan(request(List.of("unit"), Map.of("unit", List.of("-Dx=y"))),
                manifest(List.of()))).hasMessageContaining("not valid");
        assertThatThrownBy(() -> PhasePlanner.plan(request(List.of("unit"), Map.of("unit", List.of("a;b"))),
                manifest(List.of()))).hasMessageContaining("not valid");
    }

    @Test
    void namedTestsNeedASubsetTemplateAndKindsNeedAPhase() {
        assertThatThrownBy(() -> PhasePlanner.plan(request(List.of("integration"),
                Map.of("integration", List.of("ATest"))), manifest(List.of())))
                .hasMessageContaining("no subset template");
        assertThatThrownBy(() -> PhasePlanner.plan(request(List.of("performance"), null), manifest(List.of())))
                .hasMessageContaining("has no phase 'performance'");
    }

    @Test
    void theStateMachineOnlyMovesForward() {
        assertThat(SuiteStatus.allowed("accepted", "planned")).isTrue();
        assertThat(SuiteStatus.allowed("planned", "running")).isTrue();
        assertThat(SuiteStatus.allowed("running", "failed")).isTrue();
        assertThat(SuiteStatus.allowed("running", "planned")).isFalse();
        assertThat(SuiteStatus.allowed("passed", "cancelled")).isFalse();
        assertThat(SuiteStatus.allowed("accepted", "running")).isFalse();
        assertThat(SuiteStatus.rank("urgent")).isLessThan(SuiteStatus.rank("high"));
        assertThat(SuiteStatus.rank("whatever")).isEqualTo(SuiteStatus.rank("normal"));
    }

    private static dev.suiteflow.selector.Selection selection(boolean all, String... classes) {
        List<dev.suiteflow.selector.Selection.SelectedTest> selected = java.util.Arrays.stream(classes)
                .map(c -> new dev.suiteflow.selector.Selection.SelectedTest(c, null, 0.9,
                        List.of("imports Parser, changed")))
                .toList();
        return new dev.suiteflow.selector.Selection("w", "safe", new dev.suiteflow.selector.Selection.Catalog(3, 9),
                List.of("src/main/java/Parser.java"), selected, List.of(), all, all ? "pom.xml changed" : "reach");
    }

    @Test
    void anImpactSelectionRunsOnlyTheAffectedTestsOfEachPhaseAndSkipsAPhaseItDoesNotReach() {
        List<PhasePlanner.Phase> plan = PhasePlanner.plan(request(List.of("unit", "e2e", "integration"), null),
                manifest(List.of()), java.util.Optional.of(selection(false, "BTest", "Unrelated")));

        PhasePlanner.Phase unit = plan.get(0);
        assertThat(unit.selectionMode()).isEqualTo("impact");
        assertThat(unit.tests()).containsExactly("BTest");
        assertThat(unit.command().args()).containsExactly("mvn", "test", "-Dgroups=unit", "-Dtest=BTest");
        assertThat(unit.selection().get(0).reasons()).containsExactly("imports Parser, changed");
        assertThat(unit.skipped()).containsExactly("ATest");
        assertThat(unit.skip()).isFalse();
        // integration has no catalog and no subset: it runs whole
        assertThat(plan.get(1).selectionMode()).isEqualTo("all");
        assertThat(plan.get(1).skip()).isFalse();
        // e2e's only test is not reached: the phase is skipped, its test recorded as skipped
        assertThat(plan.get(2).skip()).isTrue();
        assertThat(plan.get(2).skipped()).containsExactly("FlowTest");
    }

    @Test
    void aSelectionThatChoseEverythingRunsEveryPhaseWhole() {
        List<PhasePlanner.Phase> plan = PhasePlanner.plan(request(List.of("unit"), null), manifest(List.of()),
                java.util.Optional.of(selection(true)));

        assertThat(plan.get(0).selectionMode()).isEqualTo("all");
        assertThat(plan.get(0).command().args()).containsExactly("mvn", "test", "-Dgroups=unit");
    }

    private static dev.suiteflow.planner.history.HistoryView history(String failedLast, Map<String, Long> millis) {
        List<dev.suiteflow.planner.history.HistoryView.Run> runs = new java.util.ArrayList<>();
        java.time.Instant t = java.time.Instant.parse("2026-11-01T00:00:00Z");
        millis.forEach((cls, ms) -> runs.add(new dev.suiteflow.planner.history.HistoryView.Run(cls, "r1", false, ms,
                null, t)));
        runs.add(new dev.suiteflow.planner.history.HistoryView.Run(failedLast, "r1", true, 5, "fp",
                t.plusSeconds(60)));
        return dev.suiteflow.planner.history.HistoryView.of(runs);
    }

    private static ProjectManifest sharded(int shards, List<String> catalog) {
        ProjectManifest base = manifest(List.of());
        Map<String, PhaseSpec> phases = new LinkedHashMap<>(base.phases());
        phases.put("unit", new PhaseSpec(List.of("mvn", "test"), ".", 300L, List.of("r/*.xml"), "-Dtest={tests}",
                catalog, shards));
        return new ProjectManifest(base.project(), base.tenant(), base.revision(), null, base.workspace(),
                base.structure(), base.dependencies(), base.env(), phases, base.parallel());
    }

    @Test
    void namedTestsRunFailFirstAndTheirReasonsSayWhy() {
        PhasePlanner.Phase unit = PhasePlanner.plan(request(List.of("unit"), Map.of("unit", List.of("ATest",
                "BTest", "CTest"))), manifest(List.of()), java.util.Optional.empty(),
                history("CTest", Map.of("ATest", 100L, "BTest", 100L))).get(0);

        assertThat(unit.tests()).containsExactly("CTest", "ATest", "BTest");
        assertThat(unit.command().args()).containsExactly("mvn", "test", "-Dgroups=unit", "-Dtest=CTest,ATest,BTest");
        // one failed run and no pass: not flaky
        assertThat(unit.selection().get(0).reasons()).containsExactly("named in the request",
                "failed in its last run", "failed 1 of the last 1 runs");
        assertThat(unit.shards()).hasSize(1);
    }

    @Test
    void aShardedPhaseThatRunsWholeSplitsItsCatalogByDuration() {
        PhasePlanner.Phase unit = PhasePlanner.plan(request(List.of("unit"), null),
                sharded(2, List.of("ATest", "BTest", "CTest", "DTest")), java.util.Optional.empty(),
                history("DTest", Map.of("ATest", 6_000L, "BTest", 3_000L, "CTest", 3_000L, "DTest", 1_000L)))
                .get(0);

        assertThat(unit.selectionMode()).isEqualTo("all");
        assertThat(unit.selection()).extracting(dev.suiteflow.events.SelectedTest::id)
                .containsExactly("DTest", "ATest", "BTest", "CTest");
        assertThat(unit.shards()).hasSize(2);
        // A 6 | B 3 + C 3; D (1 s, failed last) joins the first shard: 7 vs 6
        assertThat(unit.shards().get(0).tests()).containsExactly("DTest", "ATest");
        assertThat(unit.shards().get(0).command().args()).containsExactly("mvn", "test", "-Dtest=DTest,ATest");
        assertThat(unit.shards().get(0).expectedSeconds()).isEqualTo(7.0);
        assertThat(unit.shards().get(1).tests()).containsExactly("BTest", "CTest");
        assertThat(unit.shards().get(1).expectedSeconds()).isEqualTo(6.0);
    }

    @Test
    void oneShardWhenTheManifestDoesNotAllowMore() {
        PhasePlanner.Phase unit = PhasePlanner.plan(request(List.of("unit"), null),
                sharded(1, List.of("ATest", "BTest")), java.util.Optional.empty(),
                dev.suiteflow.planner.history.HistoryView.empty()).get(0);

        assertThat(unit.shards()).hasSize(1);
        assertThat(unit.shards().get(0).tests()).isEmpty();
        assertThat(unit.shards().get(0).command().args()).containsExactly("mvn", "test");
    }

    @Test
    void aRerunOfWhatFailedRunsOnlyThoseTestsAndWholePhasesWithoutIds() {
        Map<String, List<String>> failed = new LinkedHashMap<>();
        failed.put("unit", List.of("ATest#rounds", "ATest#param(int)[1]", "BTest#works"));
        failed.put("integration", List.of());
        List<PhasePlanner.Phase> plan = PhasePlanner.rerunFailed(request(List.of("unit", "integration", "e2e"),
                null), manifest(List.of()), failed, 1, dev.suiteflow.planner.history.HistoryView.empty());

        assertThat(plan).extracting(PhasePlanner.Phase::name).containsExactly("unit", "integration");
        assertThat(plan.get(0).selectionMode()).isEqualTo("rerun");
        assertThat(plan.get(0).tests()).containsExactly("ATest#rounds", "ATest", "BTest#works");
        assertThat(plan.get(0).selection().get(0).reasons()).containsExactly("failed in plan revision 1");
        assertThat(plan.get(1).tests()).isEmpty();
        assertThat(plan.get(1).command().args()).containsExactly("mvn", "verify");
    }
}
