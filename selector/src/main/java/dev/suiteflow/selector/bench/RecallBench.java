package dev.suiteflow.selector.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.suiteflow.selector.Selection;
import dev.suiteflow.selector.SelectionRequest;
import dev.suiteflow.selector.Selector;
import dev.suiteflow.selector.testmap.TestMapRecorder;

/**
 * Safe mode's recall on real bugs of real projects (Defects4J-style), not a test. For each release pair
 * vA &lt; vB of {@code recall-projects.txt}, laid out by {@code prepare-recall.sh} in {@code DIR/trees}: build vB
 * and run its whole test suite (the baseline); then, for each main source file F whose code differs between
 * vA and vB, put back F's vA version in vB (re-introducing what vB fixed or changed), compile (a revert that
 * does not compile is skipped) and run vB's whole suite again. The test classes with a test that fails now
 * and passed in the baseline are the tests that bug makes fail; a revert that fails no test is not a bug.
 * For each bug the selector plans in safe mode on that tree with changed = [F]: recall = failing classes
 * selected / failing classes, share = selected classes / the catalog's test classes.
 *
 * <pre>
 * ./suiteflow bench-recall                       # prepares .run/recall, then runs this
 * java -cp selector/target/classes:selector/target/lib/* dev.suiteflow.selector.bench.RecallBench DIR PROJECTS
 * </pre>
 * Prints a table per bug, the misses, a summary per project and overall, and the JSON summary (also written
 * to {@code DIR/recall-results.json}).
 */
public final class RecallBench {

    private final Path dir;
    private final List<Path> testClasspath;
    private final Selector selector = new Selector();
    /** The same plans at class level (what the selector does from sources alone, or without git). */
    private final Selector classLevel = new Selector(null, false);
    private final List<RecallFigures.Bug> classLevelBugs = new ArrayList<>();
    /** The same plans at method level without the test map (the call graph alone), by project and file. */
    private final Selector withoutMap = new Selector(null, true, false);
    private static final Map<String, RecallFigures.Bug> WITHOUT_MAP = new LinkedHashMap<>();
    /** Whether each release's test map is recorded before its bugs are planned (--no-testmap: not). */
    private boolean testMaps = true;
    /** --isolate: each real bug of the results is cut down to the hunks of its revert that make its tests fail. */
    private boolean isolate;
    /** --replan --confirm: each bug's recorded failing classes are run again, with its revert; those that pass are left out as flaky. */
    private boolean confirm;
    private int flakyLeftOut;
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private volatile Process running;
    /** The same bugs, planned in budget mode at {@link #BUDGET} of the catalog (a second figure). */
    private final List<RecallFigures.Bug> budgetBugs = new ArrayList<>();
    static final double BUDGET = 0.15;

    private RecallBench(Path dir) throws IOException {
        this.dir = dir;
        try (Stream<Path> s = Files.list(dir.resolve("deps/lib"))) {
            this.testClasspath = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** One line of the projects file. */
    record Pair(String groupArtifact, String older, String newer) {
        String artifact() {
            return groupArtifact.substring(groupArtifact.indexOf(':') + 1);
        }

        String label() {
            return artifact() + " " + older + "→" + newer;
        }
    }

    /** What became of each differing file of a pair. */
    static final class Counts {
        int differing;
        int commentsOnly;
        int addedOrRemoved;
        int compileFails;
        int noTestFails;
        int timeouts;
        int bugs;
        int catalog;
        int baselineFailing;
        /** Test classes that failed with a revert but passed when run again with it (timing, load): not counted. */
        int flakyClasses;
        long millis;
    }

    /**
     * Of the test classes that failed with a revert, those that pass when run again with it: a failure counts only
     * when it comes back (tests that depend on timing or load fail now and then, with or without the revert).
     */
    private Set<String> notReproduced(Path work, Path out, Set<String> failing, Set<String> baseFailed, long timeoutMillis)
            throws IOException, InterruptedException {
        TestRun again = runTests(work, out, timeoutMillis, failing);
        if (again.timedOut || again.tests == 0) {
            return Set.of(); // no second verdict: keep the first
        }
        Set<String> failedAgain = again.failed.stream().filter(t -> !baseFailed.contains(t))
                .map(JUnitXmlReport::classOf).collect(Collectors.toSet());
        return failing.stream().filter(cl -> !failedAgain.contains(cl)).collect(Collectors.toCollection(TreeSet::new));
    }

    public static void main(String[] args) throws Exception {
        int combine = Arrays.asList(args).indexOf("--combine");
        if (combine >= 0) {
            // RecallBench --combine FILE..., or through ./suiteflow bench-recall (DIR and PROJECTS_FILE come first)
            combine(Arrays.stream(args).skip(combine + 1L).map(Path::of).toList());
            return;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: RecallBench DIR PROJECTS_FILE [--mutants K] [--only ARTIFACT[,ARTIFACT...]] "
                    + "[--replan RESULTS_JSON [--confirm] | --isolate RESULTS_JSON] [--no-testmap]   (--no-testmap: plan without recording each release's test map; --replan: plan the bugs of an earlier run's recall-results.json again "
                    + "with this selector, without running any suite (--confirm: but each bug's failing classes, once, to leave out those that do not fail again); --isolate: the same, each real bug first cut down to the "
                    + "hunks of its revert that make its failing classes fail (its suite run again); DIR as "
                    + "prepared by selector/bench/prepare-recall.sh; K mutants per main file of each project's newest "
                    + "release, 0: none; --only: the pairs of these artifactIds, e.g. commons-text)");
            System.exit(2);
            return;
        }
        int mutantsPerFile = o.mutants();
        Path dir = o.dir().toAbsolutePath();
        List<Pair> pairs = o.filter(readPairs(o.projects()));
        RecallBench bench = new RecallBench(dir);
        bench.testMaps = o.testMaps();
        if (o.replan() != null) {
            bench.isolate = o.isolate();
            bench.confirm = o.confirm();
            bench.replan(o.replan(), pairs);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = bench.running;
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }));
        List<RecallFigures.Bug> bugs = new ArrayList<>();
        Map<String, Counts> counts = new LinkedHashMap<>();
        for (Pair p : pairs) {
            Counts c = new Counts();
            counts.put(p.label(), c);
            long t0 = System.nanoTime();
            bugs.addAll(bench.run(p, c, false, 0));
            c.millis = (System.nanoTime() - t0) / 1_000_000;
        }
        List<RecallFigures.Bug> realBudget = List.copyOf(bench.budgetBugs);
        bench.budgetBugs.clear();
        List<RecallFigures.Bug> realClass = List.copyOf(bench.classLevelBugs);
        bench.classLevelBugs.clear();
        List<RecallFigures.Bug> mutants = new ArrayList<>();
        Map<String, Counts> mutantCounts = new LinkedHashMap<>();
        if (mutantsPerFile > 0) {
            Map<String, Pair> newest = new LinkedHashMap<>();
            pairs.forEach(p -> newest.put(p.artifact(), p));   // the file lists pairs oldest first
            for (Pair p : newest.values()) {
                Counts c = new Counts();
                mutantCounts.put(p.artifact() + " " + p.newer() + " mutants", c);
                long t0 = System.nanoTime();
                mutants.addAll(bench.run(p, c, true, mutantsPerFile));
                c.millis = (System.nanoTime() - t0) / 1_000_000;
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("realBugs", report("Real bugs (a file of vB reverted to vA)", bugs, realBudget, realClass, counts, pairs));
        if (mutantsPerFile > 0) {
            List<RecallFigures.Bug> mutantBudget = List.copyOf(bench.budgetBugs);
            json.put("mutants", report("Mutants (" + mutantsPerFile + " single-operator mutants per main file of the newest release; NOT real bugs)",
                    mutants, mutantBudget, List.copyOf(bench.classLevelBugs), mutantCounts, pairs));
        }
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY);
        Files.writeString(dir.resolve("recall-results.json"), om.writeValueAsString(json), StandardCharsets.UTF_8);
        System.out.println("(every bug: " + dir.resolve("recall-results.json") + ")");
    }

    /**
     * {@code --combine RESULTS_JSON...}: the real bugs of several runs' results files (recall-results.json,
     * replan-results.json, isolate-results.json) in one summary per project and overall, as the runs print it.
     * A bug listed in two files counts once (the later file's).
     */
    @SuppressWarnings("unchecked")
    static void combine(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            System.err.println("usage: RecallBench --combine RESULTS_JSON...");
            System.exit(2);
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                System.err.println("--combine: no such file: " + f);
                System.exit(2);
            }
        }
        Map<String, RecallFigures.Bug> bugs = new LinkedHashMap<>();
        for (Path f : files) {
            Map<String, Object> json = new ObjectMapper().readValue(f.toFile(), Map.class);
            Map<String, Object> part = (Map<String, Object>) json.get("realBugs");
            if (part == null || part.get("bugs") == null) {
                throw new IllegalArgumentException(f + ": no real bugs in it");
            }
            for (Map<String, Object> b : (List<Map<String, Object>>) part.get("bugs")) {
                RecallFigures.Bug bug = fromJson(b);
                bugs.put(bug.project() + " " + bug.file(), bug);
            }
        }
        Map<String, List<RecallFigures.Bug>> byProject = new TreeMap<>();
        bugs.values().forEach(b -> byProject.computeIfAbsent(artifactOf(b), k -> new ArrayList<>()).add(b));
        System.out.println("Real bugs of " + files + ":");
        summaryHead(null);
        byProject.forEach((k, v) -> printSummary(k, RecallFigures.Summary.of(v)));
        printSummary("**all**", RecallFigures.Summary.of(bugs.values()));
        double meanOfMeans = byProject.values().stream()
                .mapToDouble(v -> RecallFigures.Summary.of(v).meanShare()).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%nMean of the %d projects' mean shares: %.1f %%%n", byProject.size(), 100 * meanOfMeans);
    }

    /**
     * One bug as a results file keeps it. Files written before the selected classes were kept by name have only
     * their count: the failing classes caught stand for themselves, the rest for placeholders (recall and share
     * need no more).
     */
    @SuppressWarnings("unchecked")
    static RecallFigures.Bug fromJson(Map<String, Object> b) {
        Set<String> failing = new TreeSet<>((List<String>) b.get("failing"));
        Set<String> selected = new TreeSet<>();
        if (b.get("selectedClasses") != null) {
            selected.addAll((List<String>) b.get("selectedClasses"));
        } else {
            selected.addAll(failing);
            selected.removeAll((List<String>) b.get("missed"));
            int count = ((Number) b.get("selected")).intValue();
            for (int i = 0; selected.size() < count; i++) {
                selected.add("(another selected class " + i + ")");
            }
        }
        return new RecallFigures.Bug((String) b.get("pair"), (String) b.get("file"), failing, selected,
                ((Number) b.get("catalog")).intValue());
    }

    /** The command line: DIR PROJECTS_FILE [--mutants K] [--only ARTIFACT[,ARTIFACT...]] (options in any order). */
    record Options(Path dir, Path projects, int mutants, Set<String> only, Path replan, boolean testMaps,
                   boolean isolate, boolean confirm) {
        static Options parse(String... args) {
            List<String> positional = new ArrayList<>();
            int mutants = 0;
            Set<String> only = new TreeSet<>();
            Path replan = null;
            boolean testMaps = true;
            boolean isolate = false;
            boolean confirm = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-testmap")) {
                    testMaps = false;
                } else if (a.equals("--confirm")) {
                    confirm = true;
                } else if (a.equals("--replan") || a.equals("--isolate")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    if (replan != null) {
                        throw new IllegalArgumentException("--replan and --isolate: one of them, once");
                    }
                    replan = Path.of(args[++i]);
                    isolate = a.equals("--isolate");
                } else if (a.equals("--mutants") || a.equals("--only")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = args[++i];
                    if (a.equals("--mutants")) {
                        try {
                            mutants = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--mutants: not a number: " + v);
                        }
                        if (mutants < 0) {
                            throw new IllegalArgumentException("--mutants: negative: " + v);
                        }
                    } else {
                        for (String x : v.split(",")) {
                            if (!x.isBlank()) {
                                only.add(x.strip());
                            }
                        }
                        if (only.isEmpty()) {
                            throw new IllegalArgumentException("--only: no artifactId given");
                        }
                    }
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option: " + a);
                } else {
                    positional.add(a);
                }
            }
            if (positional.size() != 2) {
                throw new IllegalArgumentException("expected DIR and PROJECTS_FILE, got " + positional);
            }
            if (confirm && (replan == null || isolate)) {
                throw new IllegalArgumentException("--confirm goes with --replan (a full run and --isolate confirm by themselves)");
            }
            return new Options(Path.of(positional.get(0)), Path.of(positional.get(1)), mutants, Set.copyOf(only), replan,
                    testMaps, isolate, confirm);
        }

        /** The pairs to run: all, or those of the {@code --only} artifacts (an artifact with no pair is an error). */
        List<Pair> filter(List<Pair> pairs) {
            if (only.isEmpty()) {
                return pairs;
            }
            Set<String> known = pairs.stream().map(Pair::artifact).collect(Collectors.toSet());
            Set<String> unknown = new TreeSet<>(only);
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("--only: no pair of " + unknown + " in the projects file (known: "
                        + new TreeSet<>(known) + ")");
            }
            return pairs.stream().filter(p -> only.contains(p.artifact())).toList();
        }
    }

    static List<Pair> readPairs(Path file) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            pairs.add(new Pair(f[0], f[1], f[2]));
        }
        return pairs;
    }

    /** One variant of a file to try: the reverted file, or one mutant of it. */
    record Variant(String path, String label, byte[] content) {
    }

    private List<RecallFigures.Bug> run(Pair p, Counts c, boolean mutants, int perFile) throws Exception {
        Path older = dir.resolve("trees").resolve(p.artifact() + "-" + p.older());
        Path newer = dir.resolve("trees").resolve(p.artifact() + "-" + p.newer());
        Path work = dir.resolve("work").resolve(p.artifact() + "-" + p.newer());
        Path out = dir.resolve("out").resolve(p.artifact() + "-" + p.newer());
        checkout(p, work);
        String project = mutants ? p.artifact() + " " + p.newer() + " mutants" : p.label();
        log("== %s: baseline build and test run of %s", project, p.newer());
        String err = compile(work, out);
        if (err != null) {
            throw new IllegalStateException(p.label() + ": the unmodified release does not compile:\n" + err);
        }
        long t0 = System.nanoTime();
        TestRun base = runTests(work, out, TimeUnit.MINUTES.toMillis(10));
        if (base.timedOut) {
            throw new IllegalStateException(p.label() + ": the baseline test run timed out");
        }
        if (base.tests == 0) {
            throw new IllegalStateException(p.label() + ": the baseline test run reported no test (see "
                    + out.resolve("tests.log") + ")");
        }
        long baseMillis = (System.nanoTime() - t0) / 1_000_000;
        Set<String> baseClasses = base.failed.stream().map(JUnitXmlReport::classOf).collect(Collectors.toCollection(TreeSet::new));
        c.baselineFailing = base.failed.size();
        c.catalog = selector.plan(SelectionRequest.safe(work, List.of())).catalog().testClasses();
        log("   baseline: %d ms, %d tests, %d failing %s (left out of every bug)", baseMillis, base.tests, base.failed.size(), baseClasses);
        recordTestMap(work);

        List<Variant> variants = new ArrayList<>();
        if (mutants) {
            try (Stream<Path> s = Files.walk(newer.resolve("src/main/java"))) {
                for (Path f : s.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                    String rel = newer.resolve("src/main/java").relativize(f).toString();
                    for (Mutants.Mutant m : Mutants.spread(Mutants.all(Files.readString(f)), perFile)) {
                        c.differing++;
                        variants.add(new Variant(rel, rel + ":" + m.line() + " " + m.from() + "→" + m.to(),
                                m.source().getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        } else {
            for (SourceTreeDiff.Change ch : SourceTreeDiff.diff(older.resolve("src/main/java"), newer.resolve("src/main/java"))) {
                c.differing++;
                if (ch.kind() != SourceTreeDiff.Kind.MODIFIED) {
                    c.addedOrRemoved++;
                } else if (!ch.codeChanged()) {
                    c.commentsOnly++;
                } else {
                    variants.add(new Variant(ch.path(), ch.path(),
                            Files.readAllBytes(older.resolve("src/main/java").resolve(ch.path()))));
                }
            }
        }
        List<RecallFigures.Bug> bugs = new ArrayList<>();
        for (Variant v : variants) {
            String rel = "src/main/java/" + v.path();
            Path f = work.resolve(rel);
            byte[] fixed = Files.readAllBytes(f);
            try {
                Files.write(f, v.content());
                long tc = System.nanoTime();
                String e = compile(work, out);
                long compileMs = (System.nanoTime() - tc) / 1_000_000;
                if (e != null) {
                    c.compileFails++;
                    log("   %-58s does not compile with vB: %s", v.label(), firstLine(e));
                    continue;
                }
                long tt = System.nanoTime();
                TestRun r = runTests(work, out, baseMillis * 5 + 60_000);
                long testMs = (System.nanoTime() - tt) / 1_000_000;
                if (r.timedOut || r.tests == 0) {
                    c.timeouts++;
                    log("   %-58s test run %s", v.label(), r.timedOut ? "timed out" : "died before reporting any test");
                    continue;
                }
                Set<String> failing = new TreeSet<>();
                for (String t : r.failed) {
                    if (!base.failed.contains(t)) {
                        failing.add(JUnitXmlReport.classOf(t));
                    }
                }
                if (failing.isEmpty()) {
                    c.noTestFails++;
                    log("   %-58s no test fails (compile %d ms, tests %d ms)", v.label(), compileMs, testMs);
                    continue;
                }
                Set<String> flaky = notReproduced(work, out, failing, base.failed, baseMillis * 5 + 60_000);
                if (!flaky.isEmpty()) {
                    c.flakyClasses += flaky.size();
                    log("   %-58s fail once, not again (left out as flaky): %s", v.label(), flaky);
                    failing.removeAll(flaky);
                    if (failing.isEmpty()) {
                        c.noTestFails++;
                        continue;
                    }
                }
                RecallFigures.Bug bug = planned(project, v.label(), failing, work, rel);
                bugs.add(bug);
                c.bugs++;
            } finally {
                Files.write(f, fixed);
            }
        }
        return bugs;
    }

    /**
     * Plans the bugs recorded by an earlier run again, with this build of the selector: each bug's tree is rebuilt
     * (vB as a git checkout, the file reverted or mutated, compiled) and planned at method and class level; the
     * failing classes are the recorded ones, so no suite runs. For trying a selector change on known bugs in
     * minutes instead of hours. A bug recorded without its failing classes (taken from the log of a run stopped
     * before its summary) gets them from running vB's suite and the bug's, as in a full run.
     */
    @SuppressWarnings("unchecked")
    private void replan(Path results, List<Pair> pairs) throws Exception {
        Map<String, Object> json = new ObjectMapper().readValue(results.toFile(), Map.class);
        Map<String, Object> replanned = new LinkedHashMap<>();
        for (String kind : List.of("realBugs", "mutants")) {
            Map<String, Object> part = (Map<String, Object>) json.get(kind);
            if (part == null) {
                continue;
            }
            List<RecallFigures.Bug> bugs = new ArrayList<>();
            List<RecallFigures.Bug> budget = new ArrayList<>();
            classLevelBugs.clear();
            budgetBugs.clear();
            String prepared = null;
            TestRun baseline = null;
            long baselineMillis = 0;
            for (Map<String, Object> b : (List<Map<String, Object>>) part.get("bugs")) {
                String label = (String) b.get("pair");
                Pair p = pairs.stream().filter(x -> label.equals(x.label())
                        || label.equals(x.artifact() + " " + x.newer() + " mutants")).reduce((x, y) -> y).orElse(null);
                if (p == null) {
                    log("   %s: no such pair in the projects file, skipped", label);
                    continue;
                }
                Path work = dir.resolve("work").resolve(p.artifact() + "-" + p.newer());
                Path out = dir.resolve("out").resolve(p.artifact() + "-" + p.newer());
                if (!label.equals(prepared)) {
                    checkout(p, work);
                    prepared = label;
                    baseline = null;
                    if (testMaps) {
                        String e = compile(work, out);
                        if (e != null) {
                            throw new IllegalStateException(label + ": the unmodified release does not compile:\n" + e);
                        }
                        recordTestMap(work);
                    }
                }
                if ((isolate || b.get("failing") == null) && baseline == null) {
                    // no recorded failing classes (a run stopped before its summary), or the bug is to be
                    // isolated: run vB's suite once, then the bug's, as a full run does
                    String e = compile(work, out);
                    if (e != null) {
                        throw new IllegalStateException(label + ": the unmodified release does not compile:\n" + e);
                    }
                    long t0 = System.nanoTime();
                    baseline = runTests(work, out, TimeUnit.MINUTES.toMillis(10));
                    baselineMillis = (System.nanoTime() - t0) / 1_000_000;
                    if (baseline.timedOut || baseline.tests == 0) {
                        throw new IllegalStateException(label + ": the baseline test run timed out or reported no test");
                    }
                }
                String file = (String) b.get("file");
                boolean mutant = label.endsWith(" mutants");
                String path = mutant ? file.substring(0, file.indexOf(':')) : file;
                String rel = "src/main/java/" + path;
                Path f = work.resolve(rel);
                byte[] fixed = Files.readAllBytes(f);
                byte[] variant;
                if (mutant) {
                    variant = null;
                    for (Mutants.Mutant m : Mutants.all(new String(fixed, StandardCharsets.UTF_8))) {
                        if ((path + ":" + m.line() + " " + m.from() + "→" + m.to()).equals(file)) {
                            variant = m.source().getBytes(StandardCharsets.UTF_8);
                        }
                    }
                    if (variant == null) {
                        log("   %s %s: the mutant cannot be made again, skipped", label, file);
                        continue;
                    }
                } else {
                    variant = Files.readAllBytes(dir.resolve("trees").resolve(p.artifact() + "-" + p.older())
                            .resolve("src/main/java").resolve(path));
                }
                try {
                    Files.write(f, variant);
                    String e = compile(work, out);
                    if (e != null) {
                        log("   %s %s: does not compile now, skipped", label, file);
                        continue;
                    }
                    Set<String> failing = new TreeSet<>();
                    if (b.get("failing") != null) {
                        failing.addAll((List<String>) b.get("failing"));
                    } else {
                        TestRun r = runTests(work, out, TimeUnit.MINUTES.toMillis(15));
                        for (String t : r.failed) {
                            if (!baseline.failed.contains(t)) {
                                failing.add(JUnitXmlReport.classOf(t));
                            }
                        }
                        if (failing.isEmpty()) {
                            log("   %s %s: no test fails in this run, skipped", label, file);
                            continue;
                        }
                    }
                    if (confirm && !mutant) {
                        // as a full run does: a class that fails once and not again failed for another reason than
                        // the revert (a timing-dependent test on a busy machine)
                        Set<String> flaky = notReproduced(work, out, failing, Set.of(), TimeUnit.MINUTES.toMillis(15));
                        if (!flaky.isEmpty()) {
                            flakyLeftOut += flaky.size();
                            log("   %-58s fail once, not again (left out as flaky): %s", file, flaky);
                            failing.removeAll(flaky);
                            if (failing.isEmpty()) {
                                log("   %s %s: no failing class fails again, skipped", label, file);
                                continue;
                            }
                        }
                    }
                    if (isolate && !mutant) {
                        RecallFigures.Bug isolatedBug = isolated(label, file, failing, work, out, rel, fixed, variant,
                                baseline, baselineMillis * 5 + 60_000);
                        if (isolatedBug != null) {
                            bugs.add(isolatedBug);
                        }
                    } else {
                        bugs.add(planned(label, file, failing, work, rel));
                    }
                } finally {
                    Files.write(f, fixed);
                }
            }
            budget.addAll(budgetBugs);
            replanned.put(kind, report(("realBugs".equals(kind) ? "Real bugs" : "Mutants") + " of " + results
                    + (isolate && "realBugs".equals(kind) ? ", isolated (the hunks of each revert that make its tests fail)"
                    : ", planned again"), bugs, budget, List.copyOf(classLevelBugs), Map.of(), pairs));
        }
        // with every bug's failing classes, so that the next --replan of it runs no suite
        Path out = dir.resolve(isolate ? "isolate-results.json" : "replan-results.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
                .writeValue(out.toFile(), replanned);
        if (confirm) {
            System.out.println("(failing classes left out as flaky, passing when run again with the revert: " + flakyLeftOut + ")");
        }
        System.out.println("(every bug: " + out + ")");
    }

    /**
     * Cuts a real bug down to the hunks of its revert that make its tests fail, as Defects4J isolates a fix from the
     * refactorings and features committed with it: each hunk holding code is reverted alone and the bug's failing
     * classes are run; the hunks after which one of them fails are the bug. Their union is reverted, the whole suite
     * run again (its failing classes, failing twice, are the isolated bug's) and planned. When no hunk alone makes a
     * failing class fail (the bug needs two hunks together), or the union does not compile or fails nothing, the
     * whole file is kept, and the label says so — with those of its failing classes that fail again when its suite
     * runs once more (none: the bug was a flaky test alone, and null is returned).
     */
    private RecallFigures.Bug isolated(String label, String file, Set<String> failing, Path work, Path out, String rel,
                                       byte[] fixed, byte[] reverted, TestRun baseline, long timeoutMillis)
            throws IOException, InterruptedException {
        Path f = work.resolve(rel);
        BugIsolation iso = new BugIsolation(new String(fixed, StandardCharsets.UTF_8), new String(reverted, StandardCharsets.UTF_8));
        List<BugIsolation.Hunk> hunks = iso.hunks();
        List<Integer> bugHunks = new ArrayList<>();
        int code = 0;
        int compiling = 0;
        for (BugIsolation.Hunk h : hunks) {
            if (!h.code()) {
                continue;
            }
            code++;
            Files.writeString(f, iso.revert(List.of(h.index())), StandardCharsets.UTF_8);
            if (compile(work, out) != null) {
                continue;
            }
            compiling++;
            TestRun r = runTests(work, out, timeoutMillis, failing);
            if (!r.timedOut && r.failed.stream().anyMatch(t -> !baseline.failed.contains(t))) {
                bugHunks.add(h.index());
            }
        }
        String why = null;
        Set<String> isolatedFailing = new TreeSet<>();
        if (bugHunks.isEmpty()) {
            why = "no hunk alone makes a failing class fail";
        } else {
            Files.writeString(f, iso.revert(bugHunks), StandardCharsets.UTF_8);
            if (compile(work, out) != null) {
                why = "the failing hunks together do not compile";
            } else {
                TestRun r = runTests(work, out, timeoutMillis);
                if (r.timedOut || r.tests == 0) {
                    why = "the suite with the failing hunks timed out or crashed";
                } else {
                    r.failed.stream().filter(t -> !baseline.failed.contains(t)).map(JUnitXmlReport::classOf)
                            .forEach(isolatedFailing::add);
                    isolatedFailing.removeAll(notReproduced(work, out, isolatedFailing, baseline.failed, timeoutMillis));
                    if (isolatedFailing.isEmpty()) {
                        why = "the failing hunks together fail no test twice";
                    }
                }
            }
        }
        if (why != null) {
            Files.write(f, reverted);
            if (compile(work, out) != null) {
                throw new IllegalStateException(label + " " + file + ": the whole revert compiled before, not now");
            }
            // the whole revert's failing classes, run again: those that pass failed for another reason
            Set<String> kept = new TreeSet<>(failing);
            Set<String> flaky = notReproduced(work, out, failing, baseline.failed, timeoutMillis);
            kept.removeAll(flaky);
            if (kept.isEmpty()) {
                log("   %-58s not isolated (%d hunks, %d with code, %d compile alone): %s; with the whole file, %s "
                        + "fail once and not again: left out as flaky", file, hunks.size(), code, compiling, why, flaky);
                return null;
            }
            log("   %-58s not isolated (%d hunks, %d with code, %d compile alone): %s; the whole file is kept%s",
                    file, hunks.size(), code, compiling, why, flaky.isEmpty() ? "" : " (" + flaky + " left out as flaky)");
            return planned(label, file + " (whole file)", kept, work, rel);
        }
        List<Integer> lines = bugHunks.stream().map(i -> hunks.get(i).line()).toList();
        log("   %-58s isolated: %d of %d hunks with code (%d compile alone), at line(s) %s of vB; failing classes %s (whole file: %s)",
                file, bugHunks.size(), code, compiling, lines, isolatedFailing, failing);
        return planned(label, file + " [" + bugHunks.size() + " of " + code + " hunks]", isolatedFailing, work, rel);
    }

    /** Plans one bug at method level, class level and in budget mode, and logs it; the method-level figure. */
    private RecallFigures.Bug planned(String project, String label, Set<String> failing, Path work, String rel) {
        Selection s = selector.plan(SelectionRequest.safe(work, List.of(rel)));
        Set<String> selected = s.selected().stream().map(Selection.SelectedTest::test)
                .collect(Collectors.toCollection(TreeSet::new));
        RecallFigures.Bug bug = new RecallFigures.Bug(project, label, failing, selected, s.catalog().testClasses());
        Selection cl = classLevel.plan(SelectionRequest.safe(work, List.of(rel)));
        RecallFigures.Bug cb = new RecallFigures.Bug(project, label, failing, cl.selected().stream()
                .map(Selection.SelectedTest::test).collect(Collectors.toCollection(TreeSet::new)),
                cl.catalog().testClasses());
        classLevelBugs.add(cb);
        Selection nm = withoutMap.plan(SelectionRequest.safe(work, List.of(rel)));
        RecallFigures.Bug nb = new RecallFigures.Bug(project, label, failing, nm.selected().stream()
                .map(Selection.SelectedTest::test).collect(Collectors.toCollection(TreeSet::new)),
                nm.catalog().testClasses());
        WITHOUT_MAP.put(project + " " + label, nb);
        Selection budget = selector.plan(new SelectionRequest(work, List.of(rel), null,
                SelectionRequest.Mode.BUDGET, SelectionRequest.Budget.share(BUDGET), List.of(), null));
        budgetBugs.add(new RecallFigures.Bug(project, label, failing, budget.selected().stream()
                .map(Selection.SelectedTest::test).collect(Collectors.toCollection(TreeSet::new)),
                budget.catalog().testClasses()));
        log("   %-58s BUG: %d failing classes, recall %.2f, selected %d of %d (%.1f %%)%s; without the test map %d (%.1f %%)%s; class level %d (%.1f %%)%s; %s",
                label, failing.size(), bug.recall(), selected.size(), bug.catalogClasses(),
                100 * bug.share(), bug.missed().isEmpty() ? "" : ", MISSED " + bug.missed(),
                nb.selected().size(), 100 * nb.share(), nb.missed().isEmpty() ? "" : ", MISSED " + nb.missed(),
                cb.selected().size(), 100 * cb.share(), cb.missed().isEmpty() ? "" : ", MISSED " + cb.missed(),
                methodNote(s));
        return bug;
    }

    /**
     * Records the test map of the tree's commit (vB, built): each test class in a JVM of its own, its entered
     * methods kept in {@code .suiteflow/testmap/<commit>.json}, where the selector finds it for a change against
     * that commit.
     */
    private void recordTestMap(Path work) throws IOException, InterruptedException {
        if (!testMaps) {
            return;
        }
        List<String> tests = TestMapRecorder.testClasses(work);
        List<Path> cp = new ArrayList<>(List.of(work.resolve("src/main/resources"), work.resolve("src/test/resources")));
        cp.addAll(testClasspath);
        TestMapRecorder.Result r = TestMapRecorder.record(new TestMapRecorder.Options(work, cp, tests, 2,
                Duration.ofMinutes(10), List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", TEST_HEAP), null));
        log("   test map: %d test classes recorded (%d of them with failing tests: %s), %d not (%s), %d methods, %d line probes, in %.1f s",
                r.map().tests().size(), r.map().failedAtCommit().size(), r.map().failedAtCommit(),
                r.map().unrecorded().size(), r.map().unrecorded(), r.map().methods().size(), r.map().lines().size(),
                r.millis() / 1000.0);
    }

    /**
     * Compiles main (against the shared classpath: the projects' own dependencies are on it), then test sources,
     * into the tree's {@code target/classes} and {@code target/test-classes} (where the selector finds class files,
     * as after a Maven build); null, or the errors.
     */
    private String compile(Path work, Path out) throws IOException {
        deleteTree(out);
        deleteTree(work.resolve("target"));
        Files.createDirectories(out);
        String e = javac(work.resolve("src/main/java"), mainClasses(work), testClasspath);
        if (e != null) {
            return e;
        }
        List<Path> cp = new ArrayList<>(testClasspath);
        cp.add(0, mainClasses(work));
        return javac(work.resolve("src/test/java"), testClasses(work), cp);
    }

    private static Path mainClasses(Path work) {
        return work.resolve("target/classes");
    }

    private static Path testClasses(Path work) {
        return work.resolve("target/test-classes");
    }

    /** The selector's per-file note on the level it judged the change at. */
    private static String methodNote(Selection s) {
        String why = s.why();
        int at = why.indexOf(" at method level");
        if (at < 0) {
            at = why.indexOf(" at class level");
        }
        if (at < 0) {
            return "class level";
        }
        int start = why.lastIndexOf("; ", at);
        String note = why.substring(start < 0 ? 0 : start + 2);
        int end = note.indexOf("; ");
        return end < 0 ? note : note.substring(0, end);
    }

    /**
     * Lays vB out in {@code work} as a git checkout (one commit, {@code target/} ignored): each revert or mutant
     * is then the working copy's change against HEAD, which method-level selection diffs.
     */
    private void checkout(Pair p, Path work) throws IOException, InterruptedException {
        deleteTree(work);
        copyTree(dir.resolve("trees").resolve(p.artifact() + "-" + p.newer()), work);
        Files.writeString(work.resolve(".gitignore"), "target/\n.suiteflow/\n");
        git(work, "init", "-q");
        git(work, "add", "-A");
        git(work, "-c", "user.name=recall-bench", "-c", "user.email=recall-bench@localhost", "-c",
                "commit.gpgsign=false", "commit", "-q", "-m", p.newer());
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + dir + ": " + output);
        }
    }

    private String javac(Path src, Path dest, List<Path> classpath) throws IOException {
        Files.createDirectories(dest);
        List<String> args = new ArrayList<>(List.of("-nowarn", "-Xlint:none", "-proc:none", "-encoding", "UTF-8",
                "-d", dest.toString(), "-cp",
                classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator))));
        List<Path> sources;
        try (Stream<Path> s = Files.walk(src)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(errors, fm, null, args, null, fm.getJavaFileObjectsFromPaths(sources)).call();
            return ok ? null : errors.toString();
        }
    }

    /** tests: the test cases in the reports (0: the launcher died before writing any, e.g. of an OutOfMemoryError). */
    record TestRun(Set<String> failed, boolean timedOut, int tests) {
    }

    /** Heap of each test run: Commons Text's TextStringBuilderTest allocates a 1 GiB char[] outside its own OOM guard. */
    static final String TEST_HEAP = "-Xmx2g";

    /** Runs every test class in {@code out/test} with the JUnit Platform console launcher, in {@code work}. */
    private TestRun runTests(Path work, Path out, long timeoutMillis) throws IOException, InterruptedException {
        return runTests(work, out, timeoutMillis, Set.of());
    }

    /**
     * Runs the given test classes (none given: every test class of the build) with the JUnit Platform console
     * launcher, in {@code work}.
     */
    private TestRun runTests(Path work, Path out, long timeoutMillis, Set<String> classes)
            throws IOException, InterruptedException {
        Path reports = out.resolve("reports");
        deleteTree(reports); // an engine with nothing to run this time must not leave the last run's report behind
        // Everything on the JVM's own class path (not the launcher's --class-path): tests that read resources
        // through ClassLoader.getSystemClassLoader() must find them, as under Maven Surefire.
        List<Path> cp = new ArrayList<>(List.of(mainClasses(work), testClasses(work),
                work.resolve("src/main/resources"), work.resolve("src/test/resources")));
        cp.addAll(testClasspath);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", TEST_HEAP,
                "-cp", cp.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                "org.junit.platform.console.ConsoleLauncher", "execute", "--reports-dir", reports.toString(),
                "--disable-banner", "--details=none"));
        if (classes.isEmpty()) {
            cmd.addAll(List.of("--scan-classpath", testClasses(work).toString()));
        } else {
            classes.forEach(c -> cmd.addAll(List.of("--select-class", c)));
        }
        Process proc = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(out.resolve("tests.log").toFile()).start();
        running = proc;
        if (!proc.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            proc.descendants().forEach(ProcessHandle::destroyForcibly);
            proc.destroyForcibly().waitFor();
            return new TestRun(Set.of(), true, 0);
        }
        int tests = 0;
        if (Files.isDirectory(reports)) {
            try (Stream<Path> s = Files.list(reports)) {
                for (Path f : s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                    String xml = Files.readString(f, StandardCharsets.UTF_8);
                    for (int i = xml.indexOf("<testcase"); i >= 0; i = xml.indexOf("<testcase", i + 1)) {
                        tests++;
                    }
                }
            }
        }
        return new TestRun(JUnitXmlReport.failedTests(reports), false, tests);
    }

    private static Map<String, Object> report(String title, List<RecallFigures.Bug> bugs, List<RecallFigures.Bug> budget,
                                              List<RecallFigures.Bug> classLevel, Map<String, Counts> counts,
                                              List<Pair> pairs) throws IOException {
        System.out.println();
        System.out.println("## " + title);
        System.out.println();
        System.out.println("| pair | files differing | comments only | added/removed | revert does not compile "
                + "| no test fails | timeout or crash | bugs | test classes | baseline failures "
                + "| failed once, not again | minutes |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        counts.forEach((k, c) -> System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f |%n",
                k, c.differing, c.commentsOnly, c.addedOrRemoved, c.compileFails, c.noTestFails, c.timeouts,
                c.bugs, c.catalog, c.baselineFailing, c.flakyClasses, c.millis / 60000.0));

        System.out.println();
        System.out.println("| bug (file reverted) | pair | failing classes | caught | recall | selected | share "
                + "| without test map: caught | without test map: share | class level: caught | class level: share |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        List<RecallFigures.Bug> withoutMap = new ArrayList<>();
        for (int i = 0; i < bugs.size(); i++) {
            RecallFigures.Bug b = bugs.get(i);
            RecallFigures.Bug c = classLevel.get(i);
            RecallFigures.Bug n = WITHOUT_MAP.getOrDefault(b.project() + " " + b.file(), b);
            withoutMap.add(n);
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %d / %d | %.1f %% | %d | %.1f %% | %d | %.1f %% |%n", simple(b.file()), b.project(),
                    b.failing().size(), b.failing().size() - b.missed().size(), b.recall(), b.selected().size(),
                    b.catalogClasses(), 100 * b.share(), n.failing().size() - n.missed().size(), 100 * n.share(),
                    c.failing().size() - c.missed().size(), 100 * c.share());
        }
        System.out.println();
        for (RecallFigures.Bug b : bugs) {
            if (!b.missed().isEmpty()) {
                System.out.println("MISSED by " + b.project() + " " + b.file() + ": " + b.missed());
            }
        }

        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, List<RecallFigures.Bug>> byProject = new LinkedHashMap<>();
        for (Pair p : pairs) {
            byProject.computeIfAbsent(p.artifact(), k -> new ArrayList<>());
        }
        for (RecallFigures.Bug b : bugs) {
            byProject.get(artifactOf(b)).add(b);
        }
        summaryHead(null);
        Map<String, Object> perProject = new LinkedHashMap<>();
        byProject.forEach((k, v) -> {
            RecallFigures.Summary s = RecallFigures.Summary.of(v);
            printSummary(k, s);
            perProject.put(k, s);
        });
        RecallFigures.Summary all = RecallFigures.Summary.of(bugs);
        printSummary("**all**", all);
        RecallFigures.Summary classSummary = RecallFigures.Summary.of(classLevel);
        RecallFigures.Summary withoutMapSummary = RecallFigures.Summary.of(withoutMap);
        summaryHead("The same bugs at method level without the test map (the call graph alone):");
        Map<String, List<RecallFigures.Bug>> withoutMapByProject = new LinkedHashMap<>();
        for (RecallFigures.Bug b : withoutMap) {
            withoutMapByProject.computeIfAbsent(artifactOf(b), k -> new ArrayList<>()).add(b);
        }
        withoutMapByProject.forEach((k, v) -> printSummary(k, RecallFigures.Summary.of(v)));
        printSummary("without test map", withoutMapSummary);
        summaryHead("The same bugs at class level (sources alone, or no git base to diff against):");
        printSummary("class level", classSummary);
        RecallFigures.Summary inBudget = RecallFigures.Summary.of(budget);
        summaryHead("Budget mode at " + BUDGET + " of the test classes, same bugs:");
        printSummary("budget " + BUDGET, inBudget);
        json.put("title", title);
        json.put("pairs", pairs.stream().map(Pair::label).toList());
        json.put("counts", counts);
        json.put("perProject", perProject);
        json.put("overall", all);
        json.put("budget" + BUDGET, inBudget);
        json.put("classLevel", classSummary);
        json.put("withoutTestMap", withoutMapSummary);
        json.put("bugs", bugs.stream().sorted(Comparator.comparing(RecallFigures.Bug::project)).map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pair", b.project());
            m.put("file", b.file());
            m.put("failing", b.failing());
            m.put("missed", b.missed());
            m.put("recall", b.recall());
            m.put("selected", b.selected().size());
            m.put("selectedClasses", b.selected());
            m.put("catalog", b.catalogClasses());
            m.put("share", b.share());
            return m;
        }).toList());
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("overall", all);
        summary.put("perProject", perProject);
        summary.put("budget" + BUDGET, inBudget);
        summary.put("classLevel", classSummary);
        summary.put("withoutTestMap", withoutMapSummary);
        System.out.println();
        System.out.println(om.writeValueAsString(summary));
        return json;
    }

    /** A blank line, the intro (if any) and a blank line, then the head of a summary table. */
    private static void summaryHead(String intro) {
        System.out.println();
        if (intro != null) {
            System.out.println(intro);
            System.out.println();
        }
        System.out.println("| project | bugs | mean recall | min recall | bugs at 100 % | failing classes caught "
                + "| mean share | median share |");
        System.out.println("|---|---|---|---|---|---|---|---|");
    }

    private static void printSummary(String name, RecallFigures.Summary s) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.2f | %.0f %% | %d / %d | %.1f %% | %.1f %% |%n", name,
                s.bugs(), s.meanRecall(), s.minRecall(), 100 * s.fullRecallShare(), s.caughtClasses(),
                s.failingClasses(), 100 * s.meanShare(), 100 * s.medianShare());
    }

    /** The artifactId of a bug's project label ({@code commons-cli 1.7.0→1.8.0} → {@code commons-cli}). */
    private static String artifactOf(RecallFigures.Bug b) {
        return b.project().substring(0, b.project().indexOf(' '));
    }

    /** The file name of a label, with {@code |} escaped for a Markdown table. */
    private static String simple(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replace("|", "\\|");
    }

    private static String firstLine(String s) {
        String l = s.lines().filter(x -> x.contains("error:")).findFirst().orElse(s.lines().findFirst().orElse(""));
        int i = l.indexOf("error:");
        return i < 0 ? l : l.substring(i);
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.delete(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
