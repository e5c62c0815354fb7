package dev.suiteflow.selector.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The class-level dependency graph of a workspace: one node per top-level type (nested types belong to their
 * top-level type), an edge from a type to every workspace type it extends, implements, imports, uses, names in a
 * string or shares a file with, and the reverse of every edge. Names are resolved the way javac looks them up:
 * types of the same file, single-type imports, the same package, on-demand imports; anything else (the JDK,
 * libraries) is not part of the workspace and is ignored.
 *
 * <p>When the workspace has been built, the types each class file references (its constant pool, descriptors and
 * signatures: also the return types of calls the source never names) add {@link Edge#COMPILED} edges between
 * known types that the sources do not already connect. Source edges stay; bytecode only adds. A class file older
 * than the source file of its type is stale and ignored.
 */
public final class TypeGraph {

    /** Why one type depends on another, strongest first. */
    public enum Edge { EXTENDS, IMPLEMENTS, IMPORTS, STATIC_IMPORT, USES, STRING, SAME_FILE,
        /** Found only in the compiled class file (no source edge between the two types). */
        COMPILED }

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Z][\\w$]*");

    /** One top-level type. {@code facts} is null for a phantom (a deleted file's type, known from its path). */
    public static final class Node {
        public final String fqn;
        public final String simpleName;
        public final String pkg;
        public final String file;
        public final FileFacts.TypeFacts facts;
        public final boolean testSource;
        final Map<String, Set<Edge>> out = new TreeMap<>();
        final Map<String, Set<Edge>> in = new TreeMap<>();
        /** Targets used outside test method bodies (or in a way that cannot be pinned to a method). */
        final Set<String> classLevelUses = new TreeSet<>();
        /** Target → the own test methods whose bodies use it. */
        final Map<String, Set<String>> methodUses = new TreeMap<>();
        final List<String> supertypes = new ArrayList<>();
        boolean hasTests;

        Node(String fqn, String simpleName, String pkg, String file, FileFacts.TypeFacts facts, boolean testSource) {
            this.fqn = fqn;
            this.simpleName = simpleName;
            this.pkg = pkg;
            this.file = file;
            this.facts = facts;
            this.testSource = testSource;
        }

        public Map<String, Set<Edge>> out() {
            return out;
        }

        public Map<String, Set<Edge>> in() {
            return in;
        }

        public List<String> supertypes() {
            return supertypes;
        }

        /** Declares test methods or inherits them. */
        public boolean hasTests() {
            return hasTests;
        }

        /** A runnable test class: in a test source root, concrete, with own or inherited test methods. */
        public boolean isTestClass() {
            return testSource && hasTests && facts != null && !facts.isAbstract();
        }

        public boolean usedAtClassLevel(String target) {
            return classLevelUses.contains(target);
        }

        public Set<String> methodsUsing(String target) {
            return methodUses.getOrDefault(target, Set.of());
        }

        public List<String> resourceLiterals() {
            if (facts == null) {
                return List.of();
            }
            return facts.strings().stream().filter(JavaSourceParser::isResourceName).toList();
        }
    }

    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, String> nestedOwner = new HashMap<>();
    private final Map<String, List<String>> bySimpleName = new HashMap<>();
    private final Map<String, List<Node>> byFile = new TreeMap<>();

    private TypeGraph() {
    }

    public Node node(String fqn) {
        return nodes.get(fqn);
    }

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public List<Node> nodesOfFile(String path) {
        return byFile.getOrDefault(path, List.of());
    }

    /** Builds the graph of an index, plus phantom types for deleted files (fqn → path). */
    public static TypeGraph build(Map<String, FileFacts> files, Map<String, String> phantoms) {
        return build(files, Map.of(), phantoms);
    }

    /**
     * Builds the graph of an index with the compiled classes of the workspace (class-file path → facts), plus
     * phantom types for deleted files (fqn → path).
     */
    public static TypeGraph build(Map<String, FileFacts> files, Map<String, ClassFacts> classes,
                                  Map<String, String> phantoms) {
        TypeGraph g = new TypeGraph();
        for (FileFacts f : files.values()) {
            String prefix = f.pkg().isEmpty() ? "" : f.pkg() + ".";
            boolean test = SourceRoots.isTestSource(f.path(), f.pkg());
            for (FileFacts.TypeFacts t : f.types()) {
                String fqn = prefix + t.name();
                if (g.nodes.containsKey(fqn)) {
                    continue; // the same type twice (a copy in another module): the first one stands for both
                }
                Node n = new Node(fqn, t.name(), f.pkg(), f.path(), t, test);
                g.nodes.put(fqn, n);
                g.byFile.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(n);
                g.bySimpleName.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(fqn);
                for (String nested : t.nested()) {
                    g.nestedOwner.putIfAbsent(fqn + "." + nested, fqn);
                }
            }
        }
        phantoms.forEach((fqn, path) -> {
            if (!g.nodes.containsKey(fqn)) {
                int dot = fqn.lastIndexOf('.');
                Node n = new Node(fqn, fqn.substring(dot + 1), dot < 0 ? "" : fqn.substring(0, dot), path, null,
                        SourceRoots.isTestSource(path, dot < 0 ? "" : fqn.substring(0, dot)));
                g.nodes.put(fqn, n);
                g.byFile.computeIfAbsent(path, k -> new ArrayList<>()).add(n);
                g.bySimpleName.computeIfAbsent(n.simpleName, k -> new ArrayList<>()).add(fqn);
            }
        });
        for (FileFacts f : files.values()) {
            g.link(f);
        }
        for (ClassFacts c : classes.values()) {
            g.linkCompiled(c, files);
        }
        g.markTests();
        return g;
    }

    private void link(FileFacts f) {
        List<Node> own = byFile.getOrDefault(f.path(), List.of());
        if (own.isEmpty()) {
            return;
        }
        Resolver r = new Resolver(f);
        for (Node n : own) {
            if (n.facts == null || !n.file.equals(f.path())) {
                continue;
            }
            FileFacts.TypeFacts t = n.facts;
            for (String s : t.extendsNames()) {
                String target = r.resolve(s);
                addEdge(n, target, Edge.EXTENDS, true);
                if (target != null && !target.equals(n.fqn)) {
                    n.supertypes.add(target);
                }
            }
            for (String s : t.implementsNames()) {
                String target = r.resolve(s);
                addEdge(n, target, Edge.IMPLEMENTS, true);
                if (target != null && !target.equals(n.fqn)) {
                    n.supertypes.add(target);
                }
            }
            for (String s : t.refs()) {
                addEdge(n, r.resolve(s), Edge.USES, true);
            }
            for (FileFacts.TestMethod m : t.testMethods()) {
                for (String s : m.refs()) {
                    String target = r.resolve(s);
                    if (addEdge(n, target, Edge.USES, false)) {
                        n.methodUses.computeIfAbsent(target, k -> new TreeSet<>()).add(m.name());
                    }
                }
            }
            for (String s : t.strings()) {
                addEdge(n, r.resolveString(s), Edge.STRING, true);
            }
            for (String s : f.staticImports()) {
                addEdge(n, lookupPrefixes(s), Edge.STATIC_IMPORT, true);
            }
            for (String s : f.imports()) {
                String target = lookupPrefixes(s);
                if (addEdge(n, target, Edge.IMPORTS, false)
                        && !n.classLevelUses.contains(target) && !n.methodUses.containsKey(target)) {
                    n.classLevelUses.add(target); // imported but no use found: cannot pin it to a method
                }
            }
            for (Node other : own) {
                addEdge(n, other.fqn, Edge.SAME_FILE, true);
            }
        }
    }

    /**
     * The references of one class file, as {@link Edge#COMPILED} edges from its top-level type to the workspace
     * types the sources do not already connect it to. Skipped when the type is unknown or a phantom, or when the
     * class file is older than the type's source file (a stale build).
     */
    private void linkCompiled(ClassFacts c, Map<String, FileFacts> files) {
        String owner = lookupBinary(c.name());
        Node n = owner == null ? null : nodes.get(owner);
        if (n == null || n.facts == null) {
            return;
        }
        FileFacts source = files.get(n.file);
        if (source == null || c.mtime() < source.mtime()) {
            return;
        }
        for (String ref : c.refs()) {
            String target = lookupBinary(ref);
            if (target != null && !n.out.containsKey(target)) {
                addEdge(n, target, Edge.COMPILED, true);
            }
        }
    }

    /** The workspace top-level type of a binary name ({@code a.b.Outer$Inner} → {@code a.b.Outer}), or null. */
    private String lookupBinary(String binary) {
        String r = lookup(binary);
        if (r != null || binary.indexOf('$') < 0) {
            return r;
        }
        r = lookup(binary.replace('$', '.'));
        if (r != null) {
            return r;
        }
        int dollar = binary.indexOf('$', binary.lastIndexOf('.') + 1);
        return dollar > 0 ? lookup(binary.substring(0, dollar)) : null;
    }

    /** Adds an edge unless the target is unknown or the node itself; tells whether it did. */
    private boolean addEdge(Node from, String target, Edge kind, boolean classLevel) {
        if (target == null || target.equals(from.fqn)) {
            return false;
        }
        Node to = nodes.get(target);
        if (to == null) {
            return false;
        }
        from.out.computeIfAbsent(target, k -> EnumSet.noneOf(Edge.class)).add(kind);
        to.in.computeIfAbsent(from.fqn, k -> EnumSet.noneOf(Edge.class)).add(kind);
        if (classLevel) {
            from.classLevelUses.add(target);
        }
        return true;
    }

    private void markTests() {
        Map<String, Boolean> memo = new HashMap<>();
        for (Node n : nodes.values()) {
            n.hasTests = hasTests(n, memo, new LinkedHashSet<>());
        }
    }

    private boolean hasTests(Node n, Map<String, Boolean> memo, Set<String> visiting) {
        Boolean known = memo.get(n.fqn);
        if (known != null) {
            return known;
        }
        if (!visiting.add(n.fqn)) {
            return false; // a cycle in the sources (does not compile); stop
        }
        boolean result = n.facts != null && n.facts.declaresTests();
        for (String s : n.supertypes) {
            Node sup = nodes.get(s);
            if (!result && sup != null) {
                result = hasTests(sup, memo, visiting);
            }
        }
        memo.put(n.fqn, result);
        return result;
    }

    /** The names of the test methods a test class runs: its own and those it inherits. */
    public int testMethodCount(Node n) {
        Set<String> names = new TreeSet<>();
        int[] nested = {0};
        countTests(n, names, nested, new TreeSet<>());
        return names.size() + nested[0];
    }

    private void countTests(Node n, Set<String> names, int[] nested, Set<String> seen) {
        if (n == null || n.facts == null || !seen.add(n.fqn)) {
            return;
        }
        n.facts.testMethods().forEach(m -> names.add(m.name()));
        nested[0] += n.facts.nestedTestMethods();
        for (String s : n.supertypes) {
            countTests(nodes.get(s), names, nested, seen);
        }
    }

    private String lookup(String name) {
        if (nodes.containsKey(name)) {
            return name;
        }
        return nestedOwner.get(name);
    }

    private String lookupPrefixes(String name) {
        String s = name;
        while (true) {
            String r = lookup(s);
            if (r != null) {
                return r;
            }
            int i = s.lastIndexOf('.');
            if (i < 0) {
                return null;
            }
            s = s.substring(0, i);
        }
    }

    /** Name lookup in the context of one file. */
    private final class Resolver {
        private final Map<String, String> local = new HashMap<>();
        private final Map<String, String> singleImports = new HashMap<>();
        private final String pkgPrefix;
        private final List<String> onDemand;

        Resolver(FileFacts f) {
            pkgPrefix = f.pkg().isEmpty() ? "" : f.pkg() + ".";
            onDemand = f.onDemandImports();
            for (FileFacts.TypeFacts t : f.types()) {
                String top = pkgPrefix + t.name();
                local.put(t.name(), top);
                for (String nested : t.nested()) {
                    local.putIfAbsent(nested.substring(nested.lastIndexOf('.') + 1), top);
                }
            }
            for (String imp : f.imports()) {
                singleImports.put(imp.substring(imp.lastIndexOf('.') + 1), imp);
            }
        }

        String resolve(String name) {
            int dot = name.indexOf('.');
            String first = dot < 0 ? name : name.substring(0, dot);
            String top = local.get(first);
            if (top != null) {
                return top;
            }
            String imp = singleImports.get(first);
            if (imp != null) {
                String r = lookup(dot < 0 ? imp : imp + name.substring(dot));
                return r != null ? r : lookupPrefixes(imp); // null: a library's type
            }
            if (dot > 0) {
                String r = lookupPrefixes(name);
                if (r != null) {
                    return r;
                }
            }
            String r = lookup(pkgPrefix + first);
            if (r != null) {
                return r;
            }
            for (String od : onDemand) {
                r = lookup(od + "." + first);
                if (r != null) {
                    return r;
                }
            }
            return null; // java.lang or a library
        }

        /** A string literal naming a workspace class: its fully-qualified name, or a simple name. */
        String resolveString(String s) {
            if (JavaSourceParser.isResourceName(s)) {
                return null;
            }
            if (s.indexOf('.') > 0) {
                return lookup(s) != null ? lookup(s) : lookup(s.replace('$', '.'));
            }
            if (!SIMPLE_NAME.matcher(s).matches()) {
                return null;
            }
            String r = resolve(s);
            if (r != null) {
                return r;
            }
            List<String> candidates = bySimpleName.getOrDefault(s, List.of());
            return candidates.size() == 1 ? candidates.get(0) : null;
        }
    }
}
