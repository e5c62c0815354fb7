package dev.suiteflow.selector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SelectCommandTest {

    @TempDir
    Path root;

    @TempDir
    Path cache;

    private String out;
    private String err;

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--cache-dir");
        all.add(cache.toString());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = SelectCommand.run(all.toArray(String[]::new), new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void printsTheSelectionAsJson() throws Exception {
        dev.suiteflow.selector.Fixture.acme(root);
        assertThat(run("--workspace", root.toString(), "--changed", "src/main/java/com/acme/lang/Lexer.java",
                "src/main/java/com/acme/shapes/Circle.java", "--mode", "budget", "--budget", "0.25")).isZero();

        JsonNode json = new ObjectMapper().readTree(out);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("workspace", "mode", "catalog", "changed", "selected", "skipped",
                "selectsAll", "why");
        assertThat(json.get("mode").asText()).isEqualTo("budget");
        assertThat(json.get("catalog").get("testClasses").asInt()).isEqualTo(12);
        assertThat(json.get("catalog").get("testMethods").asInt()).isEqualTo(14);
        assertThat(json.get("selected")).hasSize(3);
        JsonNode first = json.get("selected").get(0); // equal scores: the test named after a changed file first
        assertThat(first.get("test").asText()).isEqualTo("com.acme.shapes.CircleTest");
        assertThat(first.get("method").asText()).isEqualTo("area");
        JsonNode second = json.get("selected").get(1);
        assertThat(second.get("test").asText()).isEqualTo("com.acme.lang.ExpressionParserTest");
        assertThat(second.get("method").isNull()).isTrue();
        assertThat(second.get("score").asDouble()).isEqualTo(0.9);
        assertThat(second.get("reasons").get(0).asText()).isEqualTo("extends AbstractParserTest, whose tests call Lexer, changed");
        assertThat(json.get("skipped")).hasSize(2);
        assertThat(json.get("selectsAll").asBoolean()).isFalse();
        assertThat(err).isEmpty();
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path plain) {
        assertThat(run("--workspace", root.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("select: workspace is not a directory: " + root.resolve("missing"));

        assertThat(run("--workspace", root.toString(), "--changed", "../x")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("select: changed path is outside the workspace: ../x");

        assertThat(run("--workspace", root.toString(), "--changed", "/etc/hosts")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("select: changed path is outside the workspace: /etc/hosts");

        assertThat(run("--workspace", plain.toString(), "--range", "main..HEAD")).isEqualTo(2);
        assertThat(err.strip()).startsWith("select: not a git repository: ");

        assertThat(run("--workspace", root.toString(), "--mode", "fast")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("select: --mode must be safe or budget, got 'fast'");

        assertThat(run("--workspace", root.toString(), "--budget", "3")).isEqualTo(2);
        assertThat(err.strip()).startsWith("select: --budget must be a share");

        assertThat(run("--changed", "x")).isEqualTo(2);
        assertThat(err.strip()).startsWith("select: Missing required option: '--workspace=DIR'");
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(out).isEmpty();
    }

    @Test
    void unknownRevisionExitsTwo() {
        dev.suiteflow.selector.Fixture.acme(root);
        dev.suiteflow.selector.Fixture.git(root, "init", "-q");
        dev.suiteflow.selector.Fixture.git(root, "add", "-A");
        dev.suiteflow.selector.Fixture.git(root, "commit", "-q", "-m", "one");

        assertThat(run("--workspace", root.toString(), "--range", "v9..HEAD")).isEqualTo(2);
        assertThat(err.strip()).startsWith("select: unknown revision in --range v9..HEAD: ");
        assertThat(err.strip().lines()).hasSize(1);
    }
}
