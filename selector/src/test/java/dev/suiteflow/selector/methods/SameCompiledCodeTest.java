package dev.suiteflow.selector.methods;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.BodyDeclaration;

import dev.suiteflow.selector.index.SourceTrees;

/** Which edits of one declaration compile to the same code (and so are no change at method level), which not. */
class SameCompiledCodeTest {

    /** Whether {@code before} → {@code now}, each the body of class A, leave A's first member compiling the same. */
    private static boolean same(String before, String now) {
        CompilationUnit oldCu = SourceTrees.parse("class A {\n" + before + "\n}\n").orElseThrow();
        CompilationUnit newCu = SourceTrees.parse("class A {\n" + now + "\n}\n").orElseThrow();
        BodyDeclaration<?> o = oldCu.getType(0).getMember(oldCu.getType(0).getMembers().size() - 1);
        BodyDeclaration<?> n = newCu.getType(0).getMember(newCu.getType(0).getMembers().size() - 1);
        return ChangedMethods.sameOnceConstantsInlined(n, o, ChangedMethods.constants(newCu), ChangedMethods.constants(oldCu));
    }

    @Test
    void aRenamedConstantOrALiteralOfTheSameValueCompilesTheSame() {
        assertThat(same("private static final int SIZE = 50; StringBuilder b = new StringBuilder(SIZE);",
                "private static final int CAPACITY = 50; StringBuilder b = new StringBuilder(CAPACITY);")).isTrue();
        assertThat(same("StringBuilder b = new StringBuilder(50);",
                "private static final int CAPACITY = 50; StringBuilder b = new StringBuilder(CAPACITY);")).isTrue();
        assertThat(same("private static final int SIZE = 50; StringBuilder b = new StringBuilder(SIZE);",
                "private static final int SIZE = 60; StringBuilder b = new StringBuilder(SIZE);")).isFalse();
        // qualified: another type's constant of that name, whatever its value
        assertThat(same("private static final int SIZE = 50; int f() { return SIZE; }",
                "private static final int SIZE = 50; int f() { return Other.SIZE; }")).isFalse();
        // a name also declared as a variable may be shadowed: compared by name
        assertThat(same("static final int N = 1; int f(int N) { return N; } int g() { return N; }",
                "static final int M = 1; int f(int N) { return N; } int g() { return M; }")).isFalse();
        // not a literal (a constant expression, a call): compared by name
        assertThat(same("static final String S = \"a\" + \"b\"; String f() { return S; }",
                "static final String T = \"a\" + \"b\"; String f() { return T; }")).isFalse();
    }

    @Test
    void aStringLiteralSplitOrJoinedCompilesTheSame() {
        // commons-cli 1.10.0 joined "… an illegal " + "character …" into one literal: javac had folded it already
        assertThat(same("void f(String o) { throw new IllegalArgumentException(String.format(\"illegal \" + \"char %s\", o)); }",
                "void f(String o) { throw new IllegalArgumentException(String.format(\"illegal char %s\", o)); }")).isTrue();
        assertThat(same("String f(int x) { return x + \"a\" + \"b\" + \"c\"; }", "String f(int x) { return x + \"abc\"; }")).isTrue();
        assertThat(same("private static final String P = \"pre\"; String f() { return P + \"fix\"; }",
                "String f() { return \"prefix\"; }")).isTrue();
        assertThat(same("String f() { return \"a\" + \"b\"; }", "String f() { return \"a\" + \"c\"; }")).isFalse();
        // the right one receives a call: "a" + ("b".trim()), not ("a" + "b").trim()
        assertThat(same("String f() { return \"a \" + \" b\".trim(); }", "String f() { return \"a  b\".trim(); }")).isFalse();
        // joined, "\\0" and "1" would make the octal escape "\\01"
        assertThat(same("String f() { return \"\\0\" + \"1\"; }", "String f() { return \"\\01\"; }")).isFalse();
    }

    @Test
    void parametersCountByPosition() {
        assertThat(same("int f(int a, int b) { return a - b; }", "int f(int x, int y) { return x - y; }")).isTrue();
        assertThat(same("int f(int a, int b) { return a - b; }", "int f(int b, int a) { return a - b; }")).isFalse();
        // a field the old version read by its simple name is the new parameter's name: not the same
        assertThat(same("int x; int f(int a) { return a + x; }", "int x; int f(int x) { return x + x; }")).isFalse();
        // this.name stays a field
        assertThat(same("int v; void set(int value) { this.v = value; }", "int v; void set(int w) { this.v = w; }")).isTrue();
        assertThat(same("int v; void set(int value) { this.v = value; }", "int v; void set(int v) { this.v = v; }")).isTrue();
        // a class body inside may declare the name again: compared by name
        assertThat(same("Runnable f(int a) { return new Runnable() { public void run() { System.out.println(a); } }; }",
                "Runnable f(int b) { return new Runnable() { public void run() { System.out.println(b); } }; }")).isFalse();
        // after case, a name is an enum constant's
        assertThat(same("int f(E e, int red) { switch (e) { case red: return red; default: return 0; } }",
                "int f(E e, int blue) { switch (e) { case blue: return blue; default: return 0; } }")).isFalse();
    }

    @Test
    void finalOnParametersAndLocalsAndSourceOnlyAnnotationsCompileToNothing() {
        assertThat(same("int f(int a) { int b = a; return b; }",
                "@Override @SuppressWarnings(\"x\") int f(final int a) { final int b = a; return b; }")).isTrue();
        assertThat(same("int f(int a) { return a; }", "@Deprecated int f(int a) { return a; }")).isFalse();
        assertThat(same("int f(int a) { return a; }", "int f(int a) { return -a; }")).isFalse();
        // a type of the file's own named Override is not java.lang's
        CompilationUnit own = SourceTrees.parse("@interface Override {}\nclass A { @Override int f() { return 1; } }\n").orElseThrow();
        CompilationUnit plain = SourceTrees.parse("@interface Override {}\nclass A { int f() { return 1; } }\n").orElseThrow();
        assertThat(ChangedMethods.sameOnceConstantsInlined(own.getType(1).getMember(0), plain.getType(1).getMember(0),
                ChangedMethods.constants(own), ChangedMethods.constants(plain))).isFalse();
    }
}
