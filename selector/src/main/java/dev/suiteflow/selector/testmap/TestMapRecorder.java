package dev.suiteflow.selector.testmap;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import dev.suiteflow.selector.Git;
import dev.suiteflow.selector.Selection;
import dev.suiteflow.selector.SelectionException;
import dev.suiteflow.selector.SelectionRequest;
import dev.suiteflow.selector.Selector;
import dev.suiteflow.selector.index.IndexStore;

/**
 * Records a {@link TestMap}: copies the workspace's main classes with a probe at every method's entry, runs each
 * test class in a JVM of its own (the JUnit Platform console launcher, which the given class path must hold) and
 * keeps, per test class, the methods it entered. The workspace must be a built git checkout with no uncommitted
 * change to tracked files: the map describes its commit.
 */
public final class TestMapRecorder {

    static final String LAUNCHER = "org.junit.platform.console.ConsoleLauncher";

    /**
     * @param workspace   the built checkout
     * @param classpath   what the tests need besides the workspace's own class folders (dependencies, resource
     *                    folders), including a JUnit Platform console launcher
     * @param testClasses binary names of the test classes to run, one JVM each
     * @param jobs        JVMs at a time
     * @param timeout     per test class; a class that takes longer is left unrecorded (never narrowed)
     * @param jvmOptions  for each test JVM ({@code -Xmx2g}, ...)
     * @param progress    one line per finished test class
     */
    public record Options(Path workspace, List<Path> classpath, List<String> testClasses, int jobs, Duration timeout,
                          List<String> jvmOptions, Consumer<String> progress) {
    }

    /** The map, where it was written, and how long the recording took. */
    public record Result(TestMap map, Path file, long millis, List<String> problems) {
    }

    private TestMapRecorder() {
    }

    public static Result record(Options o) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path ws = o.workspace().toAbsolutePath().normalize();
        if (!Files.isDirectory(ws)) {
            throw new SelectionException("workspace is not a directory: " + ws);
        }
        String revision = Git.head(ws);
        if (revision == null) {
            throw new SelectionException("not a git checkout with a commit: " + ws
                    + " (a test map describes one commit)");
        }
        List<String> dirty = Git.uncommitted(ws);
        if (!dirty.isEmpty()) {
            throw new SelectionException("uncommitted changes in " + ws + " (" + String.join(", ",
                    dirty.subList(0, Math.min(5, dirty.size()))) + (dirty.size() > 5 ? ", …" : "")
                    + "): a test map describes one commit; commit or stash them first");
        }
        List<Path> main = IndexStore.classFolders(ws, false);
        List<Path> tests = IndexStore.classFolders(ws, true);
        if (main.isEmpty() || tests.isEmpty()) {
            throw new SelectionException("no compiled " + (main.isEmpty() ? "main" : "test") + " classes in " + ws
                    + " (target/classes, target/test-classes or build/classes/java/…): build it first");
        }
        if (!hasLauncher(o.classpath())) {
            throw new SelectionException("the class path has no JUnit Platform console launcher (" + LAUNCHER
                    + "): add junit-platform-console-standalone, of the JUnit version the tests use");
        }
        Path work = ws.resolve(".suiteflow").resolve("testmap").resolve("work");
        deleteTree(work);
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < main.size(); i++) {
            outs.add(work.resolve("classes-" + i));
        }
        Instrumenter.Result instrumented = Instrumenter.instrument(main, outs);
        List<Path> cp = new ArrayList<>(outs);
        cp.addAll(tests);
        cp.addAll(o.classpath());
        String classpath = String.join(File.pathSeparator, cp.stream().map(Path::toString).toList());
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);

        Map<String, int[]> entered = Collections.synchronizedMap(new TreeMap<>());
        Map<String, java.util.BitSet> linesRun = Collections.synchronizedMap(new TreeMap<>());
        Map<String, String> unrecorded = Collections.synchronizedMap(new TreeMap<>());
        Set<String> failedAtCommit = Collections.synchronizedSet(new java.util.TreeSet<>());
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.jobs()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String test : o.testClasses()) {
                futures.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    String outcome = runOne(ws, classpath, test, instrumented, logs, o, entered,
                            linesRun, unrecorded, failedAtCommit);
                    if (o.progress() != null) {
                        o.progress().accept(String.format("  %d/%d %s: %s (%.1f s)", done.incrementAndGet(),
                                o.testClasses().size(), test, outcome, (System.nanoTime() - t) / 1e9));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("recording failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        TestMap map = TestMap.of(revision, Instant.now().toString(), instrumented, entered, linesRun,
                unrecorded, failedAtCommit);
        Path file = TestMap.file(ws, revision);
        map.write(file);
        for (int i = 0; i < outs.size(); i++) {
            deleteTree(outs.get(i));
        }
        return new Result(map, file, (System.nanoTime() - t0) / 1_000_000, instrumented.problems());
    }

    /** Every test class of the workspace's catalog (what a map records), sorted. */
    public static List<String> testClasses(Path ws) {
        return new Selector(null, false).plan(SelectionRequest.safe(ws, List.of())).selected().stream()
                .map(Selection.SelectedTest::test).distinct().sorted().toList();
    }

    /** Runs one test class under the probes; what became of it, for the progress line. */
    private static String runOne(Path ws, String classpath, String test, Instrumenter.Result instrumented, Path logs,
                                 Options o, Map<String, int[]> entered, Map<String, java.util.BitSet> linesRun,
                                 Map<String, String> unrecorded, Set<String> failedAtCommit)
            throws IOException, InterruptedException {
        Path hits = logs.resolve(test + ".hits");
        Files.deleteIfExists(hits);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(o.jvmOptions());
        cmd.add("-D" + Hits.METHODS + "=" + instrumented.methods().size());
        cmd.add("-D" + Hits.LINES + "=" + instrumented.lines().size());
        cmd.add("-D" + Hits.OUT + "=" + hits);
        cmd.addAll(List.of("-cp", classpath, LAUNCHER, "execute", "--select-class", test, "--disable-banner",
                "--details=summary"));
        Process p = new ProcessBuilder(cmd).directory(ws.toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve(test + ".log").toFile()).start();
        if (!p.waitFor(o.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            unrecorded.put(test, "timed out after " + o.timeout().toSeconds() + " s");
            return "timed out, not recorded";
        }
        int exit = p.exitValue();
        if (exit != 0 && exit != 1) {
            unrecorded.put(test, "the test JVM exited with " + exit);
            return "exit " + exit + ", not recorded (log: " + logs.resolve(test + ".log") + ")";
        }
        if (exit == 1) {
            // tests failed: the record still says where the run went until each failure, and a change that touches
            // none of it leaves the class failing just as it does now
            failedAtCommit.add(test);
        }
        // no file: no probe ran, the runtime never loaded, so nothing was entered
        List<String> out = Files.exists(hits) ? Files.readAllLines(hits, StandardCharsets.US_ASCII) : List.of();
        int[] ids = out.stream().filter(l -> !l.isBlank() && l.charAt(0) != 'l').mapToInt(Integer::parseInt).toArray();
        java.util.BitSet lines = new java.util.BitSet();
        out.stream().filter(l -> l.startsWith("l")).forEach(l -> lines.set(Integer.parseInt(l.substring(1))));
        entered.put(test, ids);
        linesRun.put(test, lines);
        return (exit == 1 ? "tests failed, recorded: " : "") + ids.length + (ids.length == 1 ? " method" : " methods")
                + " entered, " + lines.cardinality() + (lines.cardinality() == 1 ? " line" : " lines") + " run";
    }

    private static boolean hasLauncher(List<Path> classpath) {
        String entry = LAUNCHER.replace('.', '/') + ".class";
        for (Path p : classpath) {
            if (Files.isDirectory(p) && Files.exists(p.resolve(entry))) {
                return true;
            }
            if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                try (ZipFile z = new ZipFile(p.toFile())) {
                    if (z.getEntry(entry) != null) {
                        return true;
                    }
                } catch (IOException e) {
                    // not a readable jar: look further
                }
            }
        }
        return false;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
