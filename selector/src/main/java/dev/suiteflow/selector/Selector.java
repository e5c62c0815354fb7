package dev.suiteflow.selector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.suiteflow.selector.Selection.SelectedTest;
import dev.suiteflow.selector.SelectionRequest.Budget;
import dev.suiteflow.selector.SelectionRequest.Mode;
import dev.suiteflow.selector.index.FileFacts;
import dev.suiteflow.selector.index.IndexStore;
import dev.suiteflow.selector.index.SourceRoots;
import dev.suiteflow.selector.index.TypeGraph;
import dev.suiteflow.selector.index.TypeGraph.Edge;
import dev.suiteflow.selector.index.TypeGraph.Node;
import dev.suiteflow.selector.methods.CallGraph;
import dev.suiteflow.selector.methods.ChangedMethods;
import dev.suiteflow.selector.methods.ClassModel;
import dev.suiteflow.selector.methods.MethodIndex;
import dev.suiteflow.selector.testmap.TestMap;

/**
 * Impact-based test selection from sources alone. One instance keeps the parsed index of every workspace it has
 * seen (the warm cache), so a second plan on the same checkout re-parses only the files that changed since.
 * Thread-safe: plans run one at a time.
 */
public final class Selector {

    /** Scores: the changed test itself, a direct use, then {@value #DECAY} less per further step. */
    static final double SELF = 1.0;
    static final double INHERITED_SELF = 0.95;
    static final double DIRECT = 0.9;
    static final double DECAY = 0.75;
    static final double FLOOR = 0.05;
    static final double THROUGH_SUPERTYPE = 0.6;
    static final double BY_STRING = 0.85;
    static final double RULE = 0.3;
    static final double SAME_PATH = 0.3;
    static final double SIBLING_PATH = 0.2;
    static final double FAILURE_WEIGHT = 0.3;
    static final double CO_CHANGE_WEIGHT = 0.25;
    static final int CO_CHANGE_FULL = 10;
    /** Method-level reach: a test method calling a changed method scores {@link #DIRECT}, this much less per further call. */
    static final double CALL_DECAY = 0.85;

    private final IndexStore store;
    private final boolean methodLevel;
    private final boolean testMaps;
    /** Test maps read, by file: its modification time and size, and the map. */
    private final Map<Path, Map.Entry<List<Object>, TestMap>> maps = new HashMap<>();
    private final MethodIndex methodIndex = new MethodIndex();
    /**
     * What a file's change touches, by workspace, path, base commit, diff and call graph (the base and the diff
     * fix the new content): re-planning the same change does not parse both versions again.
     */
    private final Map<List<Object>, ChangedMethods.Result> changedMethods = lru(256);
    /**
     * Files as they were at a base commit, by workspace, commit and path (empty: not there). A commit's files never
     * change, and the next change of a file is usually measured from the same base: one {@code git show} per file.
     */
    private final Map<List<Object>, Optional<String>> baseSources = lru(64);
    private Object graphKey;
    private TypeGraph graph;
    private final Map<Path, Map.Entry<String, GitCoChange>> coChange = new HashMap<>();

    /** Keeps indexes in memory only. */
    public Selector() {
        this(null);
    }

    /** @param cacheDir where indexes survive between processes; null for memory only */
    public Selector(Path cacheDir) {
        this(cacheDir, true);
    }

    /**
     * @param cacheDir    where indexes survive between processes; null for memory only
     * @param methodLevel whether a built git checkout narrows a changed {@code .java} file to its changed methods
     *                    (false: class level always, as from sources alone)
     */
    public Selector(Path cacheDir, boolean methodLevel) {
        this(cacheDir, methodLevel, methodLevel);
    }

    /**
     * @param testMaps whether method-level selection narrows further with the test map recorded at the diff's base
     *                 commit, when the workspace has one ({@code .suiteflow/testmap/<commit>.json}, see
     *                 {@link dev.suiteflow.selector.testmap.TestMapRecorder})
     */
    public Selector(Path cacheDir, boolean methodLevel, boolean testMaps) {
        this.store = new IndexStore(cacheDir);
        this.methodLevel = methodLevel;
        this.testMaps = methodLevel && testMaps;
    }

    /** {@code $XDG_CACHE_HOME/suiteflow/selector}, else {@code ~/.cache/suiteflow/selector}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("suiteflow").resolve("selector");
    }

    /** The index and graph of a workspace, as the last plan (or this call) built them. */
    public synchronized TypeGraph graph(Path workspace) throws IOException {
        IndexStore.WorkspaceIndex index = store.index(workspace);
        return graphFor(index, Map.of());
    }

    public synchronized Selection plan(SelectionRequest req) {
        Path ws = workspace(req.workspace());
        List<String> changed = new ArrayList<>(normalise(ws, req.changed()));
        if (req.range() != null && !req.range().isBlank()) {
            for (String f : Git.changedFiles(ws, req.range().trim())) {
                if (!changed.contains(f)) {
                    changed.add(f);
                }
            }
        }
        Set<String> manifests = new TreeSet<>(normalise(ws, req.manifests()));

        IndexStore.WorkspaceIndex index;
        try {
            index = store.index(ws);
        } catch (IOException e) {
            throw new SelectionException("cannot read the workspace " + ws + ": " + e.getMessage());
        }
        Map<String, String> phantoms = phantoms(index.files(), changed);
        TypeGraph g = graphFor(index, phantoms);
        // one `git rev-parse HEAD` per plan: the co-change history's key and, with no range, the diff's base
        String head = insideGitCheckout(ws) ? Git.head(ws) : null;
        MethodContext methods = methodLevel ? new MethodContext(ws, index, req.range(), head) : null;
        return new Plan(ws, g, changed, manifests, req, history(ws, g, req.history(), head), methods).run();
    }

    private TypeGraph graphFor(IndexStore.WorkspaceIndex index, Map<String, String> phantoms) {
        List<Object> key = List.of(index.workspace(), index.version(), phantoms);
        if (!key.equals(graphKey)) {
            graph = TypeGraph.build(index.files(), index.classes(), phantoms);
            graphKey = key;
        }
        return graph;
    }

    private static Path workspace(Path workspace) {
        if (workspace == null || !Files.isDirectory(workspace)) {
            throw new SelectionException("workspace is not a directory: " + workspace);
        }
        try {
            return workspace.toRealPath();
        } catch (IOException e) {
            throw new SelectionException("workspace is not readable: " + workspace);
        }
    }

    /** Workspace-relative, {@code /}-separated paths; a path leaving the workspace is refused. */
    static List<String> normalise(Path ws, List<String> paths) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : paths) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            Path p = Path.of(raw.trim());
            Path rel;
            if (p.isAbsolute()) {
                Path abs = p.normalize();
                Path real = abs;
                try {
                    real = abs.toRealPath(); // follows symlinks when it exists
                } catch (IOException e) {
                    // a deleted file: judge the path as written
                }
                if (real.startsWith(ws)) {
                    rel = ws.relativize(real);
                } else if (abs.startsWith(ws)) {
                    rel = ws.relativize(abs);
                } else {
                    throw new SelectionException("changed path is outside the workspace: " + raw);
                }
            } else {
                rel = p.normalize();
            }
            String s = rel.toString().replace('\\', '/');
            if (s.isEmpty() || s.equals("..") || s.startsWith("../")) {
                throw new SelectionException("changed path is outside the workspace: " + raw);
            }
            out.add(s);
        }
        return new ArrayList<>(out);
    }

    /**
     * Types of changed .java files that no longer exist, or no longer declare a type (emptied, the class moved out),
     * named after their path ({@code .../java/a/b/Foo.java}).
     */
    private static Map<String, String> phantoms(Map<String, FileFacts> files, List<String> changed) {
        Map<String, String> out = new TreeMap<>();
        for (String c : changed) {
            FileFacts now = files.get(c);
            if (!c.endsWith(".java") || now != null && !now.types().isEmpty() || ignored(c)
                    || Set.of("package-info.java", "module-info.java").contains(SourceRoots.fileName(c))) {
                continue;
            }
            String p = "/" + c.substring(0, c.length() - ".java".length());
            int at = p.lastIndexOf("/java/");
            if (at >= 0) {
                out.put(p.substring(at + "/java/".length()).replace('/', '.'), c);
            }
        }
        return out;
    }

    static boolean ignored(String path) {
        for (String seg : path.split("/")) {
            if (IndexStore.SKIPPED_DIRS.contains(seg)) {
                return true;
            }
        }
        return false;
    }

    /** A map that keeps its {@code max} most recently used entries. */
    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /** {@code path} as it was at commit {@code base} (a full hash), or null when it did not exist there. */
    private String baseSource(Path ws, String base, String path) {
        List<Object> key = List.of(ws, base, path);
        Optional<String> source = baseSources.get(key);
        if (source == null) {
            byte[] bytes = Git.show(ws, base, path);
            source = Optional.ofNullable(bytes == null ? null : Plan.decode(bytes));
            baseSources.put(key, source);
        }
        return source.orElse(null);
    }

    private static boolean insideGitCheckout(Path ws) {
        for (Path p = ws; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    private TestHistory history(Path ws, TypeGraph g, TestHistory given, String head) {
        if (head == null) {
            return given;
        }
        Map.Entry<String, GitCoChange> cached = coChange.get(ws);
        if (cached == null || !cached.getKey().equals(head)) {
            cached = Map.entry(head, GitCoChange.read(ws));
            coChange.put(ws, cached);
        }
        GitCoChange git = cached.getValue();
        TestHistory fromGit = new TestHistory() {
            @Override
            public Runs runs(String test) {
                return null;
            }

            @Override
            public int coChanges(String testClass, String changedPath) {
                Node n = g.node(testClass);
                return n == null ? 0 : git.count(n.file, changedPath);
            }

            @Override
            public OptionalDouble durationSeconds(String test) {
                return OptionalDouble.empty();
            }
        };
        return TestHistory.combined(List.of(given, fromGit));
    }

    /**
     * What method-level selection needs, computed on first use: the diff base (the range's base, else HEAD) and
     * the workspace's call graph from its class files.
     */
    private final class MethodContext {
        private final Path ws;
        private final IndexStore.WorkspaceIndex index;
        private final String range;
        private final String head;
        private boolean resolved;
        private String base;
        private MethodIndex.Built built;
        private boolean mapResolved;
        private TestMap map;
        private String mapProblem;

        MethodContext(Path ws, IndexStore.WorkspaceIndex index, String range, String head) {
            this.ws = ws;
            this.index = index;
            this.range = range;
            this.head = head;
        }

        Map<List<Object>, ChangedMethods.Result> cache() {
            return changedMethods;
        }

        /** The file as it was at the diff's base, or null (not there). */
        String baseSource(String path) {
            return Selector.this.baseSource(ws, base, path);
        }

        /** False when there is nothing to work with (not a git checkout, or nothing built). */
        boolean available() {
            if (!resolved) {
                resolved = true;
                if (!index.classes().isEmpty() && head != null) {
                    base = range == null || range.isBlank() ? head : Git.base(ws, range);
                    if (base != null) {
                        built = methodIndex.graph(index);
                    }
                }
            }
            return built != null && built.graph() != null;
        }

        /** The test map recorded at the diff's base commit, or null (none, or not wanted). */
        TestMap testMap() {
            if (!mapResolved) {
                mapResolved = true;
                if (testMaps && base != null) {
                    Path file = TestMap.file(ws, base);
                    try {
                        map = Selector.this.readMap(file);
                    } catch (IOException | RuntimeException e) {
                        String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
                        mapProblem = "the test map " + ws.relativize(file) + " cannot be read (" + why
                                + "): not used";
                    }
                }
            }
            return map;
        }
    }

    /** A test map larger than this is not read (a 10 000-class suite of 50 000 methods stays far below). */
    static final long MAX_TEST_MAP_BYTES = 256L * 1024 * 1024;

    private TestMap readMap(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        long size = Files.size(file);
        if (size > MAX_TEST_MAP_BYTES) {
            throw new IOException("it is " + size / (1024 * 1024) + " MB, more than the "
                    + MAX_TEST_MAP_BYTES / (1024 * 1024) + " MB a map is allowed");
        }
        List<Object> stamp = List.of(Files.getLastModifiedTime(file), size);
        Map.Entry<List<Object>, TestMap> cached = maps.get(file);
        if (cached != null && cached.getKey().equals(stamp)) {
            return cached.getValue();
        }
        TestMap m = TestMap.read(file);
        maps.put(file, Map.entry(stamp, m));
        return m;
    }

    // ------------------------------------------------------------------------------------------------------

    /** What a seed of a reach is: a changed type, a supertype of a changed type, or a reader of a changed file. */
    private enum SeedKind { CHANGED, SUPERTYPE, READER }

    private record Seed(Node node, SeedKind kind, String via, String relation, String resource) {
    }

    /** One piece of evidence for a test class: a score, a reason, and the methods it is limited to (or null). */
    private record Evidence(double score, String reason, Set<String> methods) {
    }

    private static final class Plan {
        private final Path ws;
        private final TypeGraph g;
        private final List<String> changed;
        private final Set<String> manifests;
        private final SelectionRequest req;
        private final TestHistory history;
        private final List<Node> catalog;
        private final Map<String, List<Evidence>> evidence = new TreeMap<>();
        private final Map<String, String> selectAll = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private final MethodContext methods;
        /** While not null, class-level evidence is recorded for these test classes only. */
        private Set<String> onlyTests;
        private boolean staleNoted;

        Plan(Path ws, TypeGraph g, List<String> changed, Set<String> manifests, SelectionRequest req,
             TestHistory history, MethodContext methods) {
            this.methods = methods;
            this.ws = ws;
            this.g = g;
            this.changed = changed;
            this.manifests = manifests;
            this.req = req;
            this.history = history;
            this.catalog = g.nodes().stream().filter(Node::isTestClass).toList();
        }

        Selection run() {
            if (changed.isEmpty()) {
                selectAll.put("no change given", "no change given: everything runs");
            }
            for (String c : changed) {
                classify(c);
            }
            if (!selectAll.isEmpty()) {
                String reason = String.join("; ", selectAll.values());
                for (Node t : catalog) {
                    add(t, new Evidence(RULE, reason, null));
                }
            }
            List<SelectedTest> ranked = rank();
            List<SelectedTest> selected = ranked;
            List<SelectedTest> skipped = List.of();
            String budgetNote = "";
            if (req.mode() == Mode.BUDGET) {
                int keep = budgetCut(ranked, req.budget());
                selected = List.copyOf(ranked.subList(0, keep));
                skipped = List.copyOf(ranked.subList(keep, ranked.size()));
                budgetNote = "; budget " + describe(req.budget()) + ": kept " + selected.size() + " of "
                        + ranked.size() + ", skipped " + skipped.size();
            }
            int methods = catalog.stream().mapToInt(g::testMethodCount).sum();
            return new Selection(ws.toString(), req.mode().name().toLowerCase(Locale.ROOT),
                    new Selection.Catalog(catalog.size(), methods), List.copyOf(changed), selected, skipped,
                    !selectAll.isEmpty(), why(ranked) + budgetNote);
        }

        private String why(List<SelectedTest> ranked) {
            StringBuilder sb = new StringBuilder();
            if (!selectAll.isEmpty()) {
                sb.append(String.join("; ", selectAll.values()));
            } else {
                long classes = ranked.stream().map(SelectedTest::test).distinct().count();
                sb.append(changed.size()).append(changed.size() == 1 ? " changed file reaches " : " changed files reach ")
                        .append(classes).append(" of ").append(catalog.size()).append(" test classes");
            }
            for (String n : notes) {
                sb.append("; ").append(n);
            }
            return sb.toString();
        }

        // ---- classification of each changed file ------------------------------------------------------

        private void classify(String path) {
            String name = SourceRoots.fileName(path);
            if (ignored(path)) {
                notes.add(path + " is build output or VCS data: ignored");
                return;
            }
            if (isBuildFile(path, name)) {
                selectAll.put(path, path + " is a build file: a change to it can affect every test");
                return;
            }
            if (name.endsWith(".suiteflow.yaml") || name.endsWith(".suiteflow.yml") || manifests.contains(path)) {
                selectAll.put(path, path + " is a Suiteflow manifest: every test runs");
                return;
            }
            if (("/" + path).contains("/testutil/")) {
                selectAll.put(path, path + " is shared test code (testutil): every test may depend on it");
                return;
            }
            if (path.endsWith(".java")) {
                javaChange(path);
            } else {
                otherChange(path, name);
            }
        }

        private static boolean isBuildFile(String path, String name) {
            return name.equals("pom.xml") || name.startsWith("build.gradle") || name.startsWith("settings.gradle")
                    || name.equals("gradle.properties") || ("/" + path).contains("/.mvn/");
        }

        private void javaChange(String path) {
            List<Node> nodes = g.nodesOfFile(path);
            if (nodes.isEmpty()) {
                notes.add(path + " declares no type the selector can place: no test selected for it");
                return;
            }
            if (methodLevel(path, nodes.get(0).pkg)) {
                return;
            }
            Set<String> reachedTests = new TreeSet<>();
            boolean declaresTests = false;
            for (Node n : nodes) {
                declaresTests |= n.hasTests();
                reachedTests.addAll(reach(new Seed(n, SeedKind.CHANGED, null, null, null)));
                for (Map.Entry<String, String> sup : supertypes(n).entrySet()) {
                    Node s = g.node(sup.getKey());
                    if (!s.file.equals(path)) {
                        reach(new Seed(s, SeedKind.SUPERTYPE, n.simpleName, sup.getValue(), null));
                    }
                }
            }
            Node first = nodes.get(0);
            if (first.testSource && !declaresTests && catalog.size() > 0 && reachedTests.size() * 2 > catalog.size()) {
                selectAll.put(path, "shared test infrastructure: " + first.simpleName + " is used by "
                        + reachedTests.size() + " of " + catalog.size() + " test classes");
            }
        }

        // ---- method level -----------------------------------------------------------------------------------

        /**
         * Narrows a changed {@code .java} file to its changed methods when the workspace is a built git checkout:
         * the test classes whose methods can call one of them (see {@link CallGraph}). False when the change
         * cannot be pinned to methods; the caller then selects at class level.
         */
        private boolean methodLevel(String path, String pkg) {
            if (methods == null || !methods.available()) {
                String why = methods == null || methods.built == null ? null : methods.built.unavailable();
                if (why != null && !staleNoted) { // built, but stale: say so once
                    staleNoted = true;
                    notes.add("class level only: " + why);
                }
                return false;
            }
            CallGraph calls = methods.built.graph();
            String name = SourceRoots.fileName(path);
            List<ClassModel> fileClasses = MethodIndex.classesOf(calls, pkg, name);
            for (ClassModel c : fileClasses) {
                if (c.framework() != null && !SourceRoots.isTestSource(path, pkg)) {
                    notes.add(name + " at class level: " + c.name().substring(c.name().lastIndexOf('/') + 1)
                            + " carries " + c.framework() + ": a framework may create it and call it with no call "
                            + "site in the bytecode");
                    return false;
                }
            }
            String diff = Git.diff(ws, methods.base, path);
            if (diff == null || fileClasses.isEmpty()) {
                return false; // not known to git, or never compiled: class level
            }
            List<Object> key = List.of(ws, path, methods.base, diff, calls);
            ChangedMethods.Result r = methods.cache().get(key);
            if (r == null) {
                String old = methods.baseSource(path);
                if (old == null) {
                    return false; // a new file: class level
                }
                String now;
                try {
                    now = decode(Files.readAllBytes(ws.resolve(path)));
                } catch (IOException e) {
                    return false;
                }
                r = ChangedMethods.of(diff, old, now, fileClasses, calls);
                methods.cache().put(key, r);
            }
            if (r.unknown() != null) {
                notes.add(name + " at class level: " + r.unknown());
                return false;
            }
            CallGraph.Reach reach = calls.reach(r.methods());
            TestMap map = methods.testMap();
            if (methods.mapProblem != null && !notes.contains(methods.mapProblem)) {
                notes.add(methods.mapProblem);
            }
            TestMap.Narrowing narrowing = map == null ? null : map.narrow(fileClasses, r.recordedChanges(), r.witness(), calls);
            int dropped = 0;
            Set<String> dependents = dependents(g.nodesOfFile(path));
            Set<String> uncompiled = new TreeSet<>();
            int reached = 0;
            Map<String, List<ClassModel>> byTopLevel = new HashMap<>();
            for (ClassModel c : calls.classes()) {
                byTopLevel.computeIfAbsent(c.topLevel(), k -> new ArrayList<>()).add(c);
            }
            for (Node t : catalog) {
                if (!dependents.contains(t.fqn)) {
                    // no chain of type references leads from it to the file's types: it cannot create, call or
                    // load them, whatever class-hierarchy dispatch allows (another implementation runs there)
                    continue;
                }
                String internal = (t.pkg.isEmpty() ? "" : t.pkg.replace('.', '/') + "/") + t.simpleName;
                List<ClassModel.MethodModel> roots = roots(calls, byTopLevel.getOrDefault(internal, List.of()));
                if (roots.isEmpty()) {
                    uncompiled.add(t.fqn);
                    continue;
                }
                Evidence e = methodEvidence(calls, reach, internal, roots);
                if (e != null) {
                    if (narrowing != null && map.recorded(t.fqn) && !narrowing.tests().contains(t.fqn)) {
                        dropped++; // its recorded run never entered the changed code: the change cannot show there
                        continue;
                    }
                    if (narrowing != null && map.recorded(t.fqn)) {
                        e = new Evidence(e.score(), e.reason() + "; entered the changed code in its recorded run at "
                                + map.shortRevision(), e.methods());
                    }
                    add(t, e);
                    reached++;
                }
            }
            notes.add(name + " at method level: " + (r.members().isEmpty() ? "no code changed"
                    : String.join(", ", r.members()) + " changed") + ", reached by " + reached + " test class"
                    + (reached == 1 ? "" : "es"));
            if (narrowing != null) {
                notes.add("test map of " + map.shortRevision() + " for " + name + ": " + (dropped == 0
                        ? "every test class the call graph reaches " + narrowing.how() + " in its recorded run"
                        : dropped + " test class" + (dropped == 1 ? "" : "es") + " the call graph reaches left out, "
                        + "their recorded runs never " + narrowing.how()));
            } else if (map != null) {
                notes.add("test map of " + map.shortRevision()
                        + " not used for " + name + ": its classes were not recorded there");
            }
            if (!uncompiled.isEmpty()) {
                // test classes with no class file: what their sources use, at class level
                onlyTests = uncompiled;
                try {
                    for (Node n : g.nodesOfFile(path)) {
                        reach(new Seed(n, SeedKind.CHANGED, null, null, null));
                    }
                } finally {
                    onlyTests = null;
                }
                notes.add(uncompiled.size() + " test class" + (uncompiled.size() == 1 ? " has" : "es have")
                        + " no class file: judged at class level for " + name);
            }
            return true;
        }

        /** The types that reference one of {@code nodes}, directly or through others (the nodes included). */
        private Set<String> dependents(List<Node> nodes) {
            Set<String> seen = new java.util.HashSet<>();
            ArrayDeque<Node> queue = new ArrayDeque<>();
            for (Node n : nodes) {
                if (seen.add(n.fqn)) {
                    queue.add(n);
                }
            }
            while (!queue.isEmpty()) {
                for (String dependent : queue.poll().in().keySet()) {
                    if (seen.add(dependent)) {
                        queue.add(g.node(dependent));
                    }
                }
            }
            return seen;
        }

        /**
         * The methods a test class runs: those of its class files (itself and its nested classes) and of their
         * workspace supertypes.
         */
        private static List<ClassModel.MethodModel> roots(CallGraph calls, List<ClassModel> own) {
            List<ClassModel.MethodModel> out = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (ClassModel c : own) {
                for (String cls : concat(c.name(), calls.ancestors(c.name()))) {
                    ClassModel k = calls.classModel(cls);
                    if (k != null && seen.add(cls)) {
                        out.addAll(k.methods().values());
                    }
                }
            }
            return out;
        }

        private static List<String> concat(String first, Set<String> rest) {
            List<String> out = new ArrayList<>();
            out.add(first);
            out.addAll(rest);
            return out;
        }

        private Evidence methodEvidence(CallGraph calls, CallGraph.Reach reach, String internal,
                                        List<ClassModel.MethodModel> roots) {
            ClassModel.MethodModel best = null;
            int bestDist = Integer.MAX_VALUE;
            boolean wholeClass = false;
            Set<String> testMethods = new TreeSet<>();
            for (ClassModel.MethodModel m : roots) {
                Integer d = reach.dist().get(m.key());
                if (d == null) {
                    continue;
                }
                if (d < bestDist || (d == bestDist && m.isTest() && (best == null || !best.isTest()))) {
                    best = m;
                    bestDist = d;
                }
                boolean nested = m.owner().startsWith(internal + "$");
                if (m.isTest() && !nested) {
                    testMethods.add(m.name());
                } else {
                    wholeClass = true;
                }
            }
            if (best == null) {
                return null;
            }
            List<String> path = reach.path(best.key());
            String changedName = display(calls, path.get(path.size() - 1));
            String reason;
            double score;
            boolean own = best.owner().equals(internal) || best.owner().startsWith(internal + "$");
            if (bestDist == 0) {
                reason = own ? "its own code changed: " + changedName : "inherits " + changedName + ", changed";
                score = own ? SELF : INHERITED_SELF;
            } else if (bestDist == 1) {
                reason = "calls " + changedName + ", changed" + (own ? "" : " (in inherited " + display(calls, best.key()) + ")");
                score = DIRECT;
            } else {
                List<String> via = new ArrayList<>();
                for (String k : path.subList(1, path.size() - 1)) {
                    via.add(display(calls, k));
                }
                if (via.size() > 4) {
                    via = List.of(via.get(0), via.get(1), "…", via.get(via.size() - 2), via.get(via.size() - 1));
                }
                reason = "calls " + changedName + " through " + String.join(" → ", via) + " (" + bestDist
                        + " calls, compiled code), changed";
                score = DIRECT * Math.pow(CALL_DECAY, bestDist - 1);
            }
            return new Evidence(Math.max(FLOOR, score), reason, wholeClass || testMethods.isEmpty() ? null : testMethods);
        }

        /** {@code Parser.parse(String[])}, {@code new Parser}, {@code Parser.parse (lambda)}. */
        private static String display(CallGraph calls, String key) {
            ClassModel.MethodModel m = calls.method(key);
            if (m == null) {
                return key;
            }
            String owner = m.owner().substring(m.owner().lastIndexOf('/') + 1).replace('$', '.');
            if (m.name().equals("<init>")) {
                return "new " + owner;
            }
            if (m.name().equals("<clinit>")) {
                return owner + " (static initialiser)";
            }
            if (m.name().startsWith("lambda$")) {
                String[] parts = m.name().split("\\$");
                return owner + "." + (parts.length > 1 ? parts[1] : m.name()) + " (lambda)";
            }
            List<String> params = new ArrayList<>();
            for (org.objectweb.asm.Type a : org.objectweb.asm.Type.getArgumentTypes(m.desc())) {
                String cn = a.getClassName();
                params.add(cn.substring(cn.lastIndexOf('.') + 1).replace('$', '.'));
            }
            return owner + "." + m.name() + "(" + String.join(", ", params) + ")";
        }

        private static String decode(byte[] bytes) {
            try {
                return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }

        /** Workspace supertypes of a type, transitively, with "implemented by" or "extended by". */
        private Map<String, String> supertypes(Node n) {
            Map<String, String> out = new LinkedHashMap<>();
            ArrayDeque<Node> queue = new ArrayDeque<>(List.of(n));
            while (!queue.isEmpty()) {
                Node cur = queue.poll();
                for (String s : cur.supertypes()) {
                    Node sup = g.node(s);
                    if (sup == null || sup == n || out.containsKey(s)) {
                        continue;
                    }
                    boolean impl = cur.out().getOrDefault(s, Set.of()).contains(Edge.IMPLEMENTS)
                            || (cur != n && "implemented by".equals(out.get(cur.fqn)));
                    out.put(s, impl ? "implemented by" : "extended by");
                    queue.add(sup);
                }
            }
            return out;
        }

        private void otherChange(String path, String name) {
            List<Node> readers = new ArrayList<>();
            for (Node n : g.nodes()) {
                for (String lit : n.resourceLiterals()) {
                    if (resourceMatches(path, lit)) {
                        readers.add(n);
                        break;
                    }
                }
            }
            if (!readers.isEmpty()) {
                Set<String> reached = new TreeSet<>();
                for (Node r : readers) {
                    reached.addAll(reach(new Seed(r, SeedKind.READER, null, null, path)));
                }
                if (("/" + path).contains("/src/test/resources/") && reached.size() * 2 > catalog.size()) {
                    selectAll.put(path, "shared test data: " + path + " is read by " + reached.size() + " of "
                            + catalog.size() + " test classes");
                }
                return;
            }
            fallback(path, name);
        }

        static boolean resourceMatches(String path, String literal) {
            String l = literal.trim();
            if (l.startsWith("classpath:")) {
                l = l.substring("classpath:".length());
            }
            while (l.startsWith("/")) {
                l = l.substring(1);
            }
            if (l.startsWith("./")) {
                l = l.substring(2);
            }
            return !l.isEmpty() && (path.equals(l) || path.endsWith("/" + l));
        }

        /** No code names the file: tests near it (same or sibling directory or package path), and co-change. */
        private void fallback(String path, String name) {
            String dir = SourceRoots.directory(path);
            String pkgPath = SourceRoots.packagePath(path);
            int found = 0;
            boolean anySame = catalog.stream().anyMatch(t -> SourceRoots.directory(t.file).equals(dir)
                    || (!pkgPath.isEmpty() && t.pkg.replace('.', '/').equals(pkgPath)));
            for (Node t : catalog) {
                String tDir = SourceRoots.directory(t.file);
                String tPkg = t.pkg.replace('.', '/');
                String reason = null;
                double score = 0;
                if (tDir.equals(dir) || (!pkgPath.isEmpty() && tPkg.equals(pkgPath))) {
                    reason = "sits in the same " + (tDir.equals(dir) ? "directory" : "package path") + " as "
                            + name + ", changed (path proximity: no code names " + name + ")";
                    score = SAME_PATH;
                } else if (!anySame && (sibling(tDir, dir) || (!pkgPath.isEmpty() && sibling(tPkg, pkgPath)))) {
                    reason = "sits in a sibling " + (sibling(tDir, dir) ? "directory" : "package path") + " of "
                            + name + ", changed (path proximity: no code names " + name + ")";
                    score = SIBLING_PATH;
                }
                int together = history.coChanges(t.fqn, path);
                if (reason == null && together > 0) {
                    reason = "changed together with " + name + " in " + together + " commit"
                            + (together == 1 ? "" : "s") + " (co-change: no code names " + name + ")";
                    score = coChangeScore(together);
                }
                if (reason != null) {
                    add(t, new Evidence(score, reason, null));
                    found++;
                }
            }
            if (found == 0) {
                notes.add("no code names " + path + ", and no test sits near it or changed with it: no test selected for it");
            }
        }

        private static boolean sibling(String a, String b) {
            return !a.isEmpty() && !b.isEmpty() && !a.equals(b)
                    && SourceRoots.parent(a).equals(SourceRoots.parent(b)) && !SourceRoots.parent(a).isEmpty();
        }

        // ---- reach through the reverse graph --------------------------------------------------------------

        /** Walks the dependents of a seed breadth-first and records evidence for every test class reached. */
        private Set<String> reach(Seed seed) {
            Map<String, Integer> dist = new HashMap<>();
            Map<String, String> next = new HashMap<>();
            ArrayDeque<Node> queue = new ArrayDeque<>();
            dist.put(seed.node().fqn, 0);
            queue.add(seed.node());
            while (!queue.isEmpty()) {
                Node u = queue.poll();
                int d = dist.get(u.fqn);
                for (Map.Entry<String, Set<Edge>> e : u.in().entrySet()) {
                    if (dist.containsKey(e.getKey())) {
                        continue;
                    }
                    if (d == 0 && seed.kind() == SeedKind.SUPERTYPE && onlyInheritance(e.getValue())) {
                        continue; // another implementation of the supertype: the change does not reach it
                    }
                    dist.put(e.getKey(), d + 1);
                    next.put(e.getKey(), u.fqn);
                    queue.add(g.node(e.getKey()));
                }
            }
            Set<String> tests = new TreeSet<>();
            for (Map.Entry<String, Integer> e : dist.entrySet()) {
                Node t = g.node(e.getKey());
                if (!t.isTestClass() || (e.getValue() == 0 && seed.kind() == SeedKind.SUPERTYPE)) {
                    continue;
                }
                List<Node> path = new ArrayList<>();
                for (String cur = t.fqn; cur != null; cur = next.get(cur)) {
                    path.add(g.node(cur));
                }
                add(t, evidence(path, seed, dist));
                tests.add(t.fqn);
            }
            return tests;
        }

        private static boolean onlyInheritance(Set<Edge> kinds) {
            for (Edge k : kinds) {
                if (k != Edge.EXTENDS && k != Edge.IMPLEMENTS && k != Edge.SAME_FILE) {
                    return false;
                }
            }
            return true;
        }

        private Evidence evidence(List<Node> path, Seed seed, Map<String, Integer> dist) {
            Node t = path.get(0);
            int k = path.size() - 1;
            if (k == 0) {
                return seed.kind() == SeedKind.READER
                        ? new Evidence(INHERITED_SELF, "reads " + seed.resource() + ", changed", null)
                        : new Evidence(SELF, "is the changed test itself", null);
            }
            Node first = path.get(1);
            Set<Edge> kinds = t.out().get(first.fqn);
            boolean inherited = (kinds.contains(Edge.EXTENDS) || kinds.contains(Edge.IMPLEMENTS)) && first.hasTests();
            String seedName = seed.node().simpleName;
            String suffix = switch (seed.kind()) {
                case CHANGED -> "changed";
                case SUPERTYPE -> seed.relation() + " " + seed.via() + ", changed";
                case READER -> "which reads " + seed.resource() + ", changed";
            };
            boolean compiled = compiledOnly(path);
            String target = seedName + (compiled ? " (compiled code)" : "") + ", " + suffix;
            String steps = compiled ? " steps, compiled code), " : " steps), ";
            String reason;
            int effective;
            if (inherited) {
                String verb = kinds.contains(Edge.EXTENDS) ? "extends " : "implements ";
                effective = k - 1;
                if (k == 1) {
                    reason = verb + (seed.kind() == SeedKind.READER
                            ? first.simpleName + ", whose tests read " + seed.resource() + ", changed"
                            : target);
                } else if (k == 2) {
                    reason = verb + first.simpleName + ", whose tests call " + target;
                } else {
                    reason = verb + first.simpleName + ", whose tests use " + seedName + " through "
                            + names(path.subList(2, k)) + " (" + (k - 1) + steps + suffix;
                }
            } else {
                effective = k;
                if (k == 1) {
                    String verb = seed.kind() == SeedKind.CHANGED ? verb(kinds) : "uses";
                    reason = verb.equals("names")
                            ? "names " + seedName + " in a string (reflection or configuration), changed"
                            : verb + " " + target;
                } else {
                    reason = "uses " + seedName + " through " + names(path.subList(1, k)) + " (" + k + steps
                            + suffix;
                }
            }
            double score = effective == 0 ? INHERITED_SELF : DIRECT * Math.pow(DECAY, effective - 1);
            if (seed.kind() == SeedKind.SUPERTYPE) {
                score *= THROUGH_SUPERTYPE;
            }
            if (kinds.equals(Set.of(Edge.STRING))) {
                score *= BY_STRING;
            }
            return new Evidence(Math.max(FLOOR, score), reason, inherited ? null : methods(t, seed, dist));
        }

        /**
         * The test methods the change is limited to, or null for the whole class: only when every dependency
         * of the test that leads to the seed is used inside test method bodies and nowhere else.
         */
        private Set<String> methods(Node t, Seed seed, Map<String, Integer> dist) {
            Set<String> methods = new TreeSet<>();
            for (String d : t.out().keySet()) {
                if (!dist.containsKey(d) || (seed.kind() == SeedKind.SUPERTYPE && d.equals(seed.node().fqn)
                        && onlyInheritance(t.out().get(d)))) {
                    continue;
                }
                if (t.usedAtClassLevel(d)) {
                    return null;
                }
                methods.addAll(t.methodsUsing(d));
            }
            return methods.isEmpty() ? null : methods;
        }

        /** Whether a step of the path exists only in compiled code (no source edge between the two types). */
        private static boolean compiledOnly(List<Node> path) {
            for (int i = 0; i + 1 < path.size(); i++) {
                if (path.get(i).out().getOrDefault(path.get(i + 1).fqn, Set.of()).equals(Set.of(Edge.COMPILED))) {
                    return true;
                }
            }
            return false;
        }

        private static String verb(Set<Edge> kinds) {
            Edge strongest = kinds.stream().min(Comparator.naturalOrder()).orElse(Edge.USES);
            return switch (strongest) {
                case EXTENDS -> "extends";
                case IMPLEMENTS -> "implements";
                case IMPORTS -> "imports";
                case STATIC_IMPORT -> "statically imports";
                case USES -> "uses";
                case STRING -> "names";
                case SAME_FILE -> "shares a file with";
                case COMPILED -> "uses";
            };
        }

        private static String names(List<Node> nodes) {
            return String.join(", ", nodes.stream().map(n -> n.simpleName).toList());
        }

        private void add(Node test, Evidence e) {
            if (onlyTests != null && !onlyTests.contains(test.fqn)) {
                return;
            }
            evidence.computeIfAbsent(test.fqn, k -> new ArrayList<>()).add(e);
        }

        // ---- ranking ----------------------------------------------------------------------------------------

        private List<SelectedTest> rank() {
            List<SelectedTest> out = new ArrayList<>();
            for (Map.Entry<String, List<Evidence>> e : evidence.entrySet()) {
                String test = e.getKey();
                List<Evidence> all = e.getValue();
                boolean whole = all.stream().anyMatch(x -> x.methods() == null);
                if (whole) {
                    out.add(entry(test, null, all));
                } else {
                    Set<String> methods = new TreeSet<>();
                    all.forEach(x -> methods.addAll(x.methods()));
                    for (String m : methods) {
                        out.add(entry(test, m, all.stream().filter(x -> x.methods().contains(m)).toList()));
                    }
                }
            }
            out.sort(Comparator.comparingDouble(SelectedTest::score).reversed()
                    .thenComparing(s -> namedAfterAChange(s.test()) ? 0 : 1)
                    .thenComparing(SelectedTest::test)
                    .thenComparing(s -> s.method() == null ? "" : s.method()));
            return out;
        }

        /**
         * A tie-break of equal scores: a test class named after a changed file ({@code ParserTest},
         * {@code ParserTests}, {@code TestParser}, {@code ParserIT} for {@code Parser.java}) first — by convention
         * the class that tests it, and the one a regression test for its bug goes into.
         */
        private boolean namedAfterAChange(String test) {
            String simple = test.substring(test.lastIndexOf('.') + 1);
            for (String c : changed) {
                if (!c.endsWith(".java")) {
                    continue;
                }
                String name = SourceRoots.fileName(c);
                name = name.substring(0, name.length() - ".java".length());
                if (simple.equals(name + "Test") || simple.equals(name + "Tests") || simple.equals("Test" + name)
                        || simple.equals(name + "IT") || simple.equals(name + "TestCase")) {
                    return true;
                }
            }
            return false;
        }

        private SelectedTest entry(String test, String method, List<Evidence> list) {
            List<String> reasons = new ArrayList<>();
            double miss = 1;
            for (Evidence x : list) {
                if (!reasons.contains(x.reason())) {
                    reasons.add(x.reason());
                }
                miss *= 1 - x.score();
            }
            String id = method == null ? test : test + "#" + method;
            TestHistory.Runs runs = history.runs(id);
            if (runs != null && runs.runs() > 0 && runs.failures() > 0) {
                reasons.add("failed " + runs.failures() + " of the last " + runs.runs() + " runs");
                miss *= 1 - FAILURE_WEIGHT * Math.min(1.0, (double) runs.failures() / runs.runs());
            }
            for (String c : changed) {
                int together = history.coChanges(test, c);
                String line = "changed together with " + SourceRoots.fileName(c) + " in " + together + " commit"
                        + (together == 1 ? "" : "s");
                if (together > 0 && reasons.stream().noneMatch(r -> r.startsWith(line))) {
                    reasons.add(line);
                    miss *= 1 - coChangeScore(together);
                }
            }
            double score = Math.round((1 - miss) * 1000) / 1000.0;
            return new SelectedTest(test, method, Math.min(1.0, Math.max(0.0, score)), List.copyOf(reasons));
        }

        private static double coChangeScore(int together) {
            return CO_CHANGE_WEIGHT * Math.min(1.0, (double) together / CO_CHANGE_FULL);
        }

        // ---- budget ------------------------------------------------------------------------------------------

        /** How many entries from the top of the ranking fit the budget (a prefix: the first that does not fit ends it). */
        private int budgetCut(List<SelectedTest> ranked, Budget budget) {
            if (budget.share() != null) {
                int limit = Math.max(1, (int) Math.floor(budget.share() * catalog.size() + 1e-9));
                Set<String> classes = new LinkedHashSet<>();
                for (int i = 0; i < ranked.size(); i++) {
                    String cls = ranked.get(i).test();
                    if (!classes.contains(cls) && classes.size() >= limit) {
                        return i;
                    }
                    classes.add(cls);
                }
                return ranked.size();
            }
            List<Double> known = new ArrayList<>();
            for (SelectedTest s : ranked) {
                history.durationSeconds(s.id()).ifPresent(known::add);
            }
            if (known.isEmpty() && !ranked.isEmpty()) {
                throw new SelectionException("a time budget needs test durations from the history, and none is "
                        + "known: use a share of the catalog such as --budget 0.2");
            }
            double mean = known.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double used = 0;
            for (int i = 0; i < ranked.size(); i++) {
                double d = history.durationSeconds(ranked.get(i).id()).orElse(mean);
                if (used + d > budget.seconds() + 1e-9) {
                    return i;
                }
                used += d;
            }
            return ranked.size();
        }

        private String describe(Budget b) {
            if (b.share() != null) {
                int limit = Math.max(1, (int) Math.floor(b.share() * catalog.size() + 1e-9));
                return b.share() + " of " + catalog.size() + " test classes = " + limit;
            }
            return Objects.toString(b.seconds()) + " s";
        }
    }
}
