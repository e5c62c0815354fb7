package dev.suiteflow.selector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts of the recall benchmark (RecallBench itself needs minutes and downloads: not a test). */
class RecallBenchPartsTest {

    @TempDir
    Path tmp;

    @Test
    void recallIsCaughtFailingClassesOverFailingClassesAndShareIsSelectedOverCatalog() {
        RecallFigures.Bug bug = new RecallFigures.Bug("p 1→2", "a/B.java", Set.of("a.XTest", "a.YTest", "a.ZTest", "a.WTest"),
                Set.of("a.XTest", "a.YTest", "a.ZTest", "a.OtherTest", "a.MoreTest"), 50);

        assertThat(bug.recall()).isEqualTo(0.75);
        assertThat(bug.missed()).containsExactly("a.WTest");
        assertThat(bug.share()).isEqualTo(0.10);
    }

    @Test
    void summaryGivesMeanAndMinRecallFullRecallShareAndMeanAndMedianShare() {
        List<RecallFigures.Bug> bugs = List.of(
                new RecallFigures.Bug("p", "A.java", Set.of("T1"), Set.of("T1"), 10),            // recall 1, share 0.1
                new RecallFigures.Bug("p", "B.java", Set.of("T1", "T2"), Set.of("T2", "T3"), 10), // recall 0.5, share 0.2
                new RecallFigures.Bug("p", "C.java", Set.of("T4"), Set.of("T4", "T5", "T6", "T7", "T8", "T9"), 10)); // 1, 0.6

        RecallFigures.Summary s = RecallFigures.Summary.of(bugs);

        assertThat(s.bugs()).isEqualTo(3);
        assertThat(s.meanRecall()).isCloseTo(2.5 / 3, within(1e-9));
        assertThat(s.minRecall()).isEqualTo(0.5);
        assertThat(s.fullRecallShare()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(s.meanShare()).isCloseTo(0.3, within(1e-9));
        assertThat(s.medianShare()).isCloseTo(0.2, within(1e-9));
        assertThat(s.failingClasses()).isEqualTo(4);
        assertThat(s.caughtClasses()).isEqualTo(3);
        assertThat(RecallFigures.median(List.of(0.4, 0.1, 0.3, 0.2))).isCloseTo(0.25, within(1e-9));
        assertThat(RecallFigures.Summary.of(List.of()).bugs()).isZero();
    }

    @Test
    void commandLineTakesMutantsAndOnlyInAnyOrderAndOnlyKeepsThosePairs() {
        RecallBench.Options plain = RecallBench.Options.parse("d", "p.txt");
        assertThat(plain.mutants()).isZero();
        assertThat(plain.only()).isEmpty();

        RecallBench.Options o = RecallBench.Options.parse("--only", "commons-text, commons-lang3", "d", "--mutants", "2", "p.txt");
        assertThat(o.dir()).isEqualTo(Path.of("d"));
        assertThat(o.projects()).isEqualTo(Path.of("p.txt"));
        assertThat(o.mutants()).isEqualTo(2);
        assertThat(o.only()).containsExactlyInAnyOrder("commons-text", "commons-lang3");

        List<RecallBench.Pair> pairs = List.of(new RecallBench.Pair("commons-cli:commons-cli", "1.7.0", "1.8.0"),
                new RecallBench.Pair("org.apache.commons:commons-text", "1.12.0", "1.13.0"),
                new RecallBench.Pair("org.apache.commons:commons-text", "1.13.0", "1.13.1"));
        assertThat(RecallBench.Options.parse("d", "p.txt", "--only", "commons-text").filter(pairs))
                .extracting(RecallBench.Pair::label).containsExactly("commons-text 1.12.0→1.13.0", "commons-text 1.13.0→1.13.1");
        assertThat(plain.filter(pairs)).isEqualTo(pairs);
        assertThatThrownBy(() -> RecallBench.Options.parse("d", "p.txt", "--only", "commons-txt").filter(pairs))
                .hasMessageContaining("commons-txt");
        assertThat(RecallBench.Options.parse("d", "p.txt", "--replan", "r.json").replan()).isEqualTo(java.nio.file.Path.of("r.json"));
        assertThat(plain.replan()).isNull();
        assertThat(plain.testMaps()).isTrue();
        assertThat(RecallBench.Options.parse("d", "--no-testmap", "p.txt").testMaps()).isFalse();
        RecallBench.Options iso = RecallBench.Options.parse("d", "p.txt", "--isolate", "r.json");
        assertThat(iso.replan()).isEqualTo(java.nio.file.Path.of("r.json"));
        assertThat(iso.isolate()).isTrue();
        assertThat(RecallBench.Options.parse("d", "p.txt", "--replan", "r.json").isolate()).isFalse();
        assertThat(RecallBench.Options.parse("d", "p.txt", "--replan", "r.json", "--confirm").confirm()).isTrue();
        assertThat(RecallBench.Options.parse("d", "p.txt", "--replan", "r.json").confirm()).isFalse();
        assertThatThrownBy(() -> RecallBench.Options.parse("d", "p.txt", "--confirm")).hasMessageContaining("goes with --replan");
        assertThatThrownBy(() -> RecallBench.Options.parse("d", "p.txt", "--isolate", "r.json", "--confirm"))
                .hasMessageContaining("goes with --replan");
        assertThatThrownBy(() -> RecallBench.Options.parse("d", "p.txt", "--replan", "r.json", "--isolate", "r.json"))
                .hasMessageContaining("one of them");
        assertThatThrownBy(() -> RecallBench.Options.parse("d", "p.txt", "--replan")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RecallBench.Options.parse("d", "p.txt", "--only")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RecallBench.Options.parse("d", "p.txt", "--mutants", "x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> RecallBench.Options.parse("d")).hasMessageContaining("DIR and PROJECTS_FILE");
        assertThatThrownBy(() -> RecallBench.Options.parse("d", "p.txt", "--fast")).hasMessageContaining("unknown option");
    }

    @Test
    void sourcesThatAreNotUtf8AreReadAsLatin1() throws Exception {
        Path f = tmp.resolve("L.java");
        Files.write(f, "class L { String s = \"\u00C5\"; } // \u00C5".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(SourceTreeDiff.read(f)).isEqualTo("class L { String s = \"\u00C5\"; } // \u00C5");
        Files.writeString(f, "class L { } // \u00C5", StandardCharsets.UTF_8);
        assertThat(SourceTreeDiff.read(f)).isEqualTo("class L { } // \u00C5");
    }

    @Test
    void aBugWithoutFailingTestsIsNotABug() {
        assertThatThrownBy(() -> new RecallFigures.Bug("p", "A.java", Set.of(), Set.of("T"), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void diffTellsCodeChangesFromCommentAndLayoutChangesAndAddedAndRemovedFiles() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        write(a, "p/Same.java", "package p; class Same { int x = 1; }");
        write(b, "p/Same.java", "package p; class Same { int x = 1; }");
        write(a, "p/Doc.java", "package p;\n/** Old doc. */\nclass Doc { int f() { return 1; } }");
        write(b, "p/Doc.java", "package p;\n\n/**\n * New doc.\n */\nclass Doc {\n    int f() {\n        return 1; // one\n    }\n}\n");
        write(a, "p/Code.java", "package p; class Code { boolean f(int i) { return i < 3; } }");
        write(b, "p/Code.java", "package p; class Code { boolean f(int i) { return i <= 3; } }");
        write(a, "p/Gone.java", "package p; class Gone {}");
        write(b, "p/New.java", "package p; class New {}");

        assertThat(SourceTreeDiff.diff(a, b)).containsExactly(
                new SourceTreeDiff.Change("p/Code.java", SourceTreeDiff.Kind.MODIFIED, true),
                new SourceTreeDiff.Change("p/Doc.java", SourceTreeDiff.Kind.MODIFIED, false),
                new SourceTreeDiff.Change("p/Gone.java", SourceTreeDiff.Kind.REMOVED, true),
                new SourceTreeDiff.Change("p/New.java", SourceTreeDiff.Kind.ADDED, true));
        assertThat(SourceTreeDiff.codeChanged("class A {", "class A {")).isTrue();   // unparsable: counts as changed
    }

    @Test
    void reportGivesFailedAndErroredCasesByTopLevelClass() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="JUnit Jupiter" tests="4" failures="1" errors="1">
                  <testcase name="passes()" classname="a.BTest" time="0.01"/>
                  <testcase name="fails()" classname="a.BTest" time="0.01"><failure message="x">trace</failure></testcase>
                  <testcase name="errs()" classname="a.CTest$Inner" time="0.01"><error message="y">trace</error></testcase>
                  <testcase name="skipped()" classname="a.DTest"><skipped/></testcase>
                </testsuite>
                """;
        Set<String> failed = JUnitXmlReport.failedTests(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(failed).containsExactly("a.BTest#fails()", "a.CTest#errs()");
        assertThat(JUnitXmlReport.classOf("a.CTest#errs()")).isEqualTo("a.CTest");

        Files.writeString(tmp.resolve("TEST-junit-jupiter.xml"), xml);
        Files.writeString(tmp.resolve("other.xml"), "not a report");
        assertThat(JUnitXmlReport.failedTests(tmp)).isEqualTo(failed);
    }

    @Test
    void mutantsFlipOneOperatorEachAndLeaveTheRestOfTheSourceAlone() {
        String src = "class M {\n  boolean f(int a, int b) {\n    return a < b && b != 0;\n  }\n  int g(int a) { return a + 1; }\n}\n";

        List<Mutants.Mutant> all = Mutants.all(src);

        assertThat(all).extracting(m -> m.from() + "→" + m.to()).containsExactlyInAnyOrder("<→<=", "&&→||", "!=→==");
        assertThat(all).allSatisfy(m -> assertThat(m.line()).isEqualTo(3));
        assertThat(all).extracting(Mutants.Mutant::source).contains(
                src.replace("a < b", "a <= b"), src.replace("&&", "||"), src.replace("b != 0", "b == 0"));
        assertThat(Mutants.spread(all, 1)).hasSize(1);
        assertThat(Mutants.spread(all, 5)).isEqualTo(all);
        assertThat(Mutants.all("class {")).isEmpty();
    }

    private static void write(Path root, String rel, String text) throws Exception {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void aRevertIsCutIntoHunksEachOfWhichCanBeRevertedAloneOrWithOthers() {
        String fixed = String.join("\n",
                "class A {",
                "    /** Gets the size. */",
                "    int size() {",
                "        if (items == null) {",
                "            return 0;",
                "        }",
                "        return items.length;",
                "    }",
                "    int first() {",
                "        return items[0];",
                "    }",
                "}", "");
        String reverted = String.join("\n",
                "class A {",
                "    /** Returns the size. */",
                "    int size() {",
                "        return items.length;",
                "    }",
                "    int first() {",
                "        return items[1];",
                "    }",
                "}", "");
        BugIsolation iso = new BugIsolation(fixed, reverted);

        assertThat(iso.hunks()).containsExactly(
                new BugIsolation.Hunk(0, 2, 1, 1, false),   // Javadoc only: not tried
                new BugIsolation.Hunk(1, 4, 3, 0, true),    // the null check removed
                new BugIsolation.Hunk(2, 10, 1, 1, true));  // items[0] -> items[1]
        assertThat(iso.revert(List.of())).isEqualTo(fixed);
        assertThat(iso.revert(List.of(0, 1, 2))).isEqualTo(reverted);
        assertThat(iso.revert(List.of(2))).isEqualTo(fixed.replace("items[0]", "items[1]"));
        assertThat(iso.revert(List.of(1)))
                .contains("    /** Gets the size. */\n    int size() {\n        return items.length;")
                .contains("items[0]");
        assertThatThrownBy(() -> iso.revert(List.of(3))).hasMessageContaining("no hunk 3");
    }

    @Test
    void lineEndingsAloneMakeNoHunk() {
        // CSV 1.10.0's CSVPrinter.java is CRLF, 1.9.0's LF: only the changed line is a hunk, not the whole file
        String fixed = "class A {\r\n    int x = 1;\r\n    int y = 2;\r\n}\r\n";
        String reverted = "class A {\n    int x = 1;\n    int y = 3;\n}\n";
        BugIsolation iso = new BugIsolation(fixed, reverted);

        assertThat(iso.hunks()).containsExactly(new BugIsolation.Hunk(0, 3, 1, 1, true));
        assertThat(iso.revert(List.of(0))).isEqualTo("class A {\r\n    int x = 1;\r\n    int y = 3;\n}\r\n");
    }

    @Test
    void aBugReadBackFromAResultsFileKeepsItsRecallAndShare() {
        RecallFigures.Bug old = RecallBench.fromJson(java.util.Map.of("pair", "commons-cli 1.7.0→1.8.0", "file", "a/B.java",
                "failing", List.of("a.XTest", "a.YTest"), "missed", List.of("a.YTest"), "selected", 5, "catalog", 40));
        assertThat(old.recall()).isEqualTo(0.5);
        assertThat(old.share()).isEqualTo(5 / 40.0);
        assertThat(old.missed()).containsExactly("a.YTest");

        RecallFigures.Bug named = RecallBench.fromJson(java.util.Map.of("pair", "p 1→2", "file", "a/B.java",
                "failing", List.of("a.XTest"), "missed", List.of(), "selected", 2, "selectedClasses",
                List.of("a.XTest", "a.ZTest"), "catalog", 10));
        assertThat(named.selected()).containsExactly("a.XTest", "a.ZTest");
        assertThat(named.recall()).isEqualTo(1.0);
    }
}
