package dev.suiteflow.selector;

import static dev.suiteflow.selector.Fixture.MAIN;
import static dev.suiteflow.selector.Fixture.TEST;
import static dev.suiteflow.selector.Fixture.find;
import static dev.suiteflow.selector.Fixture.ids;
import static dev.suiteflow.selector.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.suiteflow.selector.SelectionRequest.Budget;
import dev.suiteflow.selector.SelectionRequest.Mode;

class SelectorTest {

    @TempDir
    Path root;

    private final Selector selector = new Selector();

    @BeforeEach
    void project() {
        Fixture.acme(root);
    }

    private Selection safe(String... changed) {
        return selector.plan(SelectionRequest.safe(root, List.of(changed)));
    }

    @Test
    void countsTheCatalogWithInheritedTestMethods() {
        Selection s = safe(MAIN + "lang/Printer.java");
        assertThat(s.catalog()).isEqualTo(new Selection.Catalog(12, 14));
    }

    @Test
    void lexerChangeSelectsSubclassesOfTheAbstractBaseAndTheTransitiveUser() {
        Selection s = safe(MAIN + "lang/Lexer.java");

        assertThat(ids(s.selected())).containsExactly(
                "com.acme.lang.ExpressionParserTest",
                "com.acme.lang.StatementParserTest",
                "com.acme.parsing.ParserTest#parses");
        assertThat(find(s, "com.acme.lang.ExpressionParserTest").reasons())
                .containsExactly("extends AbstractParserTest, whose tests call Lexer, changed");
        assertThat(find(s, "com.acme.parsing.ParserTest#parses").reasons())
                .containsExactly("uses Lexer through Parser (2 steps), changed");
        assertThat(find(s, "com.acme.lang.ExpressionParserTest").score())
                .isGreaterThan(find(s, "com.acme.parsing.ParserTest#parses").score());
        assertThat(s.selectsAll()).isFalse();
        assertThat(s.skipped()).isEmpty();
        assertThat(s.why()).isEqualTo("1 changed file reaches 3 of 12 test classes");
    }

    @Test
    void directUseIsMethodLevelWhenOnlyTestBodiesNameTheType() {
        Selection s = safe(MAIN + "lang/Parser.java");

        assertThat(ids(s.selected())).containsExactly("com.acme.parsing.ParserTest#parses");
        assertThat(s.selected().get(0).reasons()).containsExactly("imports Parser, changed");
        assertThat(s.selected().get(0).score()).isEqualTo(0.9);
    }

    @Test
    void implementationChangeReachesTestsOfTheInterfaceAtLowerScoreButNotOtherImplementations() {
        Selection s = safe(MAIN + "shapes/Circle.java");

        assertThat(ids(s.selected())).containsExactly("com.acme.shapes.CircleTest#area", "com.acme.shapes.CanvasTest");
        assertThat(find(s, "com.acme.shapes.CircleTest#area").reasons()).containsExactly("uses Circle, changed");
        assertThat(find(s, "com.acme.shapes.CanvasTest").reasons())
                .containsExactly("uses Shape, implemented by Circle, changed");
        assertThat(find(s, "com.acme.shapes.CanvasTest").score()).isEqualTo(0.54);
    }

    @Test
    void interfaceChangeReachesImplementationsAndTheirTests() {
        Selection s = safe(MAIN + "shapes/Shape.java");

        assertThat(ids(s.selected())).containsExactlyInAnyOrder("com.acme.shapes.CanvasTest",
                "com.acme.shapes.CircleTest#area", "com.acme.shapes.SquareTest#area");
        assertThat(find(s, "com.acme.shapes.SquareTest#area").reasons())
                .containsExactly("uses Shape through Square (2 steps), changed");
    }

    @Test
    void sameFileIsTheChangedTestItself() {
        Selection s = safe(TEST + "lang/TokenTest.java");

        assertThat(ids(s.selected())).containsExactly("com.acme.lang.TokenTest");
        assertThat(s.selected().get(0).reasons()).containsExactly("is the changed test itself");
        assertThat(s.selected().get(0).score()).isEqualTo(1.0);
    }

    @Test
    void samePackageUseNeedsNoImport() {
        Selection s = safe(MAIN + "lang/Token.java");

        assertThat(ids(s.selected())).contains("com.acme.lang.TokenTest#keepsText");
        assertThat(find(s, "com.acme.lang.TokenTest#keepsText").reasons()).containsExactly("uses Token, changed");
        assertThat(ids(s.selected())).doesNotContain("com.acme.lang.PrinterTest", "com.acme.shapes.CircleTest#area");
    }

    @Test
    void staticImportIsAUse() {
        Selection s = safe(MAIN + "util/Strings.java");

        assertThat(ids(s.selected())).containsExactly("com.acme.text.StringsTest");
        assertThat(s.selected().get(0).reasons()).containsExactly("statically imports Strings, changed");
    }

    @Test
    void classNamedInAStringIsAUse() {
        Selection s = safe(MAIN + "plugins/GreetingPlugin.java");

        assertThat(ids(s.selected())).containsExactly("com.acme.plugins.PluginLoaderTest#loads");
        assertThat(s.selected().get(0).reasons())
                .containsExactly("uses GreetingPlugin through PluginLoader (2 steps), changed");
    }

    @Test
    void testNamingAClassInAStringIsSelected(@TempDir Path other) {
        write(other, "src/main/java/a/Plugin.java", "package a; public class Plugin {}");
        write(other, "src/test/java/b/LoaderTest.java", """
                package b;
                class LoaderTest { @org.junit.jupiter.api.Test void loads() throws Exception { Class.forName("a.Plugin"); } }
                """);
        Selection s = selector.plan(SelectionRequest.safe(other, List.of("src/main/java/a/Plugin.java")));

        assertThat(ids(s.selected())).containsExactly("b.LoaderTest");
        assertThat(s.selected().get(0).reasons())
                .containsExactly("names Plugin in a string (reflection or configuration), changed");
        assertThat(s.selected().get(0).score()).isEqualTo(0.765);
    }

    @Test
    void resourcesSelectTheirReadersAndTheTestsOfTheirReaders() {
        Selection test = safe("src/test/resources/orders.csv");
        assertThat(ids(test.selected())).containsExactly("com.acme.orders.OrderFixtureTest");
        assertThat(test.selected().get(0).reasons()).containsExactly("reads src/test/resources/orders.csv, changed");

        Selection main = safe("src/main/resources/prices.csv");
        assertThat(ids(main.selected())).containsExactly("com.acme.orders.OrderLoaderTest");
        assertThat(main.selected().get(0).reasons())
                .containsExactly("uses OrderLoader, which reads src/main/resources/prices.csv, changed");
    }

    @Test
    void unrelatedChangeSelectsNothingElse() {
        Selection s = safe(MAIN + "lang/Printer.java");

        assertThat(ids(s.selected())).containsExactly("com.acme.lang.PrinterTest#wraps");
    }

    @Test
    void buildFileSelectsEverything() {
        Selection s = safe("pom.xml");

        assertThat(s.selectsAll()).isTrue();
        assertThat(s.selected()).hasSize(12);
        assertThat(s.why()).isEqualTo("pom.xml is a build file: a change to it can affect every test");
        assertThat(s.selected()).allSatisfy(t -> assertThat(t.reasons()).containsExactly(s.why()));
    }

    @Test
    void gradleAndMavenWrapperFilesAreBuildFiles() {
        assertThat(safe("build.gradle.kts").selectsAll()).isTrue();
        assertThat(safe(".mvn/wrapper/maven-wrapper.properties").selectsAll()).isTrue();
        assertThat(safe("gradle.properties").selectsAll()).isTrue();
    }

    @Test
    void noChangeSelectsEverything() {
        Selection s = safe();

        assertThat(s.selectsAll()).isTrue();
        assertThat(s.why()).isEqualTo("no change given: everything runs");
        assertThat(s.selected()).hasSize(12)
                .allSatisfy(t -> assertThat(t.reasons()).containsExactly("no change given: everything runs"));
    }

    @Test
    void manifestAndTestutilSelectEverything() {
        assertThat(safe("demo.suiteflow.yaml").why()).isEqualTo("demo.suiteflow.yaml is a Suiteflow manifest: every test runs");
        Selection declared = selector.plan(new SelectionRequest(root, List.of("ci/suites.yaml"), null, Mode.SAFE,
                null, List.of("ci/suites.yaml"), null));
        assertThat(declared.selectsAll()).isTrue();
        Selection util = safe(TEST + "testutil/Fixtures.java");
        assertThat(util.selectsAll()).isTrue();
        assertThat(util.why()).contains("testutil");
    }

    @Test
    void ruleChangeKeepsImpactReasonsAndRanksImpactedFirst() {
        Selection s = safe("pom.xml", MAIN + "lang/Parser.java");

        assertThat(s.selected()).hasSize(12);
        assertThat(s.selected().get(0).test()).isEqualTo("com.acme.parsing.ParserTest");
        assertThat(s.selected().get(0).reasons())
                .containsExactly("imports Parser, changed", "pom.xml is a build file: a change to it can affect every test");
    }

    @Test
    void budgetKeepsTheTopOfTheRankingAndListsExactlyWhatItSkipped() {
        SelectionRequest req = new SelectionRequest(root, List.of(MAIN + "lang/Lexer.java", MAIN + "shapes/Circle.java"),
                null, Mode.BUDGET, Budget.share(0.25), null, null);
        Selection s = selector.plan(req);

        // equal scores (0.9): CircleTest, named after the changed Circle.java, first
        assertThat(ids(s.selected())).containsExactly("com.acme.shapes.CircleTest#area",
                "com.acme.lang.ExpressionParserTest", "com.acme.lang.StatementParserTest");
        assertThat(ids(s.skipped())).containsExactly("com.acme.parsing.ParserTest#parses", "com.acme.shapes.CanvasTest");
        assertThat(s.mode()).isEqualTo("budget");

        Selection safe = selector.plan(SelectionRequest.safe(root, req.changed()));
        assertThat(ids(safe.selected())).containsExactlyElementsOf(
                java.util.stream.Stream.concat(ids(s.selected()).stream(), ids(s.skipped()).stream()).toList());
    }

    @Test
    void timeBudgetUsesKnownDurations() {
        TestHistory history = new InMemoryTestHistory()
                .duration("com.acme.lang.ExpressionParserTest", 30)
                .duration("com.acme.lang.StatementParserTest", 50)
                .duration("com.acme.parsing.ParserTest", 5);
        Selection s = selector.plan(new SelectionRequest(root, List.of(MAIN + "lang/Lexer.java"), null, Mode.BUDGET,
                Budget.seconds(60), null, history));

        assertThat(ids(s.selected())).containsExactly("com.acme.lang.ExpressionParserTest");
        assertThat(ids(s.skipped())).containsExactly("com.acme.lang.StatementParserTest", "com.acme.parsing.ParserTest#parses");

        assertThatThrownBy(() -> selector.plan(new SelectionRequest(root, List.of(MAIN + "lang/Lexer.java"), null,
                Mode.BUDGET, Budget.seconds(60), null, null)))
                .isInstanceOf(SelectionException.class).hasMessageContaining("needs test durations");
    }

    @Test
    void historyAddsReasonsAndRaisesTheScore() {
        TestHistory history = new InMemoryTestHistory()
                .runs("com.acme.lang.StatementParserTest", 3, 10)
                .coChange("com.acme.lang.StatementParserTest", MAIN + "lang/Lexer.java", 12);
        Selection s = selector.plan(new SelectionRequest(root, List.of(MAIN + "lang/Lexer.java"), null, Mode.SAFE,
                null, null, history));

        assertThat(s.selected().get(0).test()).isEqualTo("com.acme.lang.StatementParserTest");
        assertThat(s.selected().get(0).reasons()).containsExactly(
                "extends AbstractParserTest, whose tests call Lexer, changed",
                "failed 3 of the last 10 runs",
                "changed together with Lexer.java in 12 commits");
        assertThat(s.selected().get(0).score()).isGreaterThan(find(s, "com.acme.lang.ExpressionParserTest").score());
        assertThat(s.selected().get(0).score()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void nonJavaFileNobodyNamesFallsBackToPathProximity() {
        Selection s = safe("src/main/resources/com/acme/shapes/palette.graphql");

        assertThat(ids(s.selected())).containsExactly("com.acme.shapes.CanvasTest", "com.acme.shapes.CircleTest",
                "com.acme.shapes.SquareTest");
        assertThat(s.selected().get(0).reasons()).containsExactly(
                "sits in the same package path as palette.graphql, changed (path proximity: no code names palette.graphql)");

        Selection far = safe("docs/notes.md");
        assertThat(far.selected()).isEmpty();
        assertThat(far.why()).contains("no code names docs/notes.md");
    }

    @Test
    void sharedTestHelperUsedByMostTestsSelectsEverything(@TempDir Path other) {
        write(other, "src/main/java/a/A.java", "package a; public class A {}");
        write(other, "src/main/java/a/B.java", "package a; public class B {}");
        write(other, "src/test/java/a/TestClock.java", "package a; public class TestClock { public static long now() { return 1; } }");
        write(other, "src/test/java/a/ATest.java", """
                package a;
                class ATest { @org.junit.jupiter.api.Test void a() { TestClock.now(); new A(); } }
                """);
        write(other, "src/test/java/a/BTest.java", """
                package a;
                class BTest { @org.junit.jupiter.api.Test void b() { TestClock.now(); new B(); } }
                """);
        write(other, "src/test/java/a/CTest.java", """
                package a;
                class CTest { @org.junit.jupiter.api.Test void c() { Object o = getClass().getResource("/common.properties"); } }
                """);
        write(other, "src/test/java/a/DTest.java", """
                package a;
                class DTest { @org.junit.jupiter.api.Test void d() { Object o = getClass().getResource("/common.properties"); } }
                """);
        write(other, "src/test/resources/common.properties", "x=1\n");

        Selection helper = selector.plan(SelectionRequest.safe(other, List.of("src/test/java/a/TestClock.java")));
        assertThat(helper.selectsAll()).isFalse(); // 2 of 4 is not more than half
        assertThat(ids(helper.selected())).containsExactly("a.ATest#a", "a.BTest#b");

        write(other, "src/test/java/a/ETest.java", """
                package a;
                class ETest { @org.junit.jupiter.api.Test void e() { TestClock.now(); } }
                """);
        Selection most = selector.plan(SelectionRequest.safe(other, List.of("src/test/java/a/TestClock.java")));
        assertThat(most.selectsAll()).isTrue();
        assertThat(most.why()).isEqualTo("shared test infrastructure: TestClock is used by 3 of 5 test classes");
        assertThat(most.selected()).hasSize(5);

        write(other, "src/test/java/a/FTest.java", """
                package a;
                class FTest { @org.junit.jupiter.api.Test void f() { Object o = getClass().getResource("/common.properties"); } }
                """);
        write(other, "src/test/java/a/GTest.java", """
                package a;
                class GTest { @org.junit.jupiter.api.Test void g() { Object o = getClass().getResource("/common.properties"); } }
                """);
        Selection data = selector.plan(SelectionRequest.safe(other, List.of("src/test/resources/common.properties")));
        assertThat(data.selectsAll()).isTrue();
        assertThat(data.why()).isEqualTo("shared test data: src/test/resources/common.properties is read by 4 of 7 test classes");
    }

    @Test
    void deletedClassStillReachesItsFormerUsers() throws Exception {
        java.nio.file.Files.delete(root.resolve(MAIN + "lang/Printer.java"));
        Selection s = safe(MAIN + "lang/Printer.java");

        assertThat(ids(s.selected())).containsExactly("com.acme.lang.PrinterTest#wraps");
    }

    @Test
    void aFileLeftWithoutItsClassStillReachesItsFormerUsers() throws Exception {
        // the class moved out (or the file was emptied): what used it must run, as for a deleted file
        java.nio.file.Files.writeString(root.resolve(MAIN + "lang/Printer.java"), "/* moved to another module */\n");
        Selection s = safe(MAIN + "lang/Printer.java");

        assertThat(ids(s.selected())).containsExactly("com.acme.lang.PrinterTest#wraps");
    }

    @Test
    void pathsOutsideTheWorkspaceAreRefused() {
        assertThatThrownBy(() -> safe("../x")).isInstanceOf(SelectionException.class)
                .hasMessage("changed path is outside the workspace: ../x");
        assertThatThrownBy(() -> safe("src/../../x")).isInstanceOf(SelectionException.class);
        assertThatThrownBy(() -> safe("/etc/passwd")).isInstanceOf(SelectionException.class)
                .hasMessage("changed path is outside the workspace: /etc/passwd");
        Selection inside = safe(root.resolve(MAIN + "lang/Printer.java").toString());
        assertThat(inside.changed()).containsExactly(MAIN + "lang/Printer.java");
        assertThatThrownBy(() -> selector.plan(SelectionRequest.safe(root.resolve("nope"), List.of())))
                .isInstanceOf(SelectionException.class).hasMessageStartingWith("workspace is not a directory: ");
    }
}
