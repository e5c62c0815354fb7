package dev.suiteflow.selector;

import static dev.suiteflow.selector.Fixture.find;
import static dev.suiteflow.selector.Fixture.ids;
import static dev.suiteflow.selector.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiled classes add edges the sources cannot see: a test that reaches {@code Product} only through the return
 * type of {@code new Factory().create()} never names it, but its class file does.
 */
class CompiledClassesTest {

    private static final String MAIN = "src/main/java/com/shop/";
    private static final String TEST = "src/test/java/com/shop/app/";
    private static final String PRODUCT = MAIN + "Product.java";
    private static final String FACTORY_TEST = "com.shop.app.FactoryTest";

    @TempDir
    Path root;

    @TempDir
    Path cache;

    /**
     * The factory is generated code (its source sits under target/generated-sources, which is never indexed):
     * from sources alone nothing connects the test to Product.
     */
    private void shopWithGeneratedFactory() {
        write(root, PRODUCT, """
                package com.shop;
                public class Product {
                    public int run() { return 1; }
                }
                """);
        write(root, "target/generated-sources/annotations/com/shop/Factory.java", """
                package com.shop;
                public class Factory {
                    public Product create() { return new Product(); }
                }
                """);
        write(root, TEST + "FactoryTest.java", """
                package com.shop.app;
                import com.shop.Factory;
                import org.junit.jupiter.api.Test;
                class FactoryTest {
                    @Test
                    void runs() {
                        new Factory().create().run();
                    }
                }
                """);
        write(root, TEST + "OtherTest.java", """
                package com.shop.app;
                import org.junit.jupiter.api.Test;
                class OtherTest {
                    @Test
                    void nothing() {
                    }
                }
                """);
    }

    private Selection plan(Selector selector) {
        return selector.plan(SelectionRequest.safe(root, List.of(PRODUCT)));
    }

    @Test
    void aTestReachingAChangedClassOnlyThroughAReturnTypeIsSelectedFromItsClassFile() throws Exception {
        shopWithGeneratedFactory();
        Selector selector = new Selector(cache);

        assertThat(ids(plan(selector).selected())).isEmpty(); // no class files: the sources cannot see it

        build("target/classes", "src/main/java", "target/generated-sources/annotations");
        build("target/test-classes", "src/test/java");
        Selection s = plan(selector); // the same (warm) selector: the new class files change the index
        assertThat(ids(s.selected())).containsExactly(FACTORY_TEST);
        assertThat(find(s, FACTORY_TEST).reasons()).containsExactly("uses Product (compiled code), changed");
        assertThat(find(s, FACTORY_TEST).score()).isEqualTo(0.9);

        Selection fromDisk = plan(new Selector(cache)); // another process: the class facts come from the disk cache
        assertThat(find(fromDisk, FACTORY_TEST).reasons()).containsExactly("uses Product (compiled code), changed");

        delete(root.resolve("target/test-classes"));
        assertThat(ids(plan(selector).selected())).isEmpty(); // removed class files take their edges with them
    }

    @Test
    void aClassFileOlderThanItsSourceIsStaleAndIgnored() throws Exception {
        shopWithGeneratedFactory();
        build("target/classes", "src/main/java", "target/generated-sources/annotations");
        build("target/test-classes", "src/test/java");
        Path testClass = root.resolve("target/test-classes/com/shop/app/FactoryTest.class");
        Path testSource = root.resolve(TEST + "FactoryTest.java");
        Selector selector = new Selector();
        assertThat(ids(plan(selector).selected())).containsExactly(FACTORY_TEST);

        // the test was edited after the last build: its class file no longer says what the source uses
        Files.setLastModifiedTime(testSource,
                FileTime.fromMillis(Files.getLastModifiedTime(testClass).toMillis() + 60_000));
        assertThat(ids(plan(selector).selected())).isEmpty();
    }

    @Test
    void bytecodeShortensAPathTheSourcesFindThroughTheFactoryAndGradleOutputCounts() throws Exception {
        shopWithGeneratedFactory();
        Files.move(root.resolve("target/generated-sources/annotations/com/shop/Factory.java"),
                root.resolve(MAIN + "Factory.java"));
        Selector selector = new Selector();
        Selection sources = plan(selector);
        assertThat(find(sources, FACTORY_TEST + "#runs").reasons())
                .containsExactly("uses Product through Factory (2 steps), changed");

        build("build/classes/java/main", "src/main/java");
        build("build/classes/java/test", "src/test/java");
        Selection compiled = plan(selector);
        assertThat(ids(compiled.selected())).containsExactly(FACTORY_TEST);
        assertThat(find(compiled, FACTORY_TEST).reasons()).containsExactly("uses Product (compiled code), changed");
    }

    @Test
    void compiledReferencesToOtherImplementationsAddNothingTheSourcesAlreadyConnect() throws Exception {
        Fixture.acme(root);
        Selection before = new Selector().plan(SelectionRequest.safe(root, List.of(Fixture.MAIN + "shapes/Circle.java")));
        build("target/classes", "src/main/java");
        Selection after = new Selector().plan(SelectionRequest.safe(root, List.of(Fixture.MAIN + "shapes/Circle.java")));
        // Square's class file names Shape too, but the sources already link them (implements): no new edge
        assertThat(ids(after.selected())).isEqualTo(ids(before.selected()));
    }

    /** Compiles every .java file under the source directories into {@code out}, with JUnit and out's siblings on the class path. */
    private void build(String out, String... sourceDirs) {
        Path outDir = root.resolve(out);
        Fixture.compile(root, out, outDir.resolveSibling("classes") + File.pathSeparator + outDir.resolveSibling("main"), sourceDirs);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
