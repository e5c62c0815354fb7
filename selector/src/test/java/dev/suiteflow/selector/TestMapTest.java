package dev.suiteflow.selector;

import static dev.suiteflow.selector.Fixture.git;
import static dev.suiteflow.selector.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.suiteflow.selector.testmap.TestMap;
import dev.suiteflow.selector.testmap.TestMapRecorder;

/**
 * The test map, end to end on a real build: each fixture test class runs in its own JVM under the probes, the
 * map is written for the commit, and a later change against that commit keeps only the test classes whose
 * recorded run entered the changed code — where the call graph alone keeps every test class that could call it.
 */
class TestMapTest {

    private static final String MAIN = "src/main/java/com/calc/";
    private static final String TEST = "src/test/java/com/calc/";

    @TempDir
    static Path root;

    private static TestMapRecorder.Result recorded;
    private static final List<String> progress = new ArrayList<>();

    private final Selector withMap = new Selector(null, true, true);
    private final Selector withoutMap = new Selector(null, true, false);

    @BeforeAll
    static void recordTheMap() throws Exception {
        write(root, ".gitignore", "target/\n.suiteflow/\n");
        write(root, MAIN + "Calc.java", """
                package com.calc;
                public final class Calc {
                    private Calc() {
                    }

                    public static int apply(String op, int x) {
                        switch (op) {
                            case "add": return add(x);
                            case "neg": return neg(x);
                            default: throw new IllegalArgumentException(op);
                        }
                    }

                    static int add(int x) {
                        return x + 1;
                    }

                    static int neg(int x) {
                        return -x;
                    }

                    public static int parse(String s) {
                        return Integer.parseInt(s.trim());
                    }

                    public static java.util.List<Integer> twice(java.util.List<Integer> xs) {
                        return xs.stream().map(x -> x * 2).toList();
                    }
                }
                """);
        write(root, MAIN + "Shape.java", """
                package com.calc;
                public class Shape {
                    public String describe() {
                        return "shape";
                    }
                }
                """);
        write(root, MAIN + "Square.java", """
                package com.calc;
                public class Square extends Shape {
                    public int sides() {
                        return 4;
                    }
                }
                """);
        write(root, MAIN + "Circle.java", """
                package com.calc;
                public class Circle extends Shape {
                    @Override
                    public String describe() {
                        return "circle";
                    }
                }
                """);
        write(root, MAIN + "Registry.java", """
                package com.calc;
                public final class Registry {
                    private static final java.util.Map<String, Integer> TABLE = build();

                    private Registry() {
                    }

                    static java.util.Map<String, Integer> build() {
                        return java.util.Map.of("one", 1);
                    }

                    public static int lookup(String key) {
                        return TABLE.getOrDefault(key, -1);
                    }
                }
                """);
        write(root, MAIN + "Grade.java", """
                package com.calc;
                public final class Grade {
                    private Grade() {
                    }

                    public static String of(int score) {
                        if (score < 0) {
                            throw new IllegalArgumentException("negative: " + score);
                        }
                        String grade;
                        if (score >= 90) {
                            grade = "A";
                        } else {
                            grade = "B";
                        }
                        return grade;
                    }

                    public static int parseOr(String s, int fallback) {
                        try {
                            return Integer.parseInt(s);
                        } catch (NumberFormatException e) {
                            return fallback;
                        }
                    }

                    public static String label(int score) {
                        // frames inside the argument name the object being built by the offset of its `new`
                        return new StringBuilder(score >= 90 ? "top" : "rest").toString();
                    }

                    public static int sum(String a, String b) {
                        int total = 0;
                        try {
                            total += Integer.parseInt(a);
                            total += Integer.parseInt(b);
                        } finally {
                            total += 0;
                        }
                        return total;
                    }

                    public static String kind(int code) {
                        switch (code) {
                            case 1:
                                return "one";
                            case 2:
                                return "two";
                            default:
                                return "many";
                        }
                    }
                }
                """);
        testClass("GradeATest", "assertEquals(\"A\", Grade.of(95));");
        testClass("GradeBTest", "assertEquals(\"B\", Grade.of(50));");
        testClass("GradeNegativeTest", "assertThrows(IllegalArgumentException.class, () -> Grade.of(-1));");
        testClass("ParseOkTest", "assertEquals(3, Grade.parseOr(\"3\", 7));");
        testClass("ParseFallbackTest", "assertEquals(7, Grade.parseOr(\"x\", 7));");
        testClass("KindTest", "assertEquals(\"many\", Grade.kind(5));");
        testClass("LabelTest", "assertEquals(\"top\", Grade.label(95));");
        testClass("SumTest", "assertEquals(3, Grade.sum(\"1\", \"2\"));");
        testClass("SumFirstBadTest", "assertThrows(NumberFormatException.class, () -> Grade.sum(\"x\", \"2\"));");
        testClass("AddTest", "assertEquals(2, Calc.apply(\"add\", 1));");
        testClass("NegTest", "assertEquals(-1, Calc.apply(\"neg\", 1));");
        testClass("ParseTest", "assertThrows(NullPointerException.class, () -> Calc.parse(null));");
        testClass("TwiceTest", "assertEquals(java.util.List.of(2), Calc.twice(java.util.List.of(1)));");
        testClass("SquareTest", "assertEquals(\"shape\", new Square().describe());");
        testClass("CircleTest", "Shape c = new Circle(); assertEquals(\"circle\", c.describe());");
        testClass("ShapesTest", "java.util.List<Shape> all = java.util.List.of(new Square(), new Circle()); "
                + "assertEquals(\"shape\", all.get(0).describe());");
        testClass("RegistryOneTest", "assertEquals(1, Registry.lookup(\"one\"));");
        testClass("RegistryTwoTest", "assertEquals(-1, Registry.lookup(\"two\"));");
        testClass("BrokenTest", "assertEquals(3, Calc.apply(\"add\", 1));"); // fails at the recorded commit
        testClass("ExitTest", "Calc.apply(\"add\", 1); System.exit(3);"); // its JVM dies: no record
        git(root, "init", "-q");
        git(root, "add", "-A");
        git(root, "commit", "-q", "-m", "calc");
        buildMain();
        Fixture.compile(root, "target/test-classes", root.resolve("target/classes").toString(), "src/test/java");

        List<String> tests = Stream.of("AddTest", "NegTest", "ParseTest", "TwiceTest", "SquareTest", "CircleTest", "ShapesTest",
                "RegistryOneTest", "RegistryTwoTest", "BrokenTest", "ExitTest", "GradeATest", "GradeBTest", "GradeNegativeTest",
                "ParseOkTest", "ParseFallbackTest", "KindTest", "LabelTest", "SumTest", "SumFirstBadTest").map(t -> "com.calc." + t).toList();
        recorded = TestMapRecorder.record(new TestMapRecorder.Options(root, Fixture.junitRuntime(), tests, 2,
                Duration.ofMinutes(2), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), line -> {
                    synchronized (progress) {
                        progress.add(line);
                    }
                }));
    }

    @AfterEach
    void restore() {
        git(root, "checkout", "-q", "--", ".");
        git(root, "clean", "-qfd", "src");
        buildMain();
    }

    @Test
    void theMapHoldsWhatEachTestClassEnteredAtTheCommit() throws IOException {
        String head = git(root, "rev-parse", "HEAD").trim();
        assertThat(recorded.file()).isEqualTo(TestMap.file(root, head)).exists();
        TestMap map = TestMap.read(recorded.file());
        assertThat(map.revision()).isEqualTo(head);
        assertThat(map.tests()).containsOnlyKeys("com.calc.AddTest", "com.calc.NegTest", "com.calc.ParseTest",
                "com.calc.TwiceTest", "com.calc.SquareTest", "com.calc.CircleTest", "com.calc.ShapesTest",
                "com.calc.RegistryOneTest", "com.calc.RegistryTwoTest",
                "com.calc.BrokenTest",
                "com.calc.GradeATest", "com.calc.GradeBTest", "com.calc.GradeNegativeTest", "com.calc.ParseOkTest",
                "com.calc.ParseFallbackTest", "com.calc.KindTest", "com.calc.LabelTest", "com.calc.SumTest",
                "com.calc.SumFirstBadTest");
        // a failing test class is recorded (where it went until it failed); a JVM that dies leaves no record
        assertThat(map.failedAtCommit()).containsExactly("com.calc.BrokenTest");
        assertThat(entered(map, "com.calc.BrokenTest")).contains("com/calc/Calc.add(I)I");
        assertThat(map.unrecorded()).containsOnlyKeys("com.calc.ExitTest");
        assertThat(map.unrecorded().get("com.calc.ExitTest")).contains("exited with 3");
        assertThat(entered(map, "com.calc.AddTest")).contains("com/calc/Calc.apply(Ljava/lang/String;I)I",
                "com/calc/Calc.add(I)I").doesNotContain("com/calc/Calc.neg(I)I");
        assertThat(progress).hasSize(20).anyMatch(l -> l.contains("com.calc.NegTest") && l.contains("methods entered")
                && l.contains("lines run"));
        // line probes: the lines each run reached, by top-level class and line
        Set<String> aLines = linesRun(map, "com.calc.GradeATest");
        Set<String> bLines = linesRun(map, "com.calc.GradeBTest");
        int then = lineOf("Grade.java", "grade = \"A\";");
        int otherwise = lineOf("Grade.java", "grade = \"B\";");
        assertThat(aLines).contains("com/calc/Grade:" + then).doesNotContain("com/calc/Grade:" + otherwise);
        assertThat(bLines).contains("com/calc/Grade:" + otherwise).doesNotContain("com/calc/Grade:" + then);
        // an exception handler's lines: run only where the exception was thrown
        assertThat(linesRun(map, "com.calc.ParseFallbackTest")).contains("com/calc/Grade:" + lineOf("Grade.java", "return fallback;"));
        assertThat(linesRun(map, "com.calc.ParseOkTest")).doesNotContain("com/calc/Grade:" + lineOf("Grade.java", "return fallback;"));
    }

    @Test
    void aChangedMethodKeepsOnlyTheTestClassesThatEnteredIt() {
        edit("Calc.java", "return -x;", "return 0 - x;");
        Selection without = withoutMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Calc.java")));
        Selection with = withMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Calc.java")));
        // the call graph: apply() can call neg(), so every caller of apply() may run it
        assertThat(tests(without)).contains("com.calc.AddTest", "com.calc.NegTest", "com.calc.BrokenTest",
                "com.calc.ExitTest");
        // the map: AddTest and BrokenTest (failing at the commit, the same way after a change it never reaches)
        // never entered neg(); ExitTest has no usable record, so it is never left out
        assertThat(tests(with)).containsExactlyInAnyOrder("com.calc.NegTest", "com.calc.ExitTest");
        assertThat(Fixture.find(with, "com.calc.NegTest#works").reasons())
                .anyMatch(r -> r.contains("entered the changed code in its recorded run at "));
        assertThat(with.why()).contains("test map of ").contains("2 test classes the call graph reaches left out")
                .contains("Calc.neg(…)");
    }

    @Test
    void aChangeInsideABranchKeepsOnlyTheTestClassesThatRanThatBranch() {
        edit("Grade.java", "grade = \"A\";", "grade = \"A+\";");
        Selection s = planWithMap("Grade.java");
        // all three entered Grade.of; only GradeATest ran the branch
        assertThat(gradeTests(s)).containsExactly("com.calc.GradeATest");
        assertThat(s.why()).contains("Grade.of(…) at line " + lineOf("Grade.java", "grade = \"A\";"));
        assertThat(gradeTests(withoutMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Grade.java")))))
                .contains("com.calc.GradeATest", "com.calc.GradeBTest", "com.calc.GradeNegativeTest");
    }

    @Test
    void aChangedConditionKeepsTheTestClassesThatEvaluatedIt() {
        // the guard above it threw for GradeNegativeTest: it never reached the condition
        edit("Grade.java", "if (score >= 90) {", "if (score > 90) {");
        assertThat(gradeTests(planWithMap("Grade.java")))
                .containsExactlyInAnyOrder("com.calc.GradeATest", "com.calc.GradeBTest");
    }

    @Test
    void aStatementAddedAfterTheGuardKeepsWhoGotPastIt() {
        edit("Grade.java", "        String grade;\n", "        String grade;\n        score = Math.min(score, 100);\n");
        assertThat(gradeTests(planWithMap("Grade.java")))
                .containsExactlyInAnyOrder("com.calc.GradeATest", "com.calc.GradeBTest");
    }

    @Test
    void aChangedFirstStatementCountsForEveryoneWhoEnteredTheMethod() {
        edit("Grade.java", "if (score < 0) {", "if (score < -1) {");
        assertThat(gradeTests(planWithMap("Grade.java")))
                .containsExactlyInAnyOrder("com.calc.GradeATest", "com.calc.GradeBTest", "com.calc.GradeNegativeTest");
    }

    @Test
    void aChangedHandlerKeepsOnlyTheTestClassesThatRanItAndAChangedCatchTypeEveryoneInTheTry() {
        edit("Grade.java", "return fallback;", "return -fallback;");
        assertThat(parseTests(planWithMap("Grade.java")))
                .containsExactly("com.calc.ParseFallbackTest");
        git(root, "checkout", "-q", "--", ".");
        // which exceptions the handler catches decides for every run of the try block
        edit("Grade.java", "catch (NumberFormatException e)", "catch (IllegalStateException e)");
        assertThat(parseTests(planWithMap("Grade.java")))
                .containsExactlyInAnyOrder("com.calc.ParseOkTest", "com.calc.ParseFallbackTest");
    }

    @Test
    void aHunkThatClosesABlockAndOpensACatchCountsForEveryoneWhoEnteredTheTry() {
        // the new lines stand after the try block's last statement, but their code is a handler for all of it:
        // SumFirstBadTest threw before that statement and is now caught
        edit("Grade.java", "            total += Integer.parseInt(b);\n", """
                            total += Integer.parseInt(b);
                        } catch (NumberFormatException e) {
                            total = -1;
                """);
        assertThat(tests(planWithMap("Grade.java")))
                .contains("com.calc.SumTest", "com.calc.SumFirstBadTest");
    }

    @Test
    void aStatementAddedAtTheEndOfATryBlockKeepsWhoCompletedTheOneBefore() {
        edit("Grade.java", "            total += Integer.parseInt(b);\n", """
                            total += Integer.parseInt(b);
                            total *= 2;
                """);
        assertThat(tests(planWithMap("Grade.java")))
                .contains("com.calc.SumTest").doesNotContain("com.calc.SumFirstBadTest");
    }

    @Test
    void aChangedCaseLabelKeepsEveryoneWhoRanTheSwitch() {
        // KindTest's 5 went to default; with case 5 it would not: the switch's line decides, not the label's
        edit("Grade.java", "case 2:", "case 5:");
        assertThat(tests(planWithMap("Grade.java")))
                .contains("com.calc.KindTest");
    }

    @Test
    void aMethodThatThrowsOnItsFirstLineStillCountsAsEntered() {
        edit("Calc.java", "Integer.parseInt(s.trim())", "Integer.parseInt(s.strip())");
        assertThat(tests(withMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Calc.java")))))
                .containsExactly("com.calc.ParseTest");
    }

    @Test
    void aLambdaCountsAsItsEnclosingMethod() {
        edit("Calc.java", "map(x -> x * 2)", "map(x -> x + x)");
        assertThat(tests(withMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Calc.java")))))
                .containsExactly("com.calc.TwiceTest");
    }

    @Test
    void anAddedOverrideKeepsWhoCalledTheMethodItOverrides() {
        edit("Square.java", "    public int sides() {", """
                    @Override
                    public String describe() {
                        return "square";
                    }

                    public int sides() {""");
        Selection s = withMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Square.java")));
        // both called Shape.describe() on a Square; CircleTest called it on a Circle, which has its own
        assertThat(tests(s)).containsExactlyInAnyOrder("com.calc.SquareTest", "com.calc.ShapesTest");
    }

    @Test
    void aRemovedOverrideKeepsOnlyTheTestClassesWhoseCallsReachedIt() {
        // the call graph: Circle's describe() gone, a call of Shape.describe() on any Shape may now run other code,
        // and ShapesTest, which creates a Circle, called it — on a Square: its recorded run never entered
        // Circle.describe(), its calls went where they go now
        edit("Circle.java", """
                    @Override
                    public String describe() {
                        return "circle";
                    }
                """, "");
        String file = MAIN + "Circle.java";
        assertThat(tests(withoutMap.plan(SelectionRequest.safe(root, List.of(file)))))
                .contains("com.calc.CircleTest", "com.calc.ShapesTest");
        Selection s = withMap.plan(SelectionRequest.safe(root, List.of(file)));
        assertThat(tests(s)).containsExactly("com.calc.CircleTest");
        assertThat(s.why()).contains("Circle.describe(…) (removed)");
    }

    @Test
    void stateBuiltOncePerJvmCountsForEveryTestClassThatUsesIt() {
        // TABLE is built in Registry's static initialiser: each test class ran in a JVM of its own, so both entered it
        edit("Registry.java", "java.util.Map.of(\"one\", 1)", "java.util.Map.of(\"one\", 1, \"two\", 2)");
        assertThat(tests(withMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Registry.java")))))
                .containsExactlyInAnyOrder("com.calc.RegistryOneTest", "com.calc.RegistryTwoTest");
    }

    @Test
    void anUnreadableMapIsNotUsedAndSaysSo() throws IOException {
        byte[] good = Files.readAllBytes(recorded.file());
        try {
            Files.writeString(recorded.file(), "{\"format\": 1, \"tests\": [");
            edit("Calc.java", "return -x;", "return 0 - x;");
            Selection s = withMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Calc.java")));
            assertThat(tests(s)).isEqualTo(tests(withoutMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Calc.java")))));
            assertThat(s.why()).contains("the test map .suiteflow/testmap/").contains("cannot be read").contains("not used");
        } finally {
            Files.write(recorded.file(), good);
        }
    }

    @Test
    void aMapOfAnotherCommitIsNotUsed() {
        write(root, "NOTES.md", "a later commit\n");
        git(root, "add", "NOTES.md");
        git(root, "commit", "-q", "-m", "notes");
        try {
            edit("Calc.java", "return -x;", "return 0 - x;");
            Selection s = withMap.plan(SelectionRequest.safe(root, List.of(MAIN + "Calc.java")));
            assertThat(tests(s)).contains("com.calc.AddTest", "com.calc.NegTest");
            assertThat(s.why()).doesNotContain("test map");
        } finally {
            git(root, "reset", "-q", "--hard", "HEAD~1");
        }
    }

    @Test
    void recordingRefusesUncommittedChangesAndAClassPathWithoutALauncher() {
        edit("Calc.java", "return -x;", "return 0 - x;");
        assertThatThrownBy(() -> TestMapRecorder.record(options(Fixture.junitRuntime())))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("uncommitted changes")
                .hasMessageContaining("src/main/java/com/calc/Calc.java");
        git(root, "checkout", "-q", "--", ".");
        List<Path> noLauncher = Fixture.junitRuntime().stream()
                .filter(p -> !p.getFileName().toString().startsWith("junit-platform-console")).toList();
        assertThatThrownBy(() -> TestMapRecorder.record(options(noLauncher)))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("no JUnit Platform console launcher");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static TestMapRecorder.Options options(List<Path> classpath) {
        return new TestMapRecorder.Options(root, classpath, List.of("com.calc.AddTest"), 1, Duration.ofMinutes(1),
                List.of(), null);
    }

    private static void testClass(String name, String body) {
        write(root, TEST + name + ".java", """
                package com.calc;
                import static org.junit.jupiter.api.Assertions.*;
                import org.junit.jupiter.api.Test;
                class %s {
                    @Test
                    void works() {
                        %s
                    }
                }
                """.formatted(name, body));
    }

    private static void buildMain() {
        try {
            Fixture.deleteTree(root.resolve("target/classes"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Fixture.compile(root, "target/classes", "", "src/main/java");
    }

    private static void edit(String file, String from, String to) {
        try {
            Path f = root.resolve(MAIN + file);
            String s = Files.readString(f);
            assertThat(s).contains(from);
            Files.writeString(f, s.replace(from, to));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        buildMain();
    }

    private static Set<String> tests(Selection s) {
        return s.selected().stream().map(Selection.SelectedTest::test).collect(Collectors.toCollection(TreeSet::new));
    }

    private Selection planWithMap(String file) {
        return withMap.plan(SelectionRequest.safe(root, List.of(MAIN + file)));
    }

    private static Set<String> gradeTests(Selection s) {
        return tests(s).stream().filter(t -> t.startsWith("com.calc.Grade")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> parseTests(Selection s) {
        return tests(s).stream().filter(t -> t.startsWith("com.calc.Parse") && !t.equals("com.calc.ParseTest"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The 1-based line of the committed source holding {@code text}. */
    private static int lineOf(String file, String text) {
        String committed = git(root, "show", "HEAD:" + MAIN + file);
        String[] lines = committed.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private static Set<String> linesRun(TestMap map, String test) {
        java.util.BitSet run = java.util.BitSet.valueOf(java.util.Base64.getDecoder().decode(map.linesRun().get(test)));
        Set<String> out = new TreeSet<>();
        run.stream().forEach(i -> out.add(map.lines().get(i)));
        return out;
    }

    private static Set<String> entered(TestMap map, String test) {
        Set<String> out = new TreeSet<>();
        for (int id : map.tests().get(test)) {
            out.add(map.methods().get(id));
        }
        return out;
    }
}
