package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Kustomize reads only files inside its folder, so deploy/ keeps copies of two files whose source is elsewhere;
 * this keeps the copies true to their sources.
 */
class DeployCopiesTest {

    private final Path root = RepoRoot.find();

    @Test
    void theKubernetesDatabaseSetupIsTheDevstackOne() throws IOException {
        assertThat(Files.readString(root.resolve("deploy/dev/postgres-setup.sql")))
                .as("deploy/dev/postgres-setup.sql must be a copy of devstack/src/main/resources/postgres-setup.sql")
                .isEqualTo(Files.readString(root.resolve("devstack/src/main/resources/postgres-setup.sql")));
    }

    @Test
    void theKubernetesDemoManifestIsTheDemoOne() throws IOException {
        assertThat(Files.readString(root.resolve("deploy/base/manifests/demo.yaml")))
                .as("deploy/base/manifests/demo.yaml must be a copy of demo/manifests/demo.yaml")
                .isEqualTo(Files.readString(root.resolve("demo/manifests/demo.yaml")));
    }
}
