package dev.suiteflow.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.suiteflow.events.Check;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.ProjectManifest.PhaseSpec;
import dev.suiteflow.events.ProjectManifest.Workspace;

/** The manifest rules of docs/manifests.md, without a database. */
class ManifestValidatorTest {

    private static final Workspace LOCAL = new Workspace("demo/project", null, null);

    private static PhaseSpec phase(List<String> command) {
        return new PhaseSpec(command, null, null, null, null, null);
    }

    private static ProjectManifest manifest(Map<String, PhaseSpec> phases) {
        return new ProjectManifest("demo", "demo", 1, null, LOCAL, null, null, null, phases, null);
    }

    private static List<String> fields(ManifestValidator.Result result) {
        return result.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aMinimalManifestGetsItsDefaults() {
        ManifestValidator.Result result = ManifestValidator.validate(manifest(Map.of("unit",
                phase(List.of("mvn", "test")))), "demo", "demo");

        assertThat(result.errors()).isEmpty();
        PhaseSpec unit = result.manifest().phases().get("unit");
        assertThat(unit.workingDir()).isEqualTo(".");
        assertThat(unit.timeoutSeconds()).isEqualTo(ManifestValidator.DEFAULT_TIMEOUT_SECONDS);
        assertThat(unit.reports()).isEmpty();
        assertThat(result.manifest().structure()).isEmpty();
        assertThat(result.manifest().env().pass()).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        ProjectManifest bad = new ProjectManifest("Demo!", "acme", 0, null, new Workspace(null, null, null),
                List.of(new Check("command", "pom.xml", null, null, false, null),
                        new Check("file", "../etc/passwd", null, null, false, null)),
                List.of(new Check("command", "mvn; rm -rf /", "3.x", null, false, null),
                        new Check("service", "localhost", null, null, true, null)),
                new ProjectManifest.EnvPolicy(List.of("NOT OK"), Map.of("CI", "true")),
                Map.of("unit", new PhaseSpec(List.of("mvn test"), "/abs", 0L, List.of("../x.xml"), "-Dtest=x", null),
                        "structure", phase(List.of("true"))),
                List.of(List.of("unit", "nope")));

        ManifestValidator.Result result = ManifestValidator.validate(bad, "demo", "demo");

        assertThat(fields(result)).contains("project", "tenant", "revision", "workspace", "structure[0].kind",
                "structure[1].target", "dependencies[0].target", "dependencies[0].minVersion",
                "dependencies[1].target", "env.pass[0]", "phases.unit.command[0]", "phases.unit.workingDir",
                "phases.unit.timeoutSeconds", "phases.unit.reports[0]", "phases.unit.subset", "phases.structure",
                "parallel[0][1]");
        assertThat(result.errors()).filteredOn(e -> e.field().equals("tenant")).first()
                .extracting(FieldError::message).asString().contains("your key belongs to tenant 'demo'");
        assertThat(result.errors()).filteredOn(e -> e.field().equals("phases.unit.command[0]")).first()
                .extracting(FieldError::message).asString().contains("argument list");
    }

    @Test
    void theUrlsProjectMustMatch() {
        ManifestValidator.Result result = ManifestValidator.validate(manifest(Map.of("unit",
                phase(List.of("mvn")))), "demo", "other");

        assertThat(fields(result)).containsExactly("project");
    }

    @Test
    void filesNameTheirOwnTenant() {
        ProjectManifest acme = new ProjectManifest("shop", "acme", 2, null, LOCAL, null, null, null,
                Map.of("unit", phase(List.of("mvn"))), null);

        assertThat(ManifestValidator.validate(acme, null, null).errors()).isEmpty();
    }

    @Test
    void aSubsetTemplateNeedsExactlyOnePlaceholder() {
        for (String ok : List.of("-Dtest={tests}", "--select-class={test}")) {
            assertThat(ManifestValidator.validate(manifest(Map.of("unit", new PhaseSpec(List.of("mvn"), null, null,
                    null, ok, null))), "demo", "demo").errors()).isEmpty();
        }
        for (String bad : List.of("-Dtest=all", "{tests},{tests}", "{test}{tests}")) {
            assertThat(fields(ManifestValidator.validate(manifest(Map.of("unit", new PhaseSpec(List.of("mvn"), null,
                    null, null, bad, null))), "demo", "demo"))).containsExactly("phases.unit.subset");
        }
    }

    @Test
    void shardsNeedASubsetTemplateAndStayWithinLimits() {
        PhaseSpec sharded = new PhaseSpec(List.of("mvn"), null, null, null, "-Dtest={tests}", null, 4);
        PhaseSpec noSubset = new PhaseSpec(List.of("mvn"), null, null, null, null, null, 2);
        PhaseSpec tooMany = new PhaseSpec(List.of("mvn"), null, null, null, "-Dtest={tests}", null,
                ManifestValidator.MAX_SHARDS + 1);
        PhaseSpec one = new PhaseSpec(List.of("mvn"), null, null, null, null, null, 1);

        ManifestValidator.Result ok = ManifestValidator.validate(manifest(Map.of("unit", sharded)), "demo", "demo");
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.manifest().phases().get("unit").shards()).isEqualTo(4);
        assertThat(fields(ManifestValidator.validate(manifest(Map.of("unit", noSubset)), "demo", "demo")))
                .containsExactly("phases.unit.shards");
        assertThat(fields(ManifestValidator.validate(manifest(Map.of("unit", tooMany)), "demo", "demo")))
                .containsExactly("phases.unit.shards");
        assertThat(ManifestValidator.validate(manifest(Map.of("unit", one)), "demo", "demo").manifest().phases()
                .get("unit").shards()).isNull();
    }

    @Test
    void aManifestNeedsAPhaseAndAWorkspace() {
        ProjectManifest empty = new ProjectManifest("demo", "demo", 1, null, null, null, null, null, Map.of(),
                null);

        assertThat(fields(ManifestValidator.validate(empty, "demo", "demo"))).containsExactly("workspace", "phases");
        assertThat(fields(ManifestValidator.validate(null, "demo", "demo"))).containsExactly("body");
    }
}
