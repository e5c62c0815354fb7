package dev.suiteflow.selector;

import static dev.suiteflow.selector.Fixture.find;
import static dev.suiteflow.selector.Fixture.git;
import static dev.suiteflow.selector.Fixture.ids;
import static dev.suiteflow.selector.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.suiteflow.selector.SelectionRequest.Mode;

/**
 * Method-level selection on a built git checkout: a change is narrowed to the methods whose lines it touches, and
 * only the test classes whose code can call one of them are selected — through interfaces (every implementation
 * of the called method), JDK callbacks ({@code toString} of an instance), lambdas; anything that cannot be pinned to
 * methods (a field, a class header) falls back to class level, saying why.
 */
class MethodLevelTest {

    private static final String MAIN = "src/main/java/com/shop/";
    private static final String TEST = "src/test/java/com/shop/";

    @TempDir
    Path root;

    private final Selector selector = new Selector();

    @BeforeEach
    void project() throws IOException {
        write(root, ".gitignore", "target/\n");
        write(root, MAIN + "Pricing.java", """
                package com.shop;
                public interface Pricing {
                    int price(int quantity);

                    default String describe() {
                        return "pricing";
                    }
                }
                """);
        write(root, MAIN + "FlatPricing.java", """
                package com.shop;
                public class FlatPricing implements Pricing {
                    @Override
                    public int price(int quantity) {
                        return quantity * 10;
                    }

                    @Override
                    public String describe() {
                        return "flat";
                    }
                }
                """);
        write(root, MAIN + "BulkPricing.java", """
                package com.shop;
                public class BulkPricing implements Pricing {
                    @Override
                    public int price(int quantity) {
                        return quantity > 10 ? quantity * 8 : quantity * 10;
                    }
                }
                """);
        write(root, MAIN + "Cart.java", """
                package com.shop;
                public class Cart {
                    private final Pricing pricing;

                    public Cart(Pricing pricing) {
                        this.pricing = pricing;
                    }

                    public int total(int quantity) {
                        return pricing.price(quantity);
                    }

                    public String label() {
                        return "cart";
                    }

                    public String describe() {
                        return pricing.describe();
                    }
                }
                """);
        write(root, MAIN + "Util.java", """
                package com.shop;
                public final class Util {
                    static final int BASE = 1;
                    private static final int FOUR = 4;

                    private Util() {
                    }

                    public static int twice(int x) {
                        return x * 2;
                    }

                    public static int four(int x) {
                        return x * FOUR;
                    }

                    public static int thrice(int x) {
                        // three times
                        return x * 3;
                    }
                }
                """);
        write(root, MAIN + "Money.java", """
                package com.shop;
                public final class Money implements java.io.Serializable {
                    private final int cents;

                    private Money(int cents) {
                        this.cents = cents;
                    }

                    public static Money of(int cents) {
                        return new Money(cents);
                    }

                    @Override
                    public String toString() {
                        return cents / 100 + "." + cents % 100;
                    }

                    private Object readResolve() {
                        return Money.of(cents);
                    }
                }
                """);
        write(root, MAIN + "Lazy.java", """
                package com.shop;
                import java.util.function.IntUnaryOperator;
                public class Lazy {
                    private final int seed;

                    public Lazy() {
                        this.seed = 1;
                    }

                    public Lazy(int seed) {
                        this.seed = seed;
                    }

                    public IntUnaryOperator next() {
                        return x -> x + 1;
                    }

                    public int zero() {
                        return 0;
                    }
                }
                """);
        testClass("CartTotalTest", "total", "new Cart(new FlatPricing()).total(2);");
        testClass("CartLabelTest", "label", "new Cart(null).label();");
        testClass("DescribeTest", "describes", "new Cart(new FlatPricing()).describe();");
        write(root, TEST + "CartBulkTest.java", """
                package com.shop;
                import org.junit.jupiter.api.Test;
                class CartBulkTest {
                    @Test
                    void bulkTotal() {
                        new Cart(new BulkPricing()).total(20);
                    }

                    @Test
                    void bulkLabel() {
                        new Cart(new BulkPricing()).label();
                    }
                }
                """);
        write(root, TEST + "UtilTest.java", """
                package com.shop;
                import org.junit.jupiter.api.Test;
                class UtilTest {
                    @Test
                    void twice() {
                        Util.twice(2);
                    }

                    @Test
                    void thrice() {
                        Util.thrice(2);
                    }

                    @Test
                    void four() {
                        Util.four(2);
                    }
                }
                """);
        testClass("MoneyTest", "prints", "String s = \"total \" + Money.of(150);");
        testClass("LazyTest", "next", "new Lazy().next().applyAsInt(1);");
        testClass("ZeroTest", "zero", "new Lazy().zero();");
        git(root, "init", "-q");
        git(root, "add", "-A");
        git(root, "commit", "-q", "-m", "shop");
    }

    /** A test class of one {@code @Test} method in com.shop. */
    private void testClass(String name, String method, String body) {
        write(root, TEST + name + ".java", """
                package com.shop;
                import org.junit.jupiter.api.Test;
                class %s {
                    @Test
                    void %s() {
                        %s
                    }
                }
                """.formatted(name, method, body));
    }

    /** Edits a file of the working copy (the change against HEAD), then builds everything. */
    private Selection change(String file, String from, String to) throws IOException {
        Path f = root.resolve(file);
        String before = Files.readString(f);
        assertThat(before).contains(from);
        Files.writeString(f, before.replace(from, to));
        build();
        return selector.plan(SelectionRequest.safe(root, List.of(file)));
    }

    @Test
    void aChangedImplementationSelectsOnlyTheTestsThatCreateItAndCallTheChangedMethod() throws IOException {
        Selection s = change(MAIN + "BulkPricing.java", "quantity * 8", "quantity * 7");

        // bulkTotal creates a BulkPricing and calls Cart.total → Pricing.price; bulkLabel creates one but never
        // calls price; CartTotalTest calls price on a FlatPricing (it never references BulkPricing)
        assertThat(ids(s.selected())).containsExactly("com.shop.CartBulkTest#bulkTotal");
        assertThat(find(s, "com.shop.CartBulkTest#bulkTotal").reasons()).containsExactly(
                "calls BulkPricing.price(int) through Cart.total(int) (2 calls, compiled code), changed");
        assertThat(s.why()).contains("BulkPricing.java at method level: BulkPricing.price(int) changed, reached by 1 test class");

        Selection classLevel = new Selector(null, false).plan(SelectionRequest.safe(root, List.of(MAIN + "BulkPricing.java")));
        // at class level (the supertype Pricing changed its behaviour for whoever uses it): all four
        assertThat(ids(classLevel.selected())).containsExactly("com.shop.CartBulkTest", "com.shop.CartLabelTest",
                "com.shop.CartTotalTest", "com.shop.DescribeTest");
    }

    @Test
    void anInheritedTestMethodReachesTheImplementationItsSubclassCreates() throws IOException {
        write(root, TEST + "AbstractPricingTest.java", """
                package com.shop;
                import org.junit.jupiter.api.Test;
                abstract class AbstractPricingTest {
                    abstract Pricing pricing();

                    @Test
                    void prices() {
                        pricing().price(3);
                    }
                }
                """);
        for (String kind : List.of("Bulk", "Flat")) {
            write(root, TEST + kind + "PricingTest.java", """
                    package com.shop;
                    class %sPricingTest extends AbstractPricingTest {
                        @Override
                        Pricing pricing() {
                            return new %sPricing();
                        }
                    }
                    """.formatted(kind, kind));
        }
        git(root, "add", "-A");
        git(root, "commit", "-q", "-m", "pricing tests");

        Selection s = change(MAIN + "BulkPricing.java", "quantity * 8", "quantity * 7");

        // FlatPricingTest runs the same inherited test, on an implementation it creates itself
        assertThat(ids(s.selected())).containsExactly("com.shop.BulkPricingTest#prices", "com.shop.CartBulkTest#bulkTotal");
        assertThat(find(s, "com.shop.BulkPricingTest#prices").reasons())
                .containsExactly("calls BulkPricing.price(int), changed (in inherited AbstractPricingTest.prices())");
    }

    @Test
    void aClassAFrameworkManagesIsJudgedAtClassLevel() throws IOException {
        // a runtime annotation of a framework (here a stand-in for @ApplicationScoped): the framework may create it
        // behind an interface, with no reference a call graph could follow
        write(root, "src/main/java/com/framework/Managed.java", """
                package com.framework;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                public @interface Managed {
                }
                """);
        write(root, MAIN + "BulkPricing.java", Files.readString(root.resolve(MAIN + "BulkPricing.java"))
                .replace("public class BulkPricing", "@com.framework.Managed\npublic class BulkPricing"));
        git(root, "add", "-A");
        git(root, "commit", "-q", "-m", "managed");

        Selection s = change(MAIN + "BulkPricing.java", "quantity * 8", "quantity * 7");

        assertThat(s.why()).contains("BulkPricing.java at class level: BulkPricing carries @Managed: a framework may "
                + "create it and call it with no call site in the bytecode");
        assertThat(ids(s.selected())).contains("com.shop.CartTotalTest", "com.shop.CartLabelTest");
    }

    @Test
    void aChangedStaticMethodSelectsTheTestMethodsCallingIt() throws IOException {
        Selection s = change(MAIN + "Util.java", "return x * 3;", "return x + x + x;");

        assertThat(ids(s.selected())).containsExactly("com.shop.UtilTest#thrice");
        assertThat(s.selected().get(0).reasons()).containsExactly("calls Util.thrice(int), changed");
        assertThat(s.selected().get(0).score()).isEqualTo(0.9);
    }

    @Test
    void lineEndingsConvertedToCrlfAreNoChange() throws IOException {
        Path util = root.resolve(MAIN + "Util.java");
        Files.writeString(util, Files.readString(util).replace("\n", "\r\n"));
        Selection s = change(MAIN + "Util.java", "return x * 3;", "return x + x + x;");

        assertThat(ids(s.selected())).containsExactly("com.shop.UtilTest#thrice");
    }

    @Test
    void anAddedImportOfAnUnusedNameIsNoChangeAndAChangedImportOfAUsedNameFallsBack() throws IOException {
        Selection s = change(MAIN + "Lazy.java", "import java.util.function.IntUnaryOperator;",
                "import java.util.function.IntUnaryOperator;\nimport java.util.List;");
        assertThat(s.selected()).isEmpty();

        // the single-type import of a name used unqualified becomes an on-demand one: what it means may change
        git(root, "checkout", "-q", "--", ".");
        Selection onDemand = change(MAIN + "Lazy.java", "import java.util.function.IntUnaryOperator;",
                "import java.util.function.*;");
        assertThat(onDemand.why()).contains("Lazy.java at class level: the import of IntUnaryOperator changed while "
                + "the new version uses that name");
        assertThat(ids(onDemand.selected())).containsExactly("com.shop.LazyTest#next", "com.shop.ZeroTest#zero");
    }

    @Test
    void aCommentOnlyChangeSelectsNothing() throws IOException {
        Selection s = change(MAIN + "Util.java", "// three times", "// three times, as before");

        assertThat(s.selected()).isEmpty();
        assertThat(s.why()).contains("Util.java at method level: no code changed, reached by 0 test classes");
    }

    @Test
    void aRenamedParameterAFinalOrASourceOnlyAnnotationIsNoChange() throws IOException {
        // javac compiles the same code: parameters by position, `final` on them, @Override/@SuppressWarnings
        Path util = root.resolve(MAIN + "Util.java");
        Files.writeString(util, Files.readString(util)
                .replace("public static int twice(int x) {\n        return x * 2;",
                        "@SuppressWarnings(\"unused\")\n    public static int twice(final int n) {\n        return n * 2;"));
        assertThat(Files.readString(util)).contains("@SuppressWarnings(\"unused\")\n    public static int twice(final int n) {");
        Selection same = change(MAIN + "Util.java", "four(int x)", "four(final int x)");
        assertThat(same.selected()).isEmpty();
        assertThat(same.why()).contains("Util.java at method level: no code changed, reached by 0 test classes");

        // with a real change beside them: that method only
        Selection real = change(MAIN + "Util.java", "return x * FOUR;", "return FOUR * x + 0;");
        assertThat(ids(real.selected())).containsExactly("com.shop.UtilTest#four");
        assertThat(real.why()).contains("Util.four(int) changed").doesNotContain("Util.twice");
    }

    @Test
    void toStringAndSerializationHooksAreCallbacksOfEveryInstanceAndALambdaIsReachedFromWhereItIsMade() throws IOException {
        Selection money = change(MAIN + "Money.java", "cents / 100 + \".\"", "cents / 100 + \",\"");
        assertThat(ids(money.selected())).containsExactly("com.shop.MoneyTest#prints");

        git(root, "checkout", "-q", "--", ".");
        Selection serial = change(MAIN + "Money.java", "return Money.of(cents);", "return Money.of(cents + 0);");
        assertThat(ids(serial.selected())).as("a serialization hook is called by the JDK").containsExactly("com.shop.MoneyTest#prints");

        git(root, "checkout", "-q", "--", ".");
        Selection lazy = change(MAIN + "Lazy.java", "x -> x + 1", "x -> x + 2");
        assertThat(ids(lazy.selected())).containsExactly("com.shop.LazyTest#next");
    }

    @Test
    void aRemovedOverrideSelectsTheCallersOfTheMethodItOverrode() throws IOException {
        Selection s = change(MAIN + "FlatPricing.java", """
                    @Override
                    public String describe() {
                        return "flat";
                    }
                """, "");

        assertThat(ids(s.selected())).containsExactly("com.shop.DescribeTest#describes");
        assertThat(s.why()).contains("FlatPricing.describe (removed)");
    }

    @Test
    void aRemovedOverrideOfAMethodDeclaredOutsideTheWorkspaceSelectsTheTestsThatCreateTheObject() throws IOException {
        // Money.toString() overrides Object's: MoneyTest reaches it only through the JDK's string concatenation,
        // which no call graph of the workspace shows. Removing it changes what MoneyTest prints (found by the
        // recall benchmark: JEXL's JexlSandbox.AllowSet.toString() removed, its test missed)
        Selection s = change(MAIN + "Money.java", """
                    @Override
                    public String toString() {
                        return cents / 100 + "." + cents % 100;
                    }
                """, "");

        assertThat(ids(s.selected())).containsExactly("com.shop.MoneyTest#prints");
        assertThat(s.why()).contains("Money.toString (removed: what it overrode is outside the workspace, so the code "
                + "creating a Money counts)");

        // a private helper inlined into its caller: it overrode nothing, its caller changed with it
        git(root, "checkout", "-q", "--", ".");
        change(MAIN + "Lazy.java", """
                    public int zero() {
                        return 0;
                    }
                """, """
                    public int zero() {
                        return none();
                    }

                    private int none() {
                        return 0;
                    }
                """);
        git(root, "commit", "-q", "-am", "a private helper");
        Selection inlined = change(MAIN + "Lazy.java", """
                        return none();
                    }

                    private int none() {
                        return 0;
                    }
                """, """
                        return 0;
                    }
                """);
        assertThat(ids(inlined.selected())).containsExactly("com.shop.ZeroTest#zero");
        assertThat(inlined.why()).contains("Lazy.none (removed)").doesNotContain("code creating");
    }

    @Test
    void aChangedPrivateConstantSelectsTheTestsOfTheCodeNamingIt() throws IOException {
        // javac inlines FOUR into four(): only this file can read it, so the code naming it is what changed
        Selection s = change(MAIN + "Util.java", "FOUR = 4", "FOUR = 5");
        assertThat(ids(s.selected())).containsExactly("com.shop.UtilTest#four");
        assertThat(s.why()).contains("Util.java at method level: Util.FOUR (field) changed");

        // renamed, the same value: four() compiles to the same code (javac puts the value there, not the name)
        git(root, "checkout", "-q", "--", ".");
        Path util = root.resolve(MAIN + "Util.java");
        Files.writeString(util, Files.readString(util).replace("FOUR", "QUADRUPLE"));
        Selection renamed = change(MAIN + "Util.java", "QUADRUPLE = 4", "QUADRUPLE = 4");
        assertThat(renamed.selected()).isEmpty();
        assertThat(renamed.why()).contains("Util.java at method level: Util.QUADRUPLE (field) (a new constant name: "
                + "compiled in as its value) changed, reached by 0 test classes");

        // renamed and another value: the code naming it runs differently
        Selection revalued = change(MAIN + "Util.java", "QUADRUPLE = 4", "QUADRUPLE = 40");
        assertThat(ids(revalued.selected())).containsExactly("com.shop.UtilTest#four");

        // a literal replaced by a constant of the same value is no change; by another value it is
        git(root, "checkout", "-q", "--", ".");
        Files.writeString(util, Files.readString(util).replace("FOUR = 4;", "FOUR = 4;\n    private static final int TWO = 2;"));
        Selection named = change(MAIN + "Util.java", "x * 2", "x * TWO");
        assertThat(named.selected()).isEmpty();
        Selection other = change(MAIN + "Util.java", "TWO = 2", "TWO = 3");
        assertThat(ids(other.selected())).containsExactly("com.shop.UtilTest#twice");
    }

    @Test
    void aRemovedConstructorMarksOnlyTheDefaultConstructorThatReplacesIt() throws IOException {
        // nobody calls Lazy(int): removing it changes nothing that runs
        Selection withSeed = change(MAIN + "Lazy.java", """
                    public Lazy(int seed) {
                        this.seed = seed;
                    }
                """, "");
        assertThat(withSeed.selected()).isEmpty();
        assertThat(withSeed.why()).contains("Lazy.<init>(int) (removed)");

        // without Lazy() javac adds a default constructor: every `new Lazy()` now runs it
        git(root, "checkout", "-q", "--", ".");
        Selection noArg = change(MAIN + "Lazy.java", """
                    private final int seed;

                    public Lazy() {
                        this.seed = 1;
                    }

                    public Lazy(int seed) {
                        this.seed = seed;
                    }
                """, "");
        assertThat(ids(noArg.selected())).containsExactly("com.shop.LazyTest#next", "com.shop.ZeroTest#zero");
    }

    @Test
    void anEmptyConstructorLikeJavacsDefaultIsNoChangeWhetherAddedOrRemoved() throws IOException {
        String header = "public class FlatPricing implements Pricing {\n";
        String explicit = header + """
                    public FlatPricing() {
                        // nothing to set up
                    }
                """;
        Selection added = change(MAIN + "FlatPricing.java", header, explicit);
        assertThat(added.selected()).isEmpty();
        assertThat(added.why()).contains("FlatPricing.<init>() (added, the same as javac's default)");

        git(root, "commit", "-q", "-am", "an explicit constructor");
        Selection removed = change(MAIN + "FlatPricing.java", explicit, header);
        assertThat(removed.selected()).isEmpty();
        assertThat(removed.why()).contains("FlatPricing.<init>() (removed, the same as javac's default)");

        // one that does something is a change: every `new FlatPricing()` ran it
        git(root, "checkout", "-q", "--", ".");
        git(root, "reset", "-q", "--hard", "HEAD~1");
        Selection working = change(MAIN + "FlatPricing.java", header, header + """
                    public FlatPricing() {
                        System.out.println("flat");
                    }
                """);
        assertThat(working.selected()).isNotEmpty();
        assertThat(working.why()).doesNotContain("the same as javac's default");
    }

    @Test
    void aNewInitialValueOfAFieldThatIsNoConstantSelectsTheTestsThatCreateTheObject() throws IOException {
        String field = "    private final Pricing pricing;\n";
        change(MAIN + "Cart.java", field, field + "    final java.util.List<String> log = new java.util.ArrayList<>();\n");
        git(root, "commit", "-q", "-am", "a log");

        Selection s = change(MAIN + "Cart.java", "new java.util.ArrayList<>()", "new java.util.LinkedList<>()");
        // every `new Cart(...)` runs the initialiser: the tests that create a Cart, not those of other classes
        assertThat(ids(s.selected())).containsExactly("com.shop.CartBulkTest#bulkLabel", "com.shop.CartBulkTest#bulkTotal",
                "com.shop.CartLabelTest#label", "com.shop.CartTotalTest#total", "com.shop.DescribeTest#describes");
        assertThat(s.why()).contains("Cart.java at method level: Cart.log (field) (its initial value) changed");

        // an interface's field is static and final: a lambda held there is initialised in its static initialiser
        git(root, "reset", "-q", "--hard");
        testClass("FreeTest", "free", "Pricing.FREE.price(3);");
        change(MAIN + "Pricing.java", "int price(int quantity);", "Pricing FREE = q -> 0;\n\n    int price(int quantity);");
        git(root, "add", "-A");
        git(root, "commit", "-q", "-m", "free pricing");
        Selection free = change(MAIN + "Pricing.java", "q -> 0", "q -> 1");
        // (and, conservatively, the tests creating an implementation: that may initialise the interface)
        assertThat(ids(free.selected())).contains("com.shop.FreeTest#free").doesNotContain("com.shop.CartLabelTest#label");
        assertThat(free.why()).contains("Pricing.java at method level: Pricing.FREE (field) (its initial value) changed");

        // a final String is a constant javac copies into its readers: class level, as any other field change
        git(root, "reset", "-q", "--hard");
        change(MAIN + "Cart.java", field, field + "    static final String NAME = \"cart\";\n");
        git(root, "commit", "-q", "-am", "a name");
        Selection constant = change(MAIN + "Cart.java", "NAME = \"cart\"", "NAME = \"basket\"");
        assertThat(constant.why()).contains("Cart.java at class level: field NAME changed");
    }

    @Test
    void aNestedTypeMovedInItsFileIsNoChangeAndANewHeaderFallsBack() throws IOException {
        String ctor = """
                    public Cart(Pricing pricing) {
                        this.pricing = pricing;
                    }
                """;
        String line = """

                    static final class Line {
                        final int quantity;

                        Line(int quantity) {
                            this.quantity = quantity;
                        }

                        int doubled() {
                            return quantity * 2;
                        }
                    }
                """;
        change(MAIN + "Cart.java", ctor, ctor + line);
        git(root, "commit", "-q", "-am", "a cart line");

        // the same class after the last method: its lines are in the diff, its header and members unchanged
        Path cart = root.resolve(MAIN + "Cart.java");
        String atEnd = Files.readString(cart).replace(line, "");
        atEnd = atEnd.substring(0, atEnd.lastIndexOf('}')) + line.substring(1) + "}\n";
        Files.writeString(cart, atEnd);
        build();
        Selection moved = selector.plan(SelectionRequest.safe(root, List.of(MAIN + "Cart.java")));
        assertThat(moved.selected()).isEmpty();
        assertThat(moved.why()).contains("Cart.java at method level: no code changed");

        // a header that says something new (a supertype) is a change of the class itself
        git(root, "checkout", "-q", "--", ".");
        Selection header = change(MAIN + "Cart.java", "static final class Line {", "static final class Line implements java.io.Serializable {");
        assertThat(header.why()).contains("Cart.java at class level: the declaration of Line changed");
    }

    @Test
    void aNestedTypeAddedOrRemovedCountsByTheCodeThatNamesIt() throws IOException {
        String label = """
                    public String label() {
                        return "cart";
                    }
                """;
        String tagged = """
                    public String label() {
                        return new Tag().name;
                    }

                    public static final class Tag {
                        public final String name = "cart";
                        public static final int SIZE = 4;

                        static {
                            System.setProperty("cart.tag", "loaded");
                        }
                    }
                """;
        // only label(), which now creates a Tag, can run the new type's code
        Selection added = change(MAIN + "Cart.java", label, tagged);
        assertThat(ids(added.selected())).containsExactly("com.shop.CartBulkTest#bulkLabel", "com.shop.CartLabelTest#label");
        assertThat(added.why()).contains("Cart.java at method level: Cart.label(), Cart.Tag.name (field) (of a new type), "
                + "Cart.Tag.SIZE (field) (of a new type), Cart.Tag.static initialiser (of a new type) changed");

        git(root, "commit", "-q", "-am", "a tag");
        Fixture.deleteTree(root.resolve("target/classes")); // (a build from clean: no Cart$Tag.class left behind)
        Selection removed = change(MAIN + "Cart.java", tagged, label);
        assertThat(removed.why()).contains("Cart.java at method level: Cart.label() changed, reached by 2");
        assertThat(ids(removed.selected())).containsExactly("com.shop.CartBulkTest#bulkLabel", "com.shop.CartLabelTest#label");
    }

    @Test
    void aRemovedFieldCountsForTheConstructorsOnlyWhenItsInitialiserMayDoMore() throws IOException {
        String field = "    private final Pricing pricing;\n";
        change(MAIN + "Cart.java", field, field + """
                    protected final java.util.List<String> log = new java.util.ArrayList<>();
                    protected final String opened = String.valueOf(System.nanoTime());
                    private static final java.util.function.IntSupplier FAIL = () -> {
                        throw new IllegalStateException(String.valueOf(System.nanoTime()));
                    };
                    static final java.util.List<String> NAMES = new java.util.ArrayList<>(); // (a static initialiser stays)
                """);
        git(root, "commit", "-q", "-am", "a log, a time and a lambda");

        // a lambda's body runs when it is called, not when the field is initialised (CLI 1.7.0's
        // PatternOptionBuilder.UNSUPPORTED): making it is nothing run either
        Selection lambda = change(MAIN + "Cart.java", """
                    private static final java.util.function.IntSupplier FAIL = () -> {
                        throw new IllegalStateException(String.valueOf(System.nanoTime()));
                    };
                """, "");
        assertThat(lambda.selected()).isEmpty();
        git(root, "checkout", "-q", "--", ".");

        // nothing reads them any more (code that did had to change too): an empty list made is nothing run
        Selection log = change(MAIN + "Cart.java", "    protected final java.util.List<String> log = new java.util.ArrayList<>();\n", "");
        assertThat(log.selected()).isEmpty();
        assertThat(log.why()).contains("Cart.java at method level");

        // a call in the initialiser: every `new Cart(...)` ran it and now does not
        git(root, "checkout", "-q", "--", ".");
        Selection opened = change(MAIN + "Cart.java", "    protected final String opened = String.valueOf(System.nanoTime());\n", "");
        assertThat(ids(opened.selected())).containsExactly("com.shop.CartBulkTest#bulkLabel", "com.shop.CartBulkTest#bulkTotal",
                "com.shop.CartLabelTest#label", "com.shop.CartTotalTest#total", "com.shop.DescribeTest#describes");
        assertThat(opened.why()).contains("Cart (an instance initialiser removed)");
    }

    @Test
    void aChangedFieldFallsBackToClassLevelSayingWhy() throws IOException {
        Selection s = change(MAIN + "Util.java", "BASE = 1", "BASE = 2");

        assertThat(ids(s.selected())).containsExactly("com.shop.UtilTest#four", "com.shop.UtilTest#thrice",
                "com.shop.UtilTest#twice");
        assertThat(s.why()).contains("Util.java at class level: field BASE changed");
    }

    @Test
    void aRangeIsDiffedFromItsBase() throws IOException {
        Files.writeString(root.resolve(MAIN + "Util.java"),
                Files.readString(root.resolve(MAIN + "Util.java")).replace("x * 2", "x + x"));
        git(root, "commit", "-q", "-am", "twice by addition");
        build();

        Selection s = selector.plan(new SelectionRequest(root, List.of(), "HEAD~1..HEAD", Mode.SAFE, null, null, null));
        assertThat(ids(s.selected())).containsExactly("com.shop.UtilTest#twice");
    }

    @Test
    void eachChangeIsMeasuredFromTheCommitCheckedOutWhenItIsPlanned() throws IOException {
        // one warm selector: the same file changed, planned, committed, changed again
        assertThat(ids(change(MAIN + "Util.java", "x * 2", "x + x").selected())).containsExactly("com.shop.UtilTest#twice");
        assertThat(ids(change(MAIN + "Util.java", "x * FOUR", "FOUR * x").selected()))
                .containsExactly("com.shop.UtilTest#four", "com.shop.UtilTest#twice");
        git(root, "commit", "-q", "-am", "twice by addition, four the other way round");

        Selection s = change(MAIN + "Util.java", "x + x", "x << 1");
        // measured from the new commit: four's change is in it, only twice changed since
        assertThat(ids(s.selected())).containsExactly("com.shop.UtilTest#twice");
        assertThat(s.why()).contains("Util.twice(int) changed").doesNotContain("Util.four");
    }

    @Test
    void aStaleBuildOrAnUncompiledTestIsJudgedAtClassLevel() throws IOException {
        Selection s = change(MAIN + "Lazy.java", "return 0;", "return -0;");
        assertThat(ids(s.selected())).containsExactly("com.shop.ZeroTest#zero");

        // a new test that was never compiled: its sources decide, at class level
        write(root, TEST + "NewLazyTest.java", """
                package com.shop;
                class NewLazyTest {
                    @org.junit.jupiter.api.Test
                    void next() { new Lazy().next(); }
                }
                """);
        Path cls = root.resolve("target/test-classes/com/shop/LazyTest.class");
        Files.setLastModifiedTime(root.resolve(TEST + "NewLazyTest.java"),
                FileTime.fromMillis(Files.getLastModifiedTime(cls).toMillis() - 60_000));
        Selection withNew = selector.plan(SelectionRequest.safe(root, List.of(MAIN + "Lazy.java")));
        assertThat(ids(withNew.selected())).containsExactly("com.shop.NewLazyTest#next", "com.shop.ZeroTest#zero");
        assertThat(withNew.why()).contains("1 test class has no class file: judged at class level for Lazy.java");

        // the source edited after the build: class files no longer describe it
        Files.setLastModifiedTime(root.resolve(MAIN + "Lazy.java"),
                FileTime.fromMillis(Files.getLastModifiedTime(cls).toMillis() + 60_000));
        Selection stale = selector.plan(SelectionRequest.safe(root, List.of(MAIN + "Lazy.java")));
        assertThat(ids(stale.selected())).contains("com.shop.LazyTest#next", "com.shop.ZeroTest#zero");
        assertThat(stale.why()).contains("class level only: target/classes/com/shop/Lazy.class is older than its source");
    }

    private void build() {
        Fixture.compile(root, "target/classes", "", "src/main/java");
        Fixture.compile(root, "target/test-classes", root.resolve("target/classes").toString(), "src/test/java");
    }
}
