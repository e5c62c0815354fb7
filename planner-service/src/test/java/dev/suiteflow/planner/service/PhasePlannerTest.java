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
}
