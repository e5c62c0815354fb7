package dev.suiteflow.selector.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;

import dev.suiteflow.selector.index.SourceTrees;

/**
 * Where a run must pass for a change inside a method to show ({@link Witness}): for each case, the base version's
 * lines the witness names, by their text. The end-to-end counterpart, with recorded runs, is {@code TestMapTest}.
 */
class WitnessTest {

    private static final String BASE = """
            class C {
                static final boolean DEBUG = false;

                int of(int score, java.util.List<Integer> xs) {
                    if (score < 0) {
                        throw new IllegalArgumentException();
                    }
                    String grade;
                    if (score >= 90) {
                        grade = "A";
                    } else {
                        grade = "B";
                    }
                    int n = grade.length();
                    if (DEBUG) {
                        System.out.println(n);
                    }
                    xs.forEach(x -> {
                        System.out.println(x);
                    });
                    switch (score) {
                        case 1:
                            n++;
                            break;
                        default:
                            n--;
                    }
                    try {
                        n += Integer.parseInt("1");
                        n += Integer.parseInt("2");
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    while (n > 100) {
                        n--;
                        if (n == 50) {
                            break;
                        }
                    }
                    return n;
                }
            }
            """;

    @Test
    void aChangeInsideABranchIsWitnessedByTheBranchsStatement() {
        assertThat(witness(BASE.replace("grade = \"A\";", "grade = \"A+\";"))).containsExactly("grade = \"A\";");
    }

    @Test
    void aChangedElseLineIsWitnessedByTheConditionBeforeIt() {
        assertThat(witness(BASE.replace("} else {\n            grade = \"B\";", "} else if (score > 0) {\n            grade = \"B\";")))
                .containsExactly("if (score >= 90) {");
    }

    @Test
    void aStatementAddedAfterTheGuardIsWitnessedByTheStatementThatRanNext() {
        // `String grade;` compiles to nothing: the next code is the condition
        assertThat(witness(BASE.replace("String grade;\n", "String grade;\n        score = Math.min(score, 100);\n")))
                .containsExactly("if (score >= 90) {");
    }

    @Test
    void theFirstStatementIsWitnessedByItself() {
        assertThat(witness(BASE.replace("if (score < 0) {", "if (score < -1) {"))).containsExactly("if (score < 0) {");
    }

    @Test
    void aConditionThatMayBeAConstantIsPassedOverForTheStatementBefore() {
        // `if (DEBUG)` with DEBUG a false constant compiles to nothing: the line before had to run
        assertThat(witness(BASE.replace("        if (DEBUG) {", "        n *= 2;\n        if (DEBUG) {")))
                .containsExactly("int n = grade.length();");
    }

    @Test
    void aChangeInALambdaIsWitnessedByTheLambdasStatement() {
        assertThat(witness(BASE.replace("System.out.println(x);", "System.out.print(x);")))
                .containsExactly("System.out.println(x);");
    }

    @Test
    void aChangedCaseLabelIsWitnessedByTheSwitch() {
        assertThat(witness(BASE.replace("case 1:", "case 2:"))).containsExactly("switch (score) {");
    }

    @Test
    void aChangedCatchTypeIsWitnessedByTheTryBlocksFirstStatement() {
        assertThat(witness(BASE.replace("catch (NumberFormatException e)", "catch (RuntimeException e)")))
                .containsExactly("n += Integer.parseInt(\"1\");");
    }

    @Test
    void aHunkThatClosesTheTryBlockAndOpensACatchIsWitnessedByTheTryBlocksFirstStatement() {
        String now = BASE.replace("            n += Integer.parseInt(\"2\");\n", """
                            n += Integer.parseInt("2");
                        } catch (IllegalStateException e) {
                            n = -2;
                """);
        assertThat(witness(now)).containsExactly("n += Integer.parseInt(\"1\");");
    }

    @Test
    void aStatementAddedBeforeABreakIsWitnessedByTheStatementBefore() {
        // a `break` may compile to no jump at all: the statement before it had to complete
        assertThat(witness(BASE.replace("                break;\n            }", "                n = 0;\n                break;\n            }")))
                .containsExactly("if (n == 50) {");
    }

    @Test
    void aChangedDeclarationHasNoWitness() {
        assertThat(witnessRanges(BASE.replace("int of(int score, java.util.List<Integer> xs) {",
                "int of(int score, java.util.List<Integer> xs) throws Exception {"))).isNull();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The trimmed base-version lines of the witness ranges. */
    private static List<String> witness(String now) {
        List<int[]> ranges = witnessRanges(now);
        assertThat(ranges).as("a witness").isNotNull();
        String[] lines = BASE.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int[] r : ranges) {
            for (int l = r[0]; l <= r[1]; l++) {
                out.add(lines[l - 1].strip());
            }
        }
        return out;
    }

    private static List<int[]> witnessRanges(String now) {
        assertThat(now).isNotEqualTo(BASE);
        CompilationUnit oldCu = SourceTrees.parse(BASE).orElseThrow();
        CompilationUnit newCu = SourceTrees.parse(now).orElseThrow();
        MethodDeclaration oldM = oldCu.findFirst(MethodDeclaration.class).orElseThrow();
        MethodDeclaration newM = newCu.findFirst(MethodDeclaration.class).orElseThrow();
        return Witness.ranges(oldM, newM, hunks(BASE, now), code(BASE), code(now));
    }

    /** The hunks as {@code git diff -U0} numbers them: {@code [oldStart, oldCount, newStart, newCount]}. */
    private static List<int[]> hunks(String before, String after) {
        Patch<String> patch = DiffUtils.diff(List.of(before.split("\n", -1)), List.of(after.split("\n", -1)));
        List<int[]> out = new ArrayList<>();
        for (AbstractDelta<String> d : patch.getDeltas()) {
            int p = d.getSource().getPosition();
            int n = d.getSource().size();
            int q = d.getTarget().getPosition();
            int m = d.getTarget().size();
            out.add(new int[] {n > 0 ? p + 1 : p, n, m > 0 ? q + 1 : q, m});
        }
        return out;
    }

    /** Lines that hold more than blanks (the cases hold no comments). */
    private static BitSet code(String source) {
        BitSet out = new BitSet();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                out.set(i + 1);
            }
        }
        return out;
    }
}
