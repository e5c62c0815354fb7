package dev.suiteflow.selector.testmap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.suiteflow.selector.methods.CallGraph;
import dev.suiteflow.selector.methods.ClassModel;

/**
 * Which methods of the main code each test class entered, recorded at one git commit (see {@link TestMapRecorder}):
 * each test class ran in a JVM of its own, so static initialisers and objects built once per JVM count for every
 * test class that needed them. Kept as {@code .suiteflow/testmap/<commit>.json} in the workspace.
 *
 * <p>A method-level change is narrowed with it: of the test classes the call graph says can reach a changed
 * method, only those that entered it in their recorded run can run its new code — a method body's change
 * shows only where the method is called. When methods were added to or removed from the changed file's classes
 * since (dispatch may now pick another method), or the change is in a lambda or an anonymous class (their
 * compiled names shift), the test classes that entered any code of the file's classes are kept instead.
 */
public final class TestMap {

    /** 2: line probes added ({@link #lines()}, {@link #linesRun()}); a map of format 1 is still read, methods only. */
    public static final int FORMAT = 2;

    private final int format;
    private final String revision;
    private final String recordedAt;
    private final List<String> methods;
    private final Set<String> classes;
    private final Set<String> skippedClasses;
    private final Map<String, int[]> tests;
    private final Map<String, String> unrecorded;
    private final List<String> lines;
    private final Set<String> linelessClasses;
    private final Map<String, String> linesRun;
    private final Set<String> failedAtCommit;

    private Map<String, Integer> ids;
    private Map<Integer, BitSet> testsByMethod;
    private Map<String, BitSet> testsByTopLevel;
    private Map<String, List<String>> methodsByOwner;
    private Set<String> instrumentedTops;
    private List<String> testNames;
    private Map<String, TreeMap<Integer, Integer>> lineIdsByTop;
    private List<BitSet> linesByTest;

    @JsonCreator
    public TestMap(@JsonProperty("format") int format, @JsonProperty("revision") String revision,
                   @JsonProperty("recordedAt") String recordedAt, @JsonProperty("methods") List<String> methods,
                   @JsonProperty("classes") Set<String> classes,
                   @JsonProperty("skippedClasses") Set<String> skippedClasses,
                   @JsonProperty("tests") Map<String, int[]> tests,
                   @JsonProperty("unrecorded") Map<String, String> unrecorded,
                   @JsonProperty("lines") List<String> lines,
                   @JsonProperty("linelessClasses") Set<String> linelessClasses,
                   @JsonProperty("linesRun") Map<String, String> linesRun,
                   @JsonProperty("failedAtCommit") Set<String> failedAtCommit) {
        this.format = format;
        this.revision = revision;
        this.recordedAt = recordedAt;
        this.methods = methods == null ? List.of() : List.copyOf(methods);
        this.classes = classes == null ? Set.of() : new TreeSet<>(classes);
        this.skippedClasses = skippedClasses == null ? Set.of() : new TreeSet<>(skippedClasses);
        this.tests = tests == null ? Map.of() : new TreeMap<>(tests);
        this.unrecorded = unrecorded == null ? Map.of() : new TreeMap<>(unrecorded);
        this.lines = lines == null ? List.of() : List.copyOf(lines);
        this.linelessClasses = linelessClasses == null ? Set.of() : new TreeSet<>(linelessClasses);
        this.linesRun = linesRun == null ? Map.of() : new TreeMap<>(linesRun);
        this.failedAtCommit = failedAtCommit == null ? Set.of() : new TreeSet<>(failedAtCommit);
    }

    @JsonProperty public int format() { return format; }
    @JsonProperty public String revision() { return revision; }
    @JsonProperty public String recordedAt() { return recordedAt; }
    @JsonProperty public List<String> methods() { return methods; }
    @JsonProperty public Set<String> classes() { return classes; }
    @JsonProperty public Set<String> skippedClasses() { return skippedClasses; }
    /** Test class (binary name) → ids of the methods it entered. */
    @JsonProperty public Map<String, int[]> tests() { return tests; }
    /** Test classes whose run did not give a usable record (timed out, the JVM died), with why: never narrowed. */
    @JsonProperty public Map<String, String> unrecorded() { return unrecorded; }
    /** Line probes by id: {@code a/b/Top:line} (one per top-level class and source line). */
    @JsonProperty public List<String> lines() { return lines; }
    /** Classes instrumented with method probes only (class version before Java 7, or too large). */
    @JsonProperty public Set<String> linelessClasses() { return linelessClasses; }
    /** Test class → the ids of the line probes its run hit, as a Base64 {@link BitSet#toByteArray() bit set}. */
    @JsonProperty public Map<String, String> linesRun() { return linesRun; }
    /**
     * Recorded test classes whose tests failed at the commit: their record holds where each run went until it
     * failed, and a change that touches none of it leaves them failing the same way.
     */
    @JsonProperty public Set<String> failedAtCommit() { return failedAtCommit; }

    /** The commit's first seven characters, for notes and reasons. */
    public String shortRevision() {
        return revision.substring(0, Math.min(7, revision.length()));
    }

    /** Where the map of {@code commit} lives in {@code workspace}. */
    public static Path file(Path workspace, String commit) {
        return workspace.resolve(".suiteflow").resolve("testmap").resolve(commit + ".json");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static TestMap read(Path file) throws IOException {
        TestMap m = JSON.readValue(file.toFile(), TestMap.class);
        if (m.format != FORMAT && m.format != 1) {
            throw new IOException(file + " has format " + m.format + ", this selector reads " + FORMAT
                    + ": record it again (./suiteflow testmap)");
        }
        return m;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether the test class has a usable record (a test class missing from the map is never narrowed). */
    public boolean recorded(String testClass) {
        return tests.containsKey(testClass);
    }

    /**
     * The recorded test classes that can run a change of one source file's methods, and how that was decided.
     *
     * @param tests the test classes whose recorded run entered the changed code
     * @param how   for the plan's notes ({@code "entered Foo.parse(String)"}, or why the whole file counts)
     */
    public record Narrowing(Set<String> tests, String how) {
    }

    /**
     * Narrows a change of one source file to the recorded test classes that can run its new code.
     *
     * <ul>
     *   <li>a changed method that existed at the map's commit: the test classes that entered it;</li>
     *   <li>a lambda's body ({@code lambda$parse$0}, whose number shifts): those that entered a method of its class
     *       with the enclosing method's name (the lambda is created there; {@code static} → {@code <clinit>},
     *       {@code new} → {@code <init>});</li>
     *   <li>a method of an anonymous or local class ({@code Outer$1}): those that entered code of the named class
     *       around it (the instance is created there);</li>
     *   <li>an added method: those that entered a method of the same name in its class or a workspace supertype
     *       (it may now override what they called, or be picked by overload resolution at recompiled call sites);
     *       when the class also extends a type outside the workspace, or the name is one of {@code Object}'s, those
     *       that entered any code of its class;</li>
     *   <li>a removed method (at the map's commit, gone now): those that entered it (their calls now go
     *       elsewhere).</li>
     * </ul>
     *
     * And where a changed method's change lies inside statements of its body ({@code witness}), only the test
     * classes that ran a line of those statements at the map's commit are kept for it: its new code runs only where
     * the old statement around it ran. Used when every class of the file was recorded with line probes; otherwise
     * the method as a whole counts.
     *
     * @param fileClasses the file's classes as compiled now
     * @param changed     the changed methods' keys ({@code owner.name+desc}), as method-level selection found them
     * @param witness     changed method key → base-version line ranges ({@code [from, to]}) that any run of its new
     *                    code must pass through; a key without ranges counts as a whole
     * @param calls       the workspace's call graph, for class hierarchies
     * @return null when the map cannot judge the file: none of its classes was instrumented at the map's commit
     * (a new file, test code), one of them could not be, or a changed method belongs to a class the map does not
     * cover
     */
    public Narrowing narrow(List<ClassModel> fileClasses, Set<String> changed, Map<String, List<int[]>> witness,
                            CallGraph calls) {
        index();
        Set<String> tops = new TreeSet<>();
        fileClasses.forEach(c -> tops.add(c.topLevel()));
        for (String c : skippedClasses) {
            if (tops.contains(topLevel(c))) {
                return null;
            }
        }
        if (tops.stream().noneMatch(instrumentedTops::contains)) {
            return null;
        }
        Set<String> now = new TreeSet<>();
        for (ClassModel c : fileClasses) {
            for (ClassModel.MethodModel m : c.methods().values()) {
                if (m.hasCode()) {
                    now.add(m.key());
                }
            }
        }
        BitSet hit = new BitSet();
        Set<String> how = new java.util.LinkedHashSet<>();
        for (String key : changed) {
            String owner = owner(key);
            String name = name(key);
            if (!instrumentedTops.contains(topLevel(owner)) && !tops.contains(topLevel(owner))) {
                return null; // e.g. an override in test code: nobody recorded who entered it
            }
            String outer = namedOuter(owner);
            List<int[]> ranges = witness.get(key);
            if (ranges != null && !ranges.isEmpty() && linesCover(tops)) {
                ranRange(tops, ranges, hit);
                how.add((stable(key) ? display(key) : "code of " + display(outer)) + " at " + describe(ranges));
                continue;
            }
            if (!outer.equals(owner)) {
                enteredClass(outer, hit);
                how.add("code of " + display(outer));
            } else if (name.startsWith("lambda$") && name.lastIndexOf('$') > "lambda$".length()) {
                String enclosing = name.substring("lambda$".length(), name.lastIndexOf('$'));
                enclosing = enclosing.equals("static") ? "<clinit>" : enclosing.equals("new") ? "<init>" : enclosing;
                enteredNamed(owner, enclosing, hit);
                how.add(display(owner) + "." + enclosing + "(…)");
            } else if (name.indexOf('$') >= 0) {
                enteredTopLevel(topLevel(owner), hit); // another synthetic member: its whole file
                how.add("code of " + display(topLevel(owner)));
            } else if (ids.containsKey(key)) {
                entered(key, hit);
                how.add(display(key));
            } else {
                added(owner, name, calls, hit, how);
            }
        }
        // removed since the map's commit: whoever called them now runs something else
        for (Map.Entry<String, List<String>> byOwner : methodsByOwner.entrySet()) {
            if (tops.contains(topLevel(byOwner.getKey()))) {
                for (String key : byOwner.getValue()) {
                    if (!now.contains(key) && stable(key)) {
                        entered(key, hit);
                        how.add(display(key) + " (removed)");
                    }
                }
            }
        }
        Set<String> out = new TreeSet<>();
        for (int i = hit.nextSetBit(0); i >= 0; i = hit.nextSetBit(i + 1)) {
            out.add(testNames.get(i));
        }
        return new Narrowing(out, "entered " + String.join(", ", how));
    }

    /** Whether every class of these top-level classes was recorded with line probes. */
    private boolean linesCover(Set<String> tops) {
        if (lines.isEmpty()) {
            return false; // format 1, or nothing had lines
        }
        for (String c : linelessClasses) {
            if (tops.contains(topLevel(c))) {
                return false;
            }
        }
        return true;
    }

    /** Adds the test classes whose run hit a line probe of these top-level classes inside one of the ranges. */
    private void ranRange(Set<String> tops, List<int[]> ranges, BitSet hit) {
        BitSet probes = new BitSet();
        for (String top : tops) {
            TreeMap<Integer, Integer> byLine = lineIdsByTop.get(top);
            if (byLine == null) {
                continue;
            }
            for (int[] r : ranges) {
                byLine.subMap(r[0], true, r[1], true).values().forEach(probes::set);
            }
        }
        for (int t = 0; t < linesByTest.size(); t++) {
            BitSet run = linesByTest.get(t);
            if (run == null || run.intersects(probes)) {
                hit.set(t); // no line record for it (cannot happen in a format-2 map): kept
            }
        }
    }

    private static String describe(List<int[]> ranges) {
        List<String> out = new ArrayList<>();
        for (int[] r : ranges) {
            out.add(r[0] == r[1] ? "line " + r[0] : "lines " + r[0] + "–" + r[1]);
        }
        return String.join(", ", out);
    }

    /** An added method {@code owner.name}: who may now reach it instead of what they called before. */
    private void added(String owner, String name, CallGraph calls, BitSet hit, Set<String> how) {
        boolean outside = OBJECT_METHODS.contains(name);
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(owner));
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            String c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            enteredNamed(c, name, hit);
            ClassModel m = calls.classModel(c);
            if (m == null) {
                outside |= !c.equals("java/lang/Object");
                continue;
            }
            if (m.superName() != null) {
                todo.add(m.superName());
            }
            todo.addAll(m.interfaces());
        }
        if (outside) {
            enteredClass(owner, hit);
            how.add("code of " + display(owner) + " (" + name + " added)");
        } else {
            how.add(display(owner) + "." + name + "(…) or what it overrides (added)");
        }
    }

    private static final Set<String> OBJECT_METHODS = Set.of("toString", "equals", "hashCode", "clone", "finalize");

    private void entered(String key, BitSet hit) {
        Integer id = ids.get(key);
        BitSet t = id == null ? null : testsByMethod.get(id);
        if (t != null) {
            hit.or(t);
        }
    }

    private void enteredNamed(String owner, String name, BitSet hit) {
        for (String key : methodsByOwner.getOrDefault(owner, List.of())) {
            if (name(key).equals(name)) {
                entered(key, hit);
            }
        }
    }

    private void enteredClass(String owner, BitSet hit) {
        for (String key : methodsByOwner.getOrDefault(owner, List.of())) {
            entered(key, hit);
        }
    }

    private void enteredTopLevel(String top, BitSet hit) {
        BitSet t = testsByTopLevel.get(top);
        if (t != null) {
            hit.or(t);
        }
    }

    /** The named class around an anonymous or local one ({@code a/Outer$Inner$1} → {@code a/Outer$Inner}). */
    static String namedOuter(String owner) {
        int slash = owner.lastIndexOf('/');
        for (int i = owner.indexOf('$', slash + 1); i >= 0; i = owner.indexOf('$', i + 1)) {
            if (i + 1 < owner.length() && Character.isDigit(owner.charAt(i + 1))) {
                return owner.substring(0, i);
            }
        }
        return owner;
    }

    static String name(String key) {
        return key.substring(owner(key).length() + 1, key.indexOf('('));
    }

    private synchronized void index() {
        if (ids != null) {
            return;
        }
        Map<String, Integer> byKey = new HashMap<>();
        Map<String, List<String>> byOwner = new HashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            byKey.put(methods.get(i), i);
            byOwner.computeIfAbsent(owner(methods.get(i)), k -> new ArrayList<>()).add(methods.get(i));
        }
        Map<Integer, BitSet> byMethod = new HashMap<>();
        Map<String, BitSet> byTop = new HashMap<>();
        List<String> names = new ArrayList<>(tests.keySet());
        for (int t = 0; t < names.size(); t++) {
            for (int id : tests.get(names.get(t))) {
                if (id < 0 || id >= methods.size()) {
                    continue;
                }
                byMethod.computeIfAbsent(id, k -> new BitSet()).set(t);
                byTop.computeIfAbsent(topLevel(owner(methods.get(id))), k -> new BitSet()).set(t);
            }
        }
        Set<String> tops = new TreeSet<>();
        classes.forEach(c -> tops.add(topLevel(c)));
        Map<String, TreeMap<Integer, Integer>> byLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int colon = l.lastIndexOf(':');
            byLine.computeIfAbsent(l.substring(0, colon), k -> new TreeMap<>()).put(Integer.parseInt(l.substring(colon + 1)), i);
        }
        List<BitSet> runs = new ArrayList<>();
        for (String t : names) {
            String b = linesRun.get(t);
            runs.add(b == null ? null : BitSet.valueOf(java.util.Base64.getDecoder().decode(b)));
        }
        lineIdsByTop = byLine;
        linesByTest = runs;
        instrumentedTops = tops;
        methodsByOwner = byOwner;
        testNames = names;
        testsByMethod = byMethod;
        testsByTopLevel = byTop;
        ids = byKey;
    }

    /**
     * A method whose compiled name is the same from one compilation to the next: not a lambda's body
     * ({@code lambda$parse$0}), an accessor or other synthetic member ({@code access$000}, {@code $values}), nor a
     * member of an anonymous or local class ({@code Outer$1}, {@code Outer$1Helper}), whose numbers shift when
     * one is added above.
     */
    static boolean stable(String key) {
        String owner = owner(key);
        String name = key.substring(owner.length() + 1, key.indexOf('('));
        if (name.indexOf('$') >= 0) {
            return false;
        }
        int slash = owner.lastIndexOf('/');
        String simple = owner.substring(slash + 1);
        for (int i = simple.indexOf('$'); i >= 0; i = simple.indexOf('$', i + 1)) {
            if (i + 1 < simple.length() && Character.isDigit(simple.charAt(i + 1))) {
                return false;
            }
        }
        return true;
    }

    static String owner(String key) {
        return key.substring(0, key.indexOf('.'));
    }

    static String topLevel(String internal) {
        int slash = internal.lastIndexOf('/');
        int dollar = internal.indexOf('$', slash + 1);
        return dollar < 0 ? internal : internal.substring(0, dollar);
    }

    private static String simple(String internal) {
        return internal.substring(internal.lastIndexOf('/') + 1);
    }

    /** {@code Foo.parse(…)}, {@code Foo.<init>(…)}; a class name alone: {@code Foo.Inner}. */
    private static String display(String key) {
        if (key.indexOf('.') < 0) {
            return simple(key).replace('$', '.');
        }
        String owner = owner(key);
        String rest = key.substring(owner.length() + 1);
        return simple(owner).replace('$', '.') + "." + rest.substring(0, rest.indexOf('(')) + "(…)";
    }

    /** Builds a map: the tests' entered ids by test class, plus what could not be recorded. */
    static TestMap of(String revision, String recordedAt, Instrumenter.Result instrumented,
                      Map<String, int[]> tests, Map<String, BitSet> linesRun, Map<String, String> unrecorded,
                      Set<String> failedAtCommit) {
        Map<String, String> encoded = new LinkedHashMap<>();
        linesRun.forEach((t, b) -> encoded.put(t, java.util.Base64.getEncoder().encodeToString(b.toByteArray())));
        return new TestMap(FORMAT, revision, recordedAt, instrumented.methods(), instrumented.classes(),
                instrumented.skippedClasses(), new LinkedHashMap<>(tests), new LinkedHashMap<>(unrecorded),
                instrumented.lines(), instrumented.linelessClasses(), encoded, failedAtCommit);
    }
}
