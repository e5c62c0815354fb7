package dev.suiteflow.selector.methods;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.Type;

import dev.suiteflow.selector.methods.ClassModel.Call;
import dev.suiteflow.selector.methods.ClassModel.Dispatch;
import dev.suiteflow.selector.methods.ClassModel.MethodModel;

/**
 * A conservative call graph over the workspace's compiled classes (main and test), for method-level selection:
 * which methods can run a changed method. It errs towards more edges, never fewer:
 *
 * <ul>
 *   <li><b>Virtual calls</b> use class-hierarchy analysis: a call of {@code O.m} reaches the declaration it resolves
 *       to (up O's superclasses and interfaces) and every override in O's workspace subtypes. A call on a library
 *       type ({@code Object.toString}, {@code List.add}) reaches every workspace method of that name and
 *       descriptor.</li>
 *   <li><b>Callbacks</b>: a class's constructors reach its methods that override a method of a library supertype
 *       (so {@code toString}, {@code compareTo}, {@code run}, {@code iterator} count as called once an instance
 *       exists: the JDK calls them), and its serialization hooks ({@code readObject}, {@code writeReplace}, …,
 *       private ones too). A library supertype that cannot be loaded here makes every instance method a
 *       callback.</li>
 *   <li><b>Class initialisation</b>: {@code new}, static calls and static fields reach {@code <clinit>} of the class
 *       and of its superclasses; class literals, annotation values ({@code @ExtendWith(X.class)}) and strings that
 *       name a workspace class reach its constructors (frameworks instantiate them); a string also reaches all
 *       its methods (reflection).</li>
 *   <li><b>Lambdas and method references</b>: the method handle is reached from where it is created.</li>
 * </ul>
 */
public final class CallGraph {

    private static final Map<String, Set<String>> LIBRARY_METHODS = new ConcurrentHashMap<>();
    /** A distinct instance (not {@code Set.of()}, which an empty known type would share). */
    private static final Set<String> UNKNOWN = java.util.Collections.unmodifiableSet(new HashSet<>());

    /** The serialization hooks the JDK calls by name (reflection), private ones included. */
    private static final Set<String> SERIALIZATION = Set.of("writeObject", "readObject", "readObjectNoData",
            "writeReplace", "readResolve");

    private final Map<String, ClassModel> classes;
    private final Map<String, MethodModel> methods = new HashMap<>();
    /** Transitive workspace subtypes of each workspace class. */
    private final Map<String, Set<String>> subtypes = new HashMap<>();
    /** name+desc → the instance methods of that signature (targets of calls on library types). */
    private final Map<String, List<MethodModel>> bySignature = new HashMap<>();
    /** method key → the keys of the methods that call it (reverse edges). */
    private final Map<String, Set<String>> callers = new HashMap<>();
    /** Per class: the model its edges were computed from, and each method's targets (forward edges). */
    private final Map<String, ClassEdges> edges = new HashMap<>();
    /** Every class's name, supertypes and method signatures: what edges of unchanged classes depend on. */
    private final long shape;

    private record ClassEdges(ClassModel model, Map<String, Set<String>> targets) {
    }

    public CallGraph(Collection<ClassModel> models) {
        this(models, null);
    }

    /**
     * @param previous the graph of the same workspace before some class files changed, or null: when no type,
     *                 supertype or method signature changed (only method bodies), the edges of every class whose
     *                 model is the same are taken over, and only the changed classes' bodies are walked again
     */
    public CallGraph(Collection<ClassModel> models, CallGraph previous) {
        Map<String, ClassModel> byName = new HashMap<>();
        for (ClassModel c : models) {
            byName.put(c.name(), c);
        }
        this.classes = byName;
        for (ClassModel c : classes.values()) {
            for (MethodModel m : c.methods().values()) {
                methods.put(m.key(), m);
                if (!m.isStatic() && !m.isPrivate() && !m.name().startsWith("<")) {
                    bySignature.computeIfAbsent(m.signature(), k -> new ArrayList<>()).add(m);
                }
            }
        }
        for (ClassModel c : classes.values()) {
            for (String sup : directSupertypes(c)) {
                ancestorsOf(sup, new HashSet<>()).forEach(a -> subtypes.computeIfAbsent(a, k -> new HashSet<>()).add(c.name()));
                subtypes.computeIfAbsent(sup, k -> new HashSet<>()).add(c.name());
            }
        }
        this.shape = shape(classes.values());
        boolean reuse = previous != null && previous.shape == shape;
        for (ClassModel c : classes.values()) {
            ClassEdges old = reuse ? previous.edges.get(c.name()) : null;
            ClassEdges e = old != null && old.model() == c ? old : new ClassEdges(c, forward(c));
            edges.put(c.name(), e);
            e.targets().forEach((from, to) -> {
                for (String t : to) {
                    callers.computeIfAbsent(t, k -> new HashSet<>()).add(from);
                }
            });
        }
    }

    private static long shape(Collection<ClassModel> models) {
        long h = 0;
        for (ClassModel c : models) {
            long k = java.util.Objects.hash(c.name(), c.superName(), c.interfaces());
            for (MethodModel m : c.methods().values()) {
                k = 31 * k + java.util.Objects.hash(m.key(), m.isStatic(), m.isPrivate());
            }
            h += k * 0x9E3779B97F4A7C15L; // order-independent
        }
        return h;
    }

    /** The forward edges of one class's methods. */
    private Map<String, Set<String>> forward(ClassModel c) {
        Map<String, Set<String>> out = new HashMap<>();
        {
            Set<String> callbacks = callbacks(c);
            for (MethodModel m : c.methods().values()) {
                Set<String> targets = new LinkedHashSet<>();
                for (Call call : m.calls()) {
                    targets.addAll(targets(call));
                }
                for (String ref : m.classRefs()) {
                    initialisation(ref, targets);
                }
                for (String s : m.strings()) {
                    ClassModel named = classes.get(s.replace('.', '/'));
                    if (named != null) {
                        initialisation(named.name(), targets);
                        named.methods().keySet().forEach(targets::add);
                    }
                }
                if (m.name().equals("<init>")) {
                    targets.addAll(callbacks);
                    for (String ref : c.classRefs()) {
                        initialisation(ref, targets);
                    }
                }
                if (m.name().equals("<clinit>") && c.superName() != null) {
                    clinits(c.superName(), targets);
                }
                targets.remove(m.key());
                out.put(m.key(), targets);
            }
        }
        return out;
    }

    public ClassModel classModel(String internalName) {
        return classes.get(internalName);
    }

    public Collection<ClassModel> classes() {
        return classes.values();
    }

    public MethodModel method(String key) {
        return methods.get(key);
    }

    /** The workspace classes among a class's ancestors (superclasses and interfaces, transitively), itself excluded. */
    public Set<String> ancestors(String internalName) {
        return ancestorsOf(internalName, new HashSet<>()).stream().filter(classes::containsKey)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
    }

    public Set<String> subtypes(String internalName) {
        return subtypes.getOrDefault(internalName, Set.of());
    }

    /**
     * Every method that can run one of {@code changed}, with its distance (0 for a changed method) and the next
     * method on a shortest way there.
     */
    public Reach reach(Set<String> changed) {
        Map<String, Integer> dist = new HashMap<>();
        Map<String, String> next = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        for (String c : changed) {
            dist.put(c, 0);
            queue.add(c);
        }
        while (!queue.isEmpty()) {
            String u = queue.poll();
            int d = dist.get(u);
            for (String caller : callers.getOrDefault(u, Set.of())) {
                if (!dist.containsKey(caller)) {
                    dist.put(caller, d + 1);
                    next.put(caller, u);
                    queue.add(caller);
                }
            }
        }
        return new Reach(dist, next);
    }

    /** The result of {@link #reach}. */
    public record Reach(Map<String, Integer> dist, Map<String, String> next) {

        /** From {@code from} to a changed method, both included. */
        public List<String> path(String from) {
            List<String> out = new ArrayList<>();
            for (String cur = from; cur != null; cur = next.get(cur)) {
                out.add(cur);
            }
            return out;
        }
    }

    // ---- edges -------------------------------------------------------------------------------------------------

    private List<String> directSupertypes(ClassModel c) {
        List<String> out = new ArrayList<>();
        if (c.superName() != null) {
            out.add(c.superName());
        }
        out.addAll(c.interfaces());
        return out;
    }

    /** Ancestors by internal name, workspace and library alike (library ones end the walk). */
    private Set<String> ancestorsOf(String name, Set<String> seen) {
        ClassModel c = classes.get(name);
        if (c != null) {
            for (String s : directSupertypes(c)) {
                if (seen.add(s)) {
                    ancestorsOf(s, seen);
                }
            }
        }
        return seen;
    }

    private Set<String> targets(Call call) {
        Set<String> out = new LinkedHashSet<>();
        String sig = call.name() + call.desc();
        ClassModel owner = classes.get(call.owner());
        if (owner == null) {
            if (call.dispatch() == Dispatch.VIRTUAL) {
                for (MethodModel m : bySignature.getOrDefault(sig, List.of())) {
                    out.add(m.key());
                }
            }
            return out;
        }
        MethodModel declared = resolve(owner, sig, new HashSet<>());
        if (declared != null) {
            out.add(declared.key());
            if (declared.isStatic()) {
                clinits(declared.owner(), out);
            }
        }
        if (call.dispatch() == Dispatch.STATIC) {
            clinits(owner.name(), out);
        }
        if (call.dispatch() == Dispatch.VIRTUAL && !call.name().startsWith("<")) {
            for (String sub : subtypes(owner.name())) {
                MethodModel m = classes.get(sub).methods().get(sub + "." + sig);
                if (m != null && !m.isStatic()) {
                    out.add(m.key());
                }
            }
        }
        return out;
    }

    /** The declaration a call of {@code sig} on {@code c} resolves to: c, its superclasses, then its interfaces. */
    private MethodModel resolve(ClassModel c, String sig, Set<String> seen) {
        for (ClassModel k = c; k != null && seen.add(k.name()); k = k.superName() == null ? null : classes.get(k.superName())) {
            MethodModel m = k.methods().get(k.name() + "." + sig);
            if (m != null) {
                return m;
            }
        }
        for (ClassModel k = c; k != null; k = k.superName() == null ? null : classes.get(k.superName())) {
            for (String i : k.interfaces()) {
                ClassModel ic = classes.get(i);
                if (ic != null) {
                    MethodModel m = resolve(ic, sig, seen);
                    if (m != null) {
                        return m;
                    }
                }
            }
        }
        return null;
    }

    /** Using a class: its static initialisers (and its superclasses'), and for a literal also its constructors. */
    private void initialisation(String ref, Set<String> out) {
        ClassModel c = classes.get(ref);
        if (c == null) {
            return;
        }
        clinits(ref, out);
        for (MethodModel m : c.methods().values()) {
            if (m.name().equals("<init>")) {
                out.add(m.key());
            }
        }
    }

    private void clinits(String name, Set<String> out) {
        Set<String> seen = new HashSet<>();
        for (ClassModel c = classes.get(name); c != null && seen.add(c.name()); c = c.superName() == null ? null : classes.get(c.superName())) {
            MethodModel clinit = c.methods().get(c.name() + ".<clinit>()V");
            if (clinit != null) {
                out.add(clinit.key());
            }
            for (String i : c.interfaces()) {
                ClassModel ic = classes.get(i);
                if (ic != null && ic.methods().containsKey(i + ".<clinit>()V")) {
                    out.add(i + ".<clinit>()V");
                }
            }
        }
    }

    /**
     * The instance methods of {@code c} that library code may call once an instance exists: those overriding a
     * method of a library supertype (every instance method when a library supertype is not loadable here).
     */
    private Set<String> callbacks(ClassModel c) {
        Set<String> library = new HashSet<>();
        boolean unknown = false;
        Set<String> all = ancestorsOf(c.name(), new HashSet<>());
        all.add("java/lang/Object");
        for (String a : all) {
            if (classes.containsKey(a)) {
                continue;
            }
            Set<String> m = libraryMethods(a);
            if (m == UNKNOWN) {
                unknown = true;
            } else {
                library.addAll(m);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (MethodModel m : c.methods().values()) {
            if (SERIALIZATION.contains(m.name()) && !m.isStatic()) {
                out.add(m.key()); // called by ObjectOutputStream / ObjectInputStream, private or not
                continue;
            }
            if (m.isStatic() || m.isPrivate() || m.name().startsWith("<")) {
                continue;
            }
            if (unknown || library.contains(m.signature())) {
                out.add(m.key());
            }
        }
        return out;
    }

    /** name+desc of every method a JDK type declares or inherits; {@link #UNKNOWN} when it cannot be loaded. */
    static Set<String> libraryMethods(String internalName) {
        return LIBRARY_METHODS.computeIfAbsent(internalName, n -> {
            Class<?> type;
            try {
                type = Class.forName(n.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return UNKNOWN;
            }
            Set<String> out = new HashSet<>();
            collect(type, out, new HashSet<>());
            return Set.copyOf(out);
        });
    }

    private static void collect(Class<?> type, Set<String> out, Set<Class<?>> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        for (Method m : type.getDeclaredMethods()) {
            out.add(m.getName() + Type.getMethodDescriptor(m));
        }
        collect(type.getSuperclass(), out, seen);
        for (Class<?> i : type.getInterfaces()) {
            collect(i, out, seen);
        }
    }
}
