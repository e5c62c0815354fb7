package dev.suiteflow.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardsTest {

    @Test
    void keepsPathsInsideTheWorkspace(@TempDir Path root) throws Exception {
        assertThat(Guards.inside(root, "a/../b", "workingDir")).isEqualTo(root.resolve("b"));
        assertThat(Guards.inside(root, null, "workingDir")).isEqualTo(root);
        assertThatThrownBy(() -> Guards.inside(root, "../x", "workingDir")).isInstanceOf(PhaseFailure.class)
                .hasMessageContaining("leaves the workspace")
                .satisfies(e -> assertThat(((PhaseFailure) e).failureClass()).isEqualTo("misconfiguration"));
        assertThatThrownBy(() -> Guards.inside(root, "/etc", "workingDir")).hasMessageContaining("not absolute");
        Files.createSymbolicLink(root.resolve("out"), Path.of("/tmp"));
        assertThatThrownBy(() -> Guards.inside(root, "out", "workingDir"))
                .hasMessageContaining("through a symbolic link");
    }

    @Test
    void refusesArgumentsWithNul() {
        Guards.checkArgs(List.of("mvn", "-Dtest=a.B#c"));
        assertThatThrownBy(() -> Guards.checkArgs(List.of("mvn", "-Dtest=a\0b")))
                .hasMessageContaining("argument 1").hasMessageContaining("NUL");
        assertThatThrownBy(() -> Guards.checkArgs(List.of())).hasMessageContaining("no command");
        assertThatThrownBy(() -> Guards.checkArgs(Arrays.asList("mvn", null))).hasMessageContaining("missing");
    }

    @Test
    void environmentIsAnAllowList() {
        Map<String, String> worker = Map.of("PATH", "/bin", "HOME", "/h", "SECRET_TOKEN", "x", "MAVEN_OPTS", "-Xmx1g");
        Map<String, String> env = Guards.environment(worker, List.of("MAVEN_OPTS", "ABSENT"), Map.of("CI", "true"));
        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/bin", "HOME", "/h",
                "MAVEN_OPTS", "-Xmx1g", "CI", "true"));
    }
}
