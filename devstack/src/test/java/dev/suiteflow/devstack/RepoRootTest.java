package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRootTest {

    @TempDir
    Path dir;

    @Test
    void findsTheFolderHoldingTheMavenWrapperAndDevstackFromBelow() throws IOException {
        Files.createDirectories(dir.resolve(".mvn/wrapper"));
        Files.createDirectories(dir.resolve("devstack"));
        Path deep = Files.createDirectories(dir.resolve("gateway/src/test"));

        assertThat(RepoRoot.findFrom(deep)).hasValue(dir.toAbsolutePath().normalize());
    }

    @Test
    void findsNothingOutsideARepository() throws IOException {
        Path deep = Files.createDirectories(dir.resolve("a/b"));

        assertThat(RepoRoot.findFrom(deep)).isEmpty();
    }

    @Test
    void theBuildRunsInsideTheRepository() {
        Path root = RepoRoot.find();

        assertThat(root.resolve("devstack/pom.xml")).exists();
        assertThat(new RunDir(root, root.resolve(".run")).logs()).isDirectory();
    }
}
