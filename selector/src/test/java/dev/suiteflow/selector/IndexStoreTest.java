package dev.suiteflow.selector;

import static dev.suiteflow.selector.Fixture.MAIN;
import static dev.suiteflow.selector.Fixture.ids;
import static dev.suiteflow.selector.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.javaparser.ast.CompilationUnit;

import dev.suiteflow.selector.index.IndexStore;
import dev.suiteflow.selector.index.JavaSourceParser;
import dev.suiteflow.selector.index.SourceTrees;

class IndexStoreTest {

    @TempDir
    Path root;

    @TempDir
    Path cache;

    @Test
    void warmIndexReparsesOnlyChangedFilesAndSurvivesTheProcessOnDisk() throws Exception {
        Fixture.acme(root);
        IndexStore store = new IndexStore(cache);
        assertThat(store.index(root).parsed()).isEqualTo(25);

        IndexStore.WorkspaceIndex warm = store.index(root);
        assertThat(warm.parsed()).isZero();
        assertThat(warm.reused()).isEqualTo(25);

        write(root, MAIN + "lang/Printer.java", "package com.acme.lang;\npublic class Printer { Token t; }\n");
        write(root, "target/generated/Ignored.java", "class Ignored {}");
        write(root, ".run/recall/other-project/src/main/java/x/Fetched.java", "package x; class Fetched {}");
        IndexStore.WorkspaceIndex one = store.index(root);
        assertThat(one.parsed()).isEqualTo(1);
        assertThat(one.files()).doesNotContainKey("target/generated/Ignored.java")
                .doesNotContainKey(".run/recall/other-project/src/main/java/x/Fetched.java");

        IndexStore fresh = new IndexStore(cache); // another process: the disk cache
        assertThat(fresh.index(root).parsed()).isZero();
    }

    @Test
    void aFileTheIndexReparsesKeepsItsTreeForMethodLevelSelection() throws Exception {
        Fixture.acme(root);
        IndexStore store = new IndexStore(null);
        store.index(root); // the whole workspace: the light trees, none kept

        String printer = "package com.acme.lang;\npublic class Printer { Token t; /* " + System.nanoTime() + " */ }\n";
        write(root, MAIN + "lang/Printer.java", printer);
        long before = SourceTrees.parses();
        assertThat(store.index(root).parsed()).isEqualTo(1);
        assertThat(SourceTrees.parses()).isEqualTo(before + 1);

        // method-level selection asks for the same text: the index's tree, not a second parse
        Optional<CompilationUnit> tree = SourceTrees.parse(printer);
        assertThat(tree).isPresent();
        assertThat(SourceTrees.parse(printer).get()).isSameAs(tree.get());
        assertThat(SourceTrees.parses()).isEqualTo(before + 1);

        assertThat(SourceTrees.parse(printer + "// another text\n").get()).isNotSameAs(tree.get());
        assertThat(SourceTrees.parses()).isEqualTo(before + 2);
        assertThat(SourceTrees.parse("package a; class {")).isEmpty();
    }

    @Test
    void theKeptTreeAndTheLightTreeGiveTheSameFacts() throws Exception {
        // an index update of a few files parses with comments and tokens kept (SourceTrees), a whole workspace
        // without: the facts must not depend on which (comments naming classes, Javadoc, annotations, strings)
        List<Path> sources;
        try (var files = java.nio.file.Files.walk(Path.of("src"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).hasSizeGreaterThan(40); // this module's own sources and tests
        for (Path f : sources) {
            String text = java.nio.file.Files.readString(f);
            assertThat(JavaSourceParser.parse(f.toString(), text, 1, 2, true))
                    .as(f.toString()).isEqualTo(JavaSourceParser.parse(f.toString(), text, 1, 2, false));
        }
    }

    @Test
    void editedSourceIsSeenByTheNextPlan() {
        Fixture.acme(root);
        Selector selector = new Selector(cache);
        assertThat(ids(selector.plan(SelectionRequest.safe(root, List.of(MAIN + "lang/Token.java"))).selected()))
                .doesNotContain("com.acme.lang.PrinterTest");

        write(root, MAIN + "lang/Printer.java", "package com.acme.lang;\npublic class Printer { Token t; }\n");
        assertThat(ids(selector.plan(SelectionRequest.safe(root, List.of(MAIN + "lang/Token.java"))).selected()))
                .contains("com.acme.lang.PrinterTest#wraps");
    }

    @Test
    void unparsableFileIsScannedConservatively() {
        write(root, "src/main/java/a/A.java", "package a; public class A {}");
        write(root, "src/test/java/a/BrokenTest.java", """
                package a;
                class BrokenTest {
                    @Test void a() { A x = new A(; }
                }
                """);
        Selection s = new Selector().plan(SelectionRequest.safe(root, List.of("src/main/java/a/A.java")));
        assertThat(ids(s.selected())).containsExactly("a.BrokenTest");
    }
}
