package dev.suiteflow.selector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import dev.suiteflow.selector.Selection;
import dev.suiteflow.selector.SelectionRequest;
import dev.suiteflow.selector.Selector;

/**
 * Times plans on a directory: cold (nothing cached, first plan in this JVM), warm (same process, nothing
 * changed), warm after one edited file, and warm from the disk cache in a new Selector. Not a test.
 *
 * <pre>
 * java -cp selector/target/classes:selector/target/lib/* dev.suiteflow.selector.bench.SelectBench DIR
 * java ... SelectBench --synthetic 1000 [DIR]     # generate a 1,000-file repository first (default: a temp dir)
 * </pre>
 */
public final class SelectBench {

    private SelectBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir;
        if (args.length >= 2 && args[0].equals("--synthetic")) {
            int files = Integer.parseInt(args[1]);
            dir = args.length >= 3 ? Path.of(args[2]) : Files.createTempDirectory("select-bench-");
            generate(dir, files);
            System.out.println("generated " + files + " files in " + dir);
        } else if (args.length == 1) {
            dir = Path.of(args[0]);
        } else {
            System.err.println("usage: SelectBench DIR | SelectBench --synthetic N [DIR]");
            System.exit(2);
            return;
        }
        List<Path> javaFiles;
        try (Stream<Path> s = Files.walk(dir)) {
            javaFiles = s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/")).sorted().toList();
        }
        if (javaFiles.isEmpty()) {
            System.err.println("no .java files under " + dir);
            System.exit(2);
        }
        Path changedFile = javaFiles.get(javaFiles.size() / 2);
        String changed = dir.relativize(changedFile).toString();
        Path cache = Files.createTempDirectory("select-bench-cache-");
        SelectionRequest req = SelectionRequest.safe(dir, List.of(changed));

        Selector selector = new Selector(cache);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Selection cold = selector.plan(req);
        double coldMs = ms(t0);
        double coldCpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000.0;

        double[] warm = new double[10];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            selector.plan(req);
            warm[i] = ms(t);
        }

        Files.setLastModifiedTime(changedFile, FileTime.fromMillis(System.currentTimeMillis() + 2000));
        long t1 = System.nanoTime();
        selector.plan(req);
        double editedMs = ms(t1);

        double[] disk = new double[5];
        for (int i = 0; i < disk.length; i++) {
            long t = System.nanoTime();
            new Selector(cache).plan(req);
            disk[i] = ms(t);
        }

        System.out.printf("workspace          %s%n", dir);
        System.out.printf("java files         %d%n", javaFiles.size());
        System.out.printf("test classes       %d (%d methods)%n", cold.catalog().testClasses(), cold.catalog().testMethods());
        System.out.printf("changed            %s -> %d selected%n", changed, cold.selected().size());
        System.out.printf("cold plan          %.0f ms (first plan in this JVM, nothing cached; %.0f ms CPU on %d cores, load %.1f)%n",
                coldMs, coldCpuMs, Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
        System.out.printf("warm plan          %.1f ms median of %d (same process, nothing changed)%n", median(warm), warm.length);
        System.out.printf("warm, 1 file edited %.1f ms%n", editedMs);
        System.out.printf("warm from disk     %.1f ms median of %d (new Selector, index read from the cache file)%n",
                median(disk), disk.length);
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1_000_000.0;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /**
     * A synthetic Maven-layout repository of {@code files} sources: 80 % main classes in packages of 20, each
     * using three earlier classes (same package or imported), one in eight of them an interface implementation;
     * 20 % tests using two or three main classes, a tenth of them extending an abstract base test.
     */
    static void generate(Path dir, int files) throws IOException {
        Random random = new Random(42);
        int mains = files * 4 / 5;
        int tests = files - mains;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < mains; i++) {
            String pkg = "com.bench.p" + (i / 20);
            String name = "C" + i;
            names.add(pkg + "." + name);
            StringBuilder sb = new StringBuilder("package " + pkg + ";\n\n");
            List<String> uses = new ArrayList<>();
            for (int k = 0; k < 3 && i > 0; k++) {
                uses.add(names.get(random.nextInt(i)));
            }
            for (String u : uses) {
                if (!u.startsWith(pkg + ".")) {
                    sb.append("import ").append(u).append(";\n");
                }
            }
            boolean impl = i % 8 == 0 && i > 0;
            sb.append("\npublic class ").append(name).append(impl ? " implements Runnable" : "").append(" {\n");
            for (int k = 0; k < uses.size(); k++) {
                String simple = uses.get(k).substring(uses.get(k).lastIndexOf('.') + 1);
                sb.append("    private ").append(simple).append(" f").append(k).append(";\n");
            }
            for (int m = 0; m < 8; m++) {
                sb.append("    public int m").append(m).append("(int x) {\n")
                        .append("        String s = \"value-").append(m).append("\";\n")
                        .append("        return x * ").append(m + 1).append(" + s.length();\n    }\n");
            }
            if (impl) {
                sb.append("    public void run() {\n    }\n");
            }
            sb.append("}\n");
            write(dir, "src/main/java/" + pkg.replace('.', '/') + "/" + name + ".java", sb.toString());
        }
        write(dir, "src/test/java/com/bench/AbstractBenchTest.java", """
                package com.bench;

                import org.junit.jupiter.api.Test;

                public abstract class AbstractBenchTest {
                    @Test
                    void inherited() {
                        com.bench.p0.C1 c = new com.bench.p0.C1();
                    }
                }
                """);
        for (int i = 0; i < tests - 1; i++) {
            String target = names.get(random.nextInt(names.size()));
            String pkg = target.substring(0, target.lastIndexOf('.'));
            String name = "T" + i + "Test";
            StringBuilder sb = new StringBuilder("package " + pkg + ";\n\nimport org.junit.jupiter.api.Test;\n");
            String other = names.get(random.nextInt(names.size()));
            if (!other.startsWith(pkg + ".")) {
                sb.append("import ").append(other).append(";\n");
            }
            sb.append("\nclass ").append(name).append(i % 10 == 0 ? " extends com.bench.AbstractBenchTest" : "")
                    .append(" {\n");
            String t1 = target.substring(target.lastIndexOf('.') + 1);
            String t2 = other.substring(other.lastIndexOf('.') + 1);
            sb.append("    @Test\n    void first() {\n        new ").append(t1).append("().m1(1);\n    }\n");
            sb.append("    @Test\n    void second() {\n        new ").append(t2).append("().m2(2);\n    }\n}\n");
            write(dir, "src/test/java/" + pkg.replace('.', '/') + "/" + name + ".java", sb.toString());
        }
        write(dir, "pom.xml", "<project/>\n");
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
