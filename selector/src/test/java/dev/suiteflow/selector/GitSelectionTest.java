package dev.suiteflow.selector;

import static dev.suiteflow.selector.Fixture.MAIN;
import static dev.suiteflow.selector.Fixture.TEST;
import static dev.suiteflow.selector.Fixture.git;
import static dev.suiteflow.selector.Fixture.ids;
import static dev.suiteflow.selector.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.suiteflow.selector.SelectionRequest.Mode;

/** --range and co-change against a repository built here: git init and commits through ProcessBuilder. */
class GitSelectionTest {

    @TempDir
    Path root;

    private final Selector selector = new Selector();

    @BeforeEach
    void repository() {
        Fixture.acme(root);
        git(root, "init", "-q");
        git(root, "add", "-A");
        git(root, "commit", "-q", "-m", "initial import");
        for (int i = 1; i <= 2; i++) {
            write(root, MAIN + "lang/Parser.java", "package com.acme.lang;\npublic class Parser { Lexer l; int v" + i + "; }\n");
            write(root, TEST + "parsing/ParserTest.java", """
                    package com.acme.parsing;
                    import com.acme.lang.Parser;
                    class ParserTest {
                        @org.junit.jupiter.api.Test void parses() { new Parser(); }
                        @org.junit.jupiter.api.Test void countsNothing() { int n = %d; }
                    }
                    """.formatted(i));
            git(root, "commit", "-q", "-am", "parser " + i);
        }
        write(root, "config/limits.conf", "max=1\n");
        write(root, TEST + "shapes/CircleTest.java", """
                package com.acme.shapes;
                class CircleTest { @org.junit.jupiter.api.Test void area() { new Circle(2).area(); } }
                """);
        git(root, "add", "-A");
        git(root, "commit", "-q", "-m", "limits");
        write(root, MAIN + "lang/Parser.java", "package com.acme.lang;\npublic class Parser { Lexer l; int v3; }\n");
        git(root, "commit", "-q", "-am", "parser 3");
    }

    private Selection plan(List<String> changed, String range) {
        return selector.plan(new SelectionRequest(root, changed, range, Mode.SAFE, null, null, null));
    }

    @Test
    void rangeGivesTheChangedFilesAndCoChangeAddsEvidence() {
        Selection s = plan(List.of(), "HEAD~1..HEAD");

        assertThat(s.changed()).containsExactly(MAIN + "lang/Parser.java");
        assertThat(ids(s.selected())).containsExactly("com.acme.parsing.ParserTest#parses");
        assertThat(s.selected().get(0).reasons())
                .containsExactly("imports Parser, changed", "changed together with Parser.java in 2 commits");
        assertThat(s.selected().get(0).score()).isGreaterThan(0.9);
    }

    @Test
    void rangeAndExplicitFilesAreMerged() {
        Selection s = plan(List.of(MAIN + "lang/Printer.java", MAIN + "lang/Parser.java"), "HEAD~2..HEAD");

        assertThat(s.changed()).containsExactly(MAIN + "lang/Printer.java", MAIN + "lang/Parser.java",
                "config/limits.conf", TEST + "shapes/CircleTest.java");
    }

    @Test
    void unnamedFileFallsBackToCoChange() {
        Selection s = plan(List.of("config/limits.conf"), null);

        assertThat(ids(s.selected())).containsExactly("com.acme.shapes.CircleTest");
        assertThat(s.selected().get(0).reasons()).containsExactly(
                "changed together with limits.conf in 1 commit (co-change: no code names limits.conf)");
    }

    @Test
    void unknownRevisionIsAClearError() {
        assertThatThrownBy(() -> plan(List.of(), "nosuch..HEAD"))
                .isInstanceOf(SelectionException.class)
                .hasMessageStartingWith("unknown revision in --range nosuch..HEAD: ");
        assertThatThrownBy(() -> plan(List.of(), "--output=/tmp/x..HEAD"))
                .isInstanceOf(SelectionException.class).hasMessageStartingWith("--range must look like BASE..HEAD");
    }

    @Test
    void rangeOutsideAGitRepositoryIsRefused(@TempDir Path plain) {
        write(plain, "src/main/java/a/A.java", "package a; class A {}");
        assertThatThrownBy(() -> selector.plan(new SelectionRequest(plain, List.of(), "a..b", Mode.SAFE, null, null, null)))
                .isInstanceOf(SelectionException.class)
                .hasMessage("not a git repository: " + plain.toAbsolutePath() + " (--range needs one)");
    }
}
