package dev.suiteflow.selector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.selector.Fixture;

/** {@code ./suiteflow testmap}: a JSON summary on success, one-line errors and exit code 2 for bad input. */
class TestMapCommandTest {

    @TempDir
    Path root;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = TestMapCommand.run(args, new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void recordsTheMapOfTheCommitAndPrintsASummary() throws Exception {
        Files.writeString(root.resolve(".gitignore"), "target/\n.suiteflow/\n");
        Path main = Files.createDirectories(root.resolve("src/main/java/com/m"));
        Files.writeString(main.resolve("Twice.java"), """
                package com.m;
                public class Twice {
                    public static int of(int x) {
                        return 2 * x;
                    }
                }
                """);
        Path test = Files.createDirectories(root.resolve("src/test/java/com/m"));
        Files.writeString(test.resolve("TwiceTest.java"), """
                package com.m;
                class TwiceTest {
                    @org.junit.jupiter.api.Test
                    void doubles() {
                        org.junit.jupiter.api.Assertions.assertEquals(4, Twice.of(2));
                    }
                }
                """);
        Fixture.git(root, "init", "-q");
        Fixture.git(root, "add", "-A");
        Fixture.git(root, "commit", "-q", "-m", "one");
        Fixture.compileInto(root, "target/classes", "", "src/main/java");
        Fixture.compileInto(root, "target/test-classes", root.resolve("target/classes").toString(), "src/test/java");
        Path cp = root.resolve("cp.txt");
        Files.writeString(cp, String.join(java.io.File.pathSeparator, Fixture.junitRuntime().stream().map(Path::toString).toList()));

        assertThat(run("--workspace", root.toString(), "--classpath-file", cp.toString())).as(err).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        String head = Fixture.git(root, "rev-parse", "HEAD").trim();
        assertThat(json.get("revision").asText()).isEqualTo(head);
        assertThat(json.get("recorded").asInt()).isEqualTo(1);
        assertThat(json.get("unrecorded")).isEmpty();
        assertThat(json.get("lineProbes").asInt()).isPositive();
        assertThat(json.get("methodProbesOnly")).isEmpty();
        assertThat(Path.of(json.get("file").asText())).exists().hasFileName(head + ".json");
        assertThat(err).contains("recording 1 test class of").containsPattern("1/1 com\\.m\\.TwiceTest: 1 method entered, [1-9]\\d* lines? run");
    }

    @Test
    void badInputIsOneLineWithExitCodeTwo() {
        assertThat(run("--workspace", root.toString())).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("testmap: give the tests' class path: --classpath CP or --classpath-file FILE");

        assertThat(run("--workspace", root.resolve("nope").toString(), "--classpath", "x.jar")).isEqualTo(2);
        assertThat(err).contains("workspace is not a directory");

        assertThat(run("--workspace", root.toString(), "--classpath-file", root.resolve("cp.txt").toString()))
                .isEqualTo(2);
        assertThat(err).contains("--classpath-file: no such file");

        assertThat(run("--workspace", root.toString(), "--classpath", "x.jar", "--jobs", "0")).isEqualTo(2);
        assertThat(err).contains("--jobs must be between 1 and 64");

        assertThat(run("--workspace", root.toString(), "--classpath", "x.jar", "--jobs", "many")).isEqualTo(2);
        assertThat(err).contains("--jobs").contains("many").contains("./suiteflow testmap --help");
        assertThat(err.lines().count()).isEqualTo(1);
    }
}
