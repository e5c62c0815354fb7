package dev.suiteflow.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link TestCatalog} from a workspace without building it.
 *
 * <ul>
 *   <li>Sources: every {@code .java} file under a {@code src/<set>/java/} folder whose set is not {@code main}
 *       ({@code src/test/java}, {@code src/it/java}, {@code src/integrationTest/java}, …), at any module depth,
 *       parsed by {@link JavaTestParser}. Files over {@link #MAX_SOURCE_BYTES} are skipped.</li>
 *   <li>Skipped folders: {@code target}, {@code build}, {@code out}, {@code bin}, {@code node_modules} and hidden ones
 *       ({@code .git}, …), except inside a test source root;
 *       symbolic links are not followed.</li>
 *   <li>Reports: {@code target/surefire-reports/TEST-*.xml} and {@code target/failsafe-reports/TEST-*.xml} of
 *       every module, read by {@link JUnitReports}. Their requirement ids are added to the matching test; a test
 *       only a report knows is added as well.</li>
 * </ul>
 * Files are read in path order, so the catalog is the same on every machine. It stops at
 * {@link TestCatalog#MAX_TESTS} tests (then {@code truncated}).
 */
public final class CatalogScanner {

    static final long MAX_SOURCE_BYTES = 1024 * 1024;
    /** Skipped outside test source roots (inside one they are package names). */
    private static final Set<String> SKIPPED = Set.of("target", "build", "node_modules", "out", "bin");

    private CatalogScanner() {
    }

    public static TestCatalog scan(Path workspace) {
        return scan(workspace, Map.of());
    }

    /**
     * @param classPhases optional class name → phase (from the manifest's phase test lists); may be empty
     */
    public static TestCatalog scan(Path workspace, Map<String, String> classPhases) {
        TreeSet<Path> sources = new TreeSet<>();
        TreeSet<Path> reports = new TreeSet<>();
        try {
            Files.walkFileTree(workspace, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.equals(workspace)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    if (name.equals("target")) {
                        for (String kind : List.of("surefire-reports", "failsafe-reports")) {
                            Path folder = dir.resolve(kind);
                            if (Files.isDirectory(folder)) {
                                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "TEST-*.xml")) {
                                    files.forEach(reports::add);
                                }
                            }
                        }
                    }
                    if (inTestSourceRoot(workspace.relativize(dir).resolve("x"))) {
                        return FileVisitResult.CONTINUE; // a package may well be called build or target
                    }
                    return SKIPPED.contains(name) || name.startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().endsWith(".java") && inTestSourceRoot(workspace.relativize(file))
                            && attrs.size() <= MAX_SOURCE_BYTES) {
                        sources.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + workspace, e);
        }

        Map<String, TestCase> tests = new LinkedHashMap<>();
        boolean truncated = false;
        for (Path source : sources) {
            String text;
            try {
                text = Files.readString(source, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                try {
                    text = new String(Files.readAllBytes(source), StandardCharsets.ISO_8859_1);
                } catch (IOException again) {
                    continue;
                }
            }
            for (TestCase test : JavaTestParser.parse(text, classPhases)) {
                if (tests.size() == TestCatalog.MAX_TESTS) {
                    truncated = true;
                    break;
                }
                tests.putIfAbsent(test.id(), test);
            }
            if (truncated) {
                break;
            }
        }
        for (Path report : reports) {
            for (var entry : JUnitReports.requirements(report).entrySet()) {
                TestCase test = tests.get(entry.getKey());
                if (test == null) {
                    if (tests.size() == TestCatalog.MAX_TESTS) {
                        truncated = true;
                        continue;
                    }
                    test = TestCase.named(entry.getKey());
                    test = new TestCase(test.className(), test.methodName(),
                            Phases.guess(test.className(), Set.of(), classPhases), null, null,
                            simpleName(test.className()), null, null);
                }
                for (String id : entry.getValue()) {
                    test = test.withRequirement(id, "JUnit report");
                }
                tests.put(test.id(), test);
            }
        }
        return new TestCatalog(new ArrayList<>(tests.values()), truncated);
    }

    /** {@code …/src/<set>/java/…} with a set other than main. */
    static boolean inTestSourceRoot(Path relative) {
        for (int i = 0; i + 2 < relative.getNameCount(); i++) {
            if (relative.getName(i).toString().equals("src") && relative.getName(i + 2).toString().equals("java")
                    && !relative.getName(i + 1).toString().equals("main")) {
                return true;
            }
        }
        return false;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', ' ');
    }
}
