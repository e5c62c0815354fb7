package dev.suiteflow.selector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.suiteflow.selector.Selection.SelectedTest;

/** Small Java projects written to a temporary directory, and helpers to read a selection. */
public final class Fixture {

    private Fixture() {
    }

    static void write(Path root, String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String MAIN = "src/main/java/com/acme/";
    static final String TEST = "src/test/java/com/acme/";

    /**
     * A parser, shapes behind an interface, a static-import utility, a plugin loaded by name, a loader reading
     * a resource, and their tests; 12 runnable test classes (AbstractParserTest is abstract).
     */
    public static Path acme(Path root) {
        write(root, "pom.xml", "<project/>\n");
        write(root, MAIN + "lang/Token.java", """
                package com.acme.lang;

                public record Token(String text) {
                }
                """);
        write(root, MAIN + "lang/Lexer.java", """
                package com.acme.lang;

                public class Lexer {
                    public Token next(String in) {
                        return new Token(in);
                    }
                }
                """);
        write(root, MAIN + "lang/Parser.java", """
                package com.acme.lang;

                public class Parser {
                    private final Lexer lexer = new Lexer();

                    public String parse(String in) {
                        return lexer.next(in).text();
                    }
                }
                """);
        write(root, MAIN + "lang/Printer.java", """
                package com.acme.lang;

                public class Printer {
                    public String print(String s) {
                        return "<" + s + ">";
                    }
                }
                """);
        write(root, MAIN + "shapes/Shape.java", """
                package com.acme.shapes;

                public interface Shape {
                    double area();
                }
                """);
        write(root, MAIN + "shapes/Circle.java", """
                package com.acme.shapes;

                public class Circle implements Shape {
                    private final double r;

                    public Circle(double r) {
                        this.r = r;
                    }

                    @Override
                    public double area() {
                        return Math.PI * r * r;
                    }
                }
                """);
        write(root, MAIN + "shapes/Square.java", """
                package com.acme.shapes;

                public class Square implements Shape {
                    @Override
                    public double area() {
                        return 1;
                    }
                }
                """);
        write(root, MAIN + "shapes/Canvas.java", """
                package com.acme.shapes;

                import java.util.ArrayList;
                import java.util.List;

                public class Canvas {
                    private final List<Shape> shapes = new ArrayList<>();

                    public List<Shape> shapes() {
                        return shapes;
                    }
                }
                """);
        write(root, MAIN + "util/Strings.java", """
                package com.acme.util;

                public final class Strings {
                    public static String trim(String s) {
                        return s.strip();
                    }
                }
                """);
        write(root, MAIN + "plugins/GreetingPlugin.java", """
                package com.acme.plugins;

                public class GreetingPlugin implements Runnable {
                    public void run() {
                    }
                }
                """);
        write(root, MAIN + "plugins/PluginLoader.java", """
                package com.acme.plugins;

                public class PluginLoader {
                    public Object load() throws Exception {
                        return Class.forName("com.acme.plugins.GreetingPlugin").getDeclaredConstructor().newInstance();
                    }
                }
                """);
        write(root, MAIN + "orders/OrderLoader.java", """
                package com.acme.orders;

                public class OrderLoader {
                    public java.io.InputStream prices() {
                        return OrderLoader.class.getResourceAsStream("/prices.csv");
                    }
                }
                """);
        write(root, "src/main/resources/prices.csv", "sku,price\n");
        write(root, "src/test/resources/orders.csv", "id,sku\n");

        write(root, TEST + "lang/AbstractParserTest.java", """
                package com.acme.lang;

                import org.junit.jupiter.api.Test;

                abstract class AbstractParserTest {
                    @Test
                    void lexesOneToken() {
                        new Lexer().next("a");
                    }
                }
                """);
        write(root, TEST + "lang/ExpressionParserTest.java", """
                package com.acme.lang;

                import org.junit.jupiter.api.Test;

                class ExpressionParserTest extends AbstractParserTest {
                    @Test
                    void sums() {
                    }
                }
                """);
        write(root, TEST + "lang/StatementParserTest.java", """
                package com.acme.lang;

                class StatementParserTest extends AbstractParserTest {
                }
                """);
        write(root, TEST + "lang/TokenTest.java", """
                package com.acme.lang;

                import org.junit.jupiter.api.Test;

                class TokenTest {
                    @Test
                    void keepsText() {
                        new Token("x").text();
                    }
                }
                """);
        write(root, TEST + "lang/PrinterTest.java", """
                package com.acme.lang;

                import org.junit.jupiter.api.Test;

                class PrinterTest {
                    @Test
                    void wraps() {
                        new Printer().print("x");
                    }
                }
                """);
        write(root, TEST + "parsing/ParserTest.java", """
                package com.acme.parsing;

                import com.acme.lang.Parser;
                import org.junit.jupiter.api.Test;

                class ParserTest {
                    @Test
                    void parses() {
                        new Parser().parse("a");
                    }

                    @Test
                    void countsNothing() {
                        int n = 0;
                    }
                }
                """);
        write(root, TEST + "shapes/CircleTest.java", """
                package com.acme.shapes;

                import org.junit.jupiter.api.Test;

                class CircleTest {
                    @Test
                    void area() {
                        new Circle(1).area();
                    }
                }
                """);
        write(root, TEST + "shapes/SquareTest.java", """
                package com.acme.shapes;

                import org.junit.jupiter.api.Test;

                class SquareTest {
                    @Test
                    void area() {
                        new Square().area();
                    }
                }
                """);
        write(root, TEST + "shapes/CanvasTest.java", """
                package com.acme.shapes;

                import java.util.List;
                import org.junit.jupiter.api.Test;

                class CanvasTest {
                    private final Canvas canvas = new Canvas();

                    @Test
                    void startsEmpty() {
                        List<Shape> shapes = canvas.shapes();
                    }
                }
                """);
        write(root, TEST + "text/StringsTest.java", """
                package com.acme.text;

                import static com.acme.util.Strings.trim;

                import org.junit.jupiter.api.Test;

                class StringsTest {
                    @Test
                    void trims() {
                        trim(" a ");
                    }
                }
                """);
        write(root, TEST + "plugins/PluginLoaderTest.java", """
                package com.acme.plugins;

                import org.junit.jupiter.api.Test;

                class PluginLoaderTest {
                    @Test
                    void loads() throws Exception {
                        new PluginLoader().load();
                    }
                }
                """);
        write(root, TEST + "orders/OrderLoaderTest.java", """
                package com.acme.orders;

                import org.junit.jupiter.api.Test;

                class OrderLoaderTest {
                    private final OrderLoader loader = new OrderLoader();

                    @Test
                    void readsPrices() {
                        loader.prices();
                    }
                }
                """);
        write(root, TEST + "orders/OrderFixtureTest.java", """
                package com.acme.orders;

                import org.junit.jupiter.params.ParameterizedTest;
                import org.junit.jupiter.params.provider.CsvFileSource;

                class OrderFixtureTest {
                    @ParameterizedTest
                    @CsvFileSource(resources = "/orders.csv")
                    void readsOrder(String id, String sku) {
                    }
                }
                """);
        return root;
    }

    /** Ids ({@code Class} or {@code Class#method}) of the selected tests, in ranking order. */
    static List<String> ids(List<SelectedTest> tests) {
        List<String> out = new ArrayList<>();
        tests.forEach(t -> out.add(t.id()));
        return out;
    }

    static SelectedTest find(Selection s, String id) {
        return s.selected().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not selected: " + ids(s.selected())));
    }

    /** Runs git in a directory; fails the test when git fails. */
    public static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Compiles every .java file under the source directories into {@code out} (with JUnit and {@code classpath}), failing with javac's errors. */
    static void compile(Path root, String out, String classpath, String... sourceDirs) {
        try {
            java.util.List<String> files = new java.util.ArrayList<>();
            for (String dir : sourceDirs) {
                try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(root.resolve(dir))) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
                }
            }
            Path outDir = root.resolve(out);
            java.nio.file.Files.createDirectories(outDir);
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-d", outDir.toString(), "-proc:none",
                    "-cp", jarOf(org.junit.jupiter.api.Test.class) + java.io.File.pathSeparator + classpath));
            args.addAll(files);
            java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
            int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new));
            if (rc != 0) {
                throw new AssertionError("javac failed: " + errors);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The JUnit jars a fixture's tests need at run time, with the console launcher, from this JVM's own class
     * path (what a test map is recorded with).
     */
    public static List<Path> junitRuntime() {
        List<Path> out = new ArrayList<>();
        for (String type : List.of("org.junit.platform.console.ConsoleLauncher",
                "org.junit.platform.reporting.open.xml.OpenTestReportGeneratingListener",
                "org.opentest4j.reporting.tooling.spi.htmlreport.Block",
                "org.junit.platform.launcher.Launcher", "org.junit.platform.engine.TestEngine",
                "org.junit.platform.commons.util.ReflectionUtils", "org.junit.jupiter.api.Test",
                "org.junit.jupiter.engine.JupiterTestEngine", "org.opentest4j.AssertionFailedError")) {
            try {
                Path jar = Path.of(jarOf(Class.forName(type)));
                if (!out.contains(jar)) {
                    out.add(jar);
                }
            } catch (ClassNotFoundException e) {
                throw new AssertionError("not on the test class path: " + type, e);
            }
        }
        return out;
    }

    /** {@link #compile} for tests of other packages. */
    public static void compileInto(Path root, String out, String classpath, String... sourceDirs) {
        compile(root, out, classpath, sourceDirs);
    }

    public static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
