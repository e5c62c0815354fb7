package dev.suiteflow.selector.methods;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.JavaToken;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.type.Type;

import dev.suiteflow.selector.index.SourceTrees;
import dev.suiteflow.selector.methods.ClassModel.MethodModel;

/**
 * Which compiled methods a change to one {@code .java} file touches, from the file's diff against its base
 * version (git, {@code -U0}), both versions' sources (JavaParser: the declarations around each changed line) and
 * the file's class files (the methods whose code sits on the changed lines: lambdas and anonymous classes
 * included).
 *
 * <p>Conservative by construction: anything whose effect is not confined to method bodies answers "unknown" and
 * the caller falls back to class-level selection for the file — a changed non-private field (constants are
 * inlined into their users in other classes), a changed class header, an abstract method's signature, a removed
 * non-private field or nested type, an
 * import that changes what a name used elsewhere in the file means. A removed constructor marks nothing (its
 * callers had to change) but the default one javac then adds for {@code new X()}. A removed method marks the methods of the
 * same name in its class's hierarchy (calls that reached it now dispatch to one of them); a changed private field
 * marks the code of this file that names it (and its initialiser). Comments, blank lines
 * and added imports of names the file did not use are no change.
 */
public final class ChangedMethods {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.$]+?)(\\.\\*)?\\s*;\\s*$");
    /** Braces alone, outside any member: the type's own body. */
    private static final Pattern NEUTRAL = Pattern.compile("^\\s*[{}]*\\s*$");

    /**
     * The outcome: the changed method keys, or why the change cannot be pinned to methods.
     *
     * @param methods  keys of the changed methods (possibly empty: only comments changed), when {@code unknown} is null
     * @param unknown  why the file falls back to class level, or null
     * @param members  human-readable names of the changed declarations ({@code Parser.parse(String[])})
     * @param witness  for changed methods whose change lies inside statements of their body: the base-version line
     *                 ranges a run must pass for the change to show ({@link Witness}); the others count as a whole
     * @param viaRemoved keys in {@code methods} that are there only because a removed method of their class's
     *                 family may have been what calls of them reached (the same name in a supertype or subtype; the
     *                 code creating an instance when what it overrode lies outside the workspace): for the call graph,
     *                 which cannot tell. A record of the base version's runs can — the runs that entered the removed
     *                 method are the ones whose calls now go elsewhere — so a test map leaves these out
     */
    public record Result(Set<String> methods, String unknown, List<String> members, Map<String, List<int[]>> witness,
                         Set<String> viaRemoved) {

        static Result unknown(String why) {
            return new Result(Set.of(), why, List.of(), Map.of(), Set.of());
        }

        /** The changed methods a test map judges by their record ({@code methods} without {@code viaRemoved}). */
        public Set<String> recordedChanges() {
            Set<String> out = new LinkedHashSet<>(methods);
            out.removeAll(viaRemoved);
            return out;
        }
    }

    private ChangedMethods() {
    }

    /**
     * @param diff       {@code git diff -U0} output for the file (base → working copy)
     * @param oldSource  the base version
     * @param newSource  the working copy, which {@code classes} were compiled from
     * @param classes    the class files compiled from this source file
     * @param graph      the workspace's call graph (for the hierarchy of removed methods)
     */
    public static Result of(String diff, String oldSource, String newSource, List<ClassModel> classes, CallGraph graph) {
        if (classes.isEmpty()) {
            return Result.unknown("no class file was compiled from it");
        }
        Optional<CompilationUnit> oldCu = SourceTrees.parse(oldSource);
        Optional<CompilationUnit> newCu = SourceTrees.parse(newSource);
        if (oldCu.isEmpty() || newCu.isEmpty()) {
            return Result.unknown("one of its versions does not parse");
        }
        String[] oldLines = oldSource.split("\n", -1);
        String[] newLines = newSource.split("\n", -1);
        java.util.BitSet oldCode = codeLines(oldCu.get());
        java.util.BitSet newCode = codeLines(newCu.get());
        List<BodyDeclaration<?>> oldMembers = members(oldCu.get());
        List<BodyDeclaration<?>> newMembers = members(newCu.get());
        Set<BodyDeclaration<?>> changedNew = new LinkedHashSet<>();
        Set<String> removed = new TreeSet<>();
        Set<String> instanceRemoved = new TreeSet<>();
        Set<String> marked = new LinkedHashSet<>();
        Set<String> viaRemoved = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        boolean anyHunk = false;
        List<int[]> hunks = new ArrayList<>();
        for (String line : diff.split("\n")) {
            Matcher h = HUNK.matcher(line);
            if (!h.find()) {
                continue;
            }
            anyHunk = true;
            int oldStart = Integer.parseInt(h.group(1));
            int oldCount = h.group(2) == null ? 1 : Integer.parseInt(h.group(2));
            int newStart = Integer.parseInt(h.group(3));
            int newCount = h.group(4) == null ? 1 : Integer.parseInt(h.group(4));
            hunks.add(new int[] {oldStart, oldCount, newStart, newCount});
            for (int l = oldStart; l < oldStart + oldCount; l++) {
                if (!oldCode.get(l)) {
                    continue; // only comments or blanks
                }
                String why = oldLine(innermost(oldMembers, l), lineAt(oldLines, l), newSource, newMembers, changedNew, removed,
                        instanceRemoved);
                if (why != null) {
                    return Result.unknown(why);
                }
            }
            for (int l = newStart; l < newStart + newCount; l++) {
                if (!newCode.get(l)) {
                    continue;
                }
                BodyDeclaration<?> m = innermost(newMembers, l);
                String text = lineAt(newLines, l);
                if (m instanceof TypeDeclaration<?> t) {
                    if (NEUTRAL.matcher(text).matches()) {
                        continue;
                    }
                    m = enclosingMember(t);
                    if (m == null || m instanceof TypeDeclaration<?>) {
                        String why = typeLine(t, oldMembers);
                        if (why != null) {
                            return Result.unknown(why);
                        }
                        continue;
                    }
                }
                if (m == null) {
                    String why = outside(text, oldSource, false);
                    if (why != null) {
                        return Result.unknown(why);
                    }
                    continue;
                }
                changedNew.add(m);
            }
        }
        if (!anyHunk) {
            return Result.unknown("its diff against the base shows no change");
        }
        // javac inlines compile-time constants: a declaration that differs only in which of this file's constants
        // it names, their values the same (a constant renamed), compiles to the same code
        Map<String, String> oldConstants = constants(oldCu.get());
        Map<String, String> newConstants = constants(newCu.get());
        changedNew.removeIf(m -> sameOnceConstantsInlined(m, counterpart(m, oldMembers), newConstants, oldConstants));
        Set<BodyDeclaration<?>> users = new LinkedHashSet<>();
        // the changed members' own compiled methods, and where in them a run must pass (absent: the whole method)
        Set<String> inBodies = new LinkedHashSet<>();
        Map<String, List<int[]>> witness = new HashMap<>();
        Set<String> whole = new HashSet<>();
        for (BodyDeclaration<?> m : changedNew) {
            if ((m instanceof FieldDeclaration || m instanceof InitializerDeclaration) && inAddedType(m, oldMembers)) {
                // runs only once code naming the new type runs: that code changed, and is judged on its own
                names.add(describe(m) + " (of a new type)");
                continue;
            }
            if (m instanceof FieldDeclaration f && !f.isPrivate()) {
                if (!initializerOnly(f, oldMembers)) {
                    // javac inlines constants into other classes: their class files no longer name the field
                    return Result.unknown("field " + f.getVariable(0).getNameAsString() + " changed");
                }
                // not a constant, and only its initial value changed: what differs runs where the field is
                // initialised — the constructors, or the static initialiser
                String owner = ownerBinaryName(f);
                String internal = newCu.get().getPackageDeclaration()
                        .map(p -> p.getNameAsString().replace('.', '/') + "/").orElse("") + owner;
                int from = f.getBegin().get().line;
                int to = f.getEnd().get().line;
                for (ClassModel c : classes) {
                    for (MethodModel mm : c.methods().values()) {
                        if (c.name().equals(internal)
                                && mm.name().equals(f.isStatic() || inInterface(f) ? "<clinit>" : "<init>")
                                || mm.hasLineIn(from, to)) {
                            marked.add(mm.key()); // and a lambda or anonymous class in the initialiser
                        }
                    }
                }
                names.add(describe(m) + " (its initial value)");
                continue;
            }
            if (m instanceof FieldDeclaration f) {
                // a private field is read only in this file (constants inlined here too): the code naming it
                Set<String> fieldNames = new TreeSet<>();
                f.getVariables().forEach(v -> fieldNames.add(v.getNameAsString()));
                boolean newConstant = newConstants.keySet().containsAll(fieldNames)
                        && fieldNames.stream().noneMatch(identifiers(oldCu.get())::contains);
                if (newConstant) {
                    // a constant under a name the base version never used: the code naming it now changed with
                    // it and was compared above with the values in place
                    fieldNames.clear();
                }
                users.addAll(usersOf(fieldNames, newMembers));
                int from = f.getBegin().get().line;
                int to = f.getEnd().get().line;
                for (ClassModel c : classes) {
                    for (MethodModel mm : c.methods().values()) {
                        if (mm.hasLineIn(from, to)) {
                            marked.add(mm.key()); // its initialiser, compiled into <clinit> or the constructors
                        }
                    }
                }
                names.add(describe(m) + (newConstant ? " (a new constant name: compiled in as its value)" : ""));
                continue;
            }
            if (m instanceof TypeDeclaration<?> t) {
                return Result.unknown("the declaration of " + t.getNameAsString() + " changed");
            }
            if (m instanceof MethodDeclaration md && md.getBody().isEmpty()) {
                return Result.unknown("the abstract method " + md.getNameAsString() + " changed");
            }
            if (m instanceof AnnotationMemberDeclaration a) {
                return Result.unknown("the annotation member " + a.getNameAsString() + " changed");
            }
            if (m instanceof ConstructorDeclaration c && likeDefault(c) && counterpart(m, oldMembers) == null
                    && noConstructor(oldCu.get(), ownerBinaryName(m))) {
                // an empty no-argument constructor where javac added the same one before: same bytecode
                names.add(describe(m) + " (added, the same as javac's default)");
                continue;
            }
            int from = m.getBegin().map(p -> p.line).orElse(-1);
            int to = m.getEnd().map(p -> p.line).orElse(-1);
            boolean any = false;
            List<int[]> ranges = Witness.ranges(counterpart(m, oldMembers), m, hunks, oldCode, newCode);
            for (ClassModel c : classes) {
                for (MethodModel mm : c.methods().values()) {
                    if (mm.hasLineIn(from, to)) {
                        inBodies.add(mm.key());
                        if (ranges == null) {
                            whole.add(mm.key());
                        } else {
                            witness.computeIfAbsent(mm.key(), k -> new ArrayList<>()).addAll(ranges);
                        }
                        any = true;
                    }
                }
            }
            if (!any) {
                return Result.unknown(describe(m) + " has no compiled code with line numbers");
            }
            names.add(describe(m));
        }
        for (BodyDeclaration<?> u : users) {
            int from = u.getBegin().get().line;
            int to = u.getEnd().get().line;
            for (ClassModel c : classes) {
                for (MethodModel mm : c.methods().values()) {
                    if (mm.hasLineIn(from, to)) {
                        marked.add(mm.key());
                    }
                }
            }
        }
        String pkg = newCu.get().getPackageDeclaration().map(p -> p.getNameAsString().replace('.', '/') + "/").orElse("");
        for (String r : removed) {
            int hash = r.indexOf('#');
            String owner = pkg + r.substring(0, hash);
            String name = r.substring(hash + 1);
            if (name.equals(DEFAULT_LIKE)) {
                if (noConstructor(newCu.get(), r.substring(0, hash))) {
                    // javac now adds the default constructor, the same as the removed empty one: nothing ran differently
                    names.add(r.substring(0, hash).replace('$', '.') + ".<init>() (removed, the same as javac's default)");
                    continue;
                }
                name = "<init>()V";
                r = r.substring(0, hash) + "#" + name;
            }
            String removedName = r.replace('$', '.').replace('#', '.').replace("()V", "()");
            if (name.equals("<init>") || name.equals("<clinit>")) {
                // an initialiser block, or a field's initialiser: its code ran in the owner's constructors (or
                // static initialiser), which stay and now run without it
                names.add(r.substring(0, hash).replace('$', '.') + (name.equals("<init>") ? " (an instance" : " (a static")
                        + " initialiser removed)");
                markNamed(graph, Set.of(owner), name, marked);
                continue;
            }
            if (name.startsWith("<init>(") && !name.endsWith(")V")) {
                names.add(removedName + " (removed)");
                continue; // a constructor with parameters: its callers are in the diff
            }
            if (name.endsWith(")V")) { // one exact method of the owner
                names.add(removedName + " (removed)");
                ClassModel c = graph.classModel(owner);
                if (c != null && c.methods().containsKey(owner + "." + name)) {
                    marked.add(owner + "." + name);
                }
                continue;
            }
            Set<String> family = new LinkedHashSet<>();
            family.add(owner);
            family.addAll(graph.ancestors(owner));
            family.addAll(graph.subtypes(owner));
            if (markNamed(graph, family, name, viaRemoved) || !instanceRemoved.contains(r)) {
                names.add(removedName + " (removed)");
                continue;
            }
            // what it overrode is declared outside the workspace (Object's toString, a library supertype's
            // method): its callers (the JDK's string concatenation, a collection) are not in the call graph.
            // A call of an instance method needs an instance: the code creating one stands for them
            Set<String> created = new LinkedHashSet<>();
            created.add(owner);
            created.addAll(graph.subtypes(owner));
            markNamed(graph, created, "<init>", viaRemoved);
            names.add(removedName + " (removed: what it overrode is outside the workspace, so the code creating a "
                    + r.substring(0, hash).replace('$', '.') + " counts)");
        }
        // a method marked by another rule too (a removed override, a field's initialiser) counts as a whole
        witness.keySet().removeIf(k -> whole.contains(k) || marked.contains(k));
        Set<String> all = new LinkedHashSet<>(marked);
        all.addAll(inBodies);
        viaRemoved.removeAll(all); // changed on their own account too
        all.addAll(viaRemoved);
        return new Result(all, null, names, Map.copyOf(witness), Set.copyOf(viaRemoved));
    }

    /** Marks the methods called {@code name} of the given classes (those the graph has); whether there was one. */
    private static boolean markNamed(CallGraph graph, Set<String> classes, String name, Set<String> marked) {
        boolean any = false;
        for (String cls : classes) {
            ClassModel c = graph.classModel(cls);
            if (c == null) {
                continue;
            }
            for (MethodModel mm : c.methods().values()) {
                if (mm.name().equals(name)) {
                    marked.add(mm.key());
                    any = true;
                }
            }
        }
        return any;
    }

    /**
     * A changed line of the old version: the new version of the declaration around it (or of the nearest
     * enclosing one still there) changed, or a removed member is recorded. Null, or why the file falls back.
     */
    private static String oldLine(BodyDeclaration<?> m, String text, String newSource, List<BodyDeclaration<?>> newMembers,
                                  Set<BodyDeclaration<?>> changedNew, Set<String> removed, Set<String> instanceRemoved) {
        if (m == null) {
            return outside(text, newSource, true);
        }
        BodyDeclaration<?> cur = m;
        while (cur != null) {
            if (cur instanceof TypeDeclaration<?> t) {
                BodyDeclaration<?> enc = enclosingMember(t);
                if (NEUTRAL.matcher(text).matches()) {
                    return null;
                }
                if (enc == null || enc instanceof TypeDeclaration<?>) {
                    return typeLine(t, newMembers);
                }
                cur = enc; // a local class's header: its enclosing method changed
                continue;
            }
            BodyDeclaration<?> found = counterpart(cur, newMembers);
            if (found != null) {
                changedNew.add(found);
                return null;
            }
            BodyDeclaration<?> enc = enclosingMember(cur);
            if (enc instanceof TypeDeclaration<?> t && ownerBinaryName(cur) != null) {
                return removedMember(cur, newMembers, removed, instanceRemoved); // a member of a named type that the new version lacks
            }
            cur = enc instanceof TypeDeclaration<?> local ? enclosingMember(local) : enc;
        }
        return "a declaration around a removed line is gone";
    }

    /** A line outside every member: no change (null), or why the whole file must count as changed. */
    private static String outside(String text, String otherVersion, boolean removedLine) {
        Matcher imp = IMPORT.matcher(text);
        if (imp.matches()) {
            if (imp.group(3) != null) {
                return "an on-demand import changed";
            }
            String qualified = imp.group(2);
            String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
            // a removed import of a name the new version still uses, or an added import of a name the old version
            // used: that name may now mean another type, in code that did not change
            if (usesOutsideImports(otherVersion, simple)) {
                return "the import of " + simple + " changed while " + (removedLine ? "the new" : "the old")
                        + " version uses that name";
            }
            return null;
        }
        if (NEUTRAL.matcher(text).matches()) {
            return null;
        }
        if (text.trim().startsWith("package ")) {
            return "its package changed";
        }
        return "a line outside any method changed: " + text.strip();
    }

    private static boolean usesOutsideImports(String source, String simple) {
        // a simple use, not a qualified one (Util.NAME keeps its meaning whatever is imported)
        Pattern word = Pattern.compile("(?<![\\w.$])" + Pattern.quote(simple) + "(?![\\w$])");
        for (String l : source.split("\n")) {
            if (!IMPORT.matcher(l).matches() && word.matcher(l).find()) {
                return true;
            }
        }
        return false;
    }

    /** The methods, constructors and initialisers (not fields) whose code names one of {@code fields}. */
    private static List<BodyDeclaration<?>> usersOf(Set<String> fields, List<BodyDeclaration<?>> members) {
        List<BodyDeclaration<?>> out = new ArrayList<>();
        for (BodyDeclaration<?> b : members) {
            if (b instanceof TypeDeclaration<?> || b instanceof FieldDeclaration) {
                continue;
            }
            boolean names = b.findFirst(com.github.javaparser.ast.expr.NameExpr.class,
                    n -> fields.contains(n.getNameAsString())).isPresent()
                    || b.findFirst(com.github.javaparser.ast.expr.FieldAccessExpr.class,
                    n -> fields.contains(n.getNameAsString())).isPresent();
            if (names) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * A field that is not a constant variable (javac inlines {@code final} primitives
     * and strings into the code that reads them), whose old version has the same annotations, modifiers, type and
     * variables: only what it is initialised with changed.
     */
    static boolean initializerOnly(FieldDeclaration f, List<BodyDeclaration<?>> oldMembers) {
        if (ownerBinaryName(f) == null || !(f.getParentNode().orElse(null) instanceof TypeDeclaration<?> t)
                || t instanceof com.github.javaparser.ast.body.AnnotationDeclaration) {
            return false;
        }
        boolean isFinal = f.isFinal() || inInterface(f); // an interface's fields are static and final
        if (!(counterpart(f, oldMembers) instanceof FieldDeclaration o)) {
            return false;
        }
        if (!o.getModifiers().equals(f.getModifiers()) || !o.getAnnotations().equals(f.getAnnotations())
                || o.getVariables().size() != f.getVariables().size()) {
            return false;
        }
        for (int i = 0; i < f.getVariables().size(); i++) {
            var now = f.getVariable(i);
            var then = o.getVariable(i);
            if (!now.getNameAsString().equals(then.getNameAsString())
                    || !now.getType().asString().equals(then.getType().asString())) {
                return false;
            }
            if (isFinal && constantType(now.getType())) {
                return false; // a constant variable, or one that may have been
            }
        }
        return true;
    }

    private static boolean inInterface(FieldDeclaration f) {
        return f.getParentNode().orElse(null) instanceof ClassOrInterfaceDeclaration c && c.isInterface();
    }

    /** A removed constructor that {@link #likeDefault} holds for. */
    private static final String DEFAULT_LIKE = "<init>()V like javac's default";

    /**
     * A constructor javac would generate the same when none is declared: no parameters, annotations, type
     * parameters or {@code throws}, the class's own access, and a body that is empty or only {@code super();}.
     */
    static boolean likeDefault(ConstructorDeclaration c) {
        if (!c.getParameters().isEmpty() || !c.getAnnotations().isEmpty() || !c.getThrownExceptions().isEmpty()
                || !c.getTypeParameters().isEmpty()) {
            return false;
        }
        if (!(c.getParentNode().orElse(null) instanceof ClassOrInterfaceDeclaration t) || t.isInterface()
                || t.getAccessSpecifier() != c.getAccessSpecifier()) {
            return false;
        }
        var statements = c.getBody().getStatements();
        return statements.isEmpty() || statements.size() == 1
                && statements.get(0) instanceof ExplicitConstructorInvocationStmt call && !call.isThis()
                && call.getArguments().isEmpty() && call.getExpression().isEmpty();
    }

    /** Whether the type {@code Outer$Inner} of a compilation unit declares no constructor (javac adds one). */
    private static boolean noConstructor(CompilationUnit cu, String binaryName) {
        if (binaryName == null) {
            return false;
        }
        List<? extends BodyDeclaration<?>> scope = cu.getTypes();
        TypeDeclaration<?> found = null;
        for (String simple : binaryName.split("\\$")) {
            found = null;
            for (BodyDeclaration<?> b : scope) {
                if (b instanceof TypeDeclaration<?> t && t.getNameAsString().equals(simple)) {
                    found = t;
                }
            }
            if (found == null) {
                return false;
            }
            scope = found.getMembers();
        }
        return found instanceof ClassOrInterfaceDeclaration c && !c.isInterface() && c.getConstructors().isEmpty();
    }

    /**
     * A changed line of a named type's own declaration (its header: annotations, modifiers, name, type parameters,
     * supertypes; for an enum, the separators of its constants). Null when it is no change of its own: the other
     * version has the same type with the same header (the type moved, or was indented again), or lacks it (a type
     * added — only code naming it, which changed too, reaches it — or removed — code naming it had to change to
     * compile); its members are judged one by one.
     */
    private static String typeLine(TypeDeclaration<?> t, List<BodyDeclaration<?>> otherMembers) {
        BodyDeclaration<?> other = counterpart(t, otherMembers);
        List<String> header = headerTokens(t);
        if (other == null || other instanceof TypeDeclaration<?> o && header != null && header.equals(headerTokens(o))) {
            return null;
        }
        return "the declaration of " + t.getNameAsString() + " changed";
    }

    /** The code tokens of a type's declaration outside its members and enum constants; null when unknown. */
    private static List<String> headerTokens(TypeDeclaration<?> t) {
        if (t.getTokenRange().isEmpty()) {
            return null;
        }
        List<Range> inner = new ArrayList<>();
        t.getMembers().forEach(m -> m.getRange().ifPresent(inner::add));
        if (t instanceof EnumDeclaration e) {
            e.getEntries().forEach(c -> c.getRange().ifPresent(inner::add));
        }
        List<String> out = new ArrayList<>();
        for (JavaToken tok : t.getTokenRange().get()) {
            if (tok.getCategory().isWhitespaceOrComment()) {
                continue;
            }
            Range r = tok.getRange().orElse(null);
            if (r != null && inner.stream().anyMatch(i -> i.contains(r))) {
                continue;
            }
            out.add(tok.getText());
        }
        return out;
    }

    /** Whether a member belongs to a type (itself or one around it) that the base version lacks. */
    private static boolean inAddedType(BodyDeclaration<?> m, List<BodyDeclaration<?>> oldMembers) {
        for (BodyDeclaration<?> cur = enclosingMember(m); cur != null; cur = enclosingMember(cur)) {
            if (cur instanceof TypeDeclaration<?> && counterpart(cur, oldMembers) == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a field's initialiser may do more than make a value: when it runs (not inside a lambda's body), it
     * calls a method or creates an object — other than an empty JDK collection, map, lock, atomic or builder, which
     * does nothing else.
     */
    private static boolean sideEffects(FieldDeclaration f) {
        for (VariableDeclarator v : f.getVariables()) {
            Expression init = v.getInitializer().orElse(null);
            if (init == null) {
                continue;
            }
            if (init.findFirst(MethodCallExpr.class, ChangedMethods::runsAtOnce).isPresent()) {
                return true;
            }
            boolean other = init.findFirst(ObjectCreationExpr.class, o -> runsAtOnce(o) && (o.getAnonymousClassBody().isPresent()
                    || !JDK_HOLDERS.contains(o.getType().getNameAsString())
                    || !o.getArguments().isEmpty())).isPresent();
            if (other) {
                return true;
            }
        }
        return false;
    }

    /** Whether an expression of an initialiser runs when the initialiser does: not inside a lambda's body. */
    private static boolean runsAtOnce(Node n) {
        for (Node cur = n.getParentNode().orElse(null); cur != null && !(cur instanceof BodyDeclaration<?>);
             cur = cur.getParentNode().orElse(null)) {
            if (cur instanceof LambdaExpr) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> JDK_HOLDERS = Set.of("Object", "ArrayList", "LinkedList", "HashMap",
            "LinkedHashMap", "TreeMap", "HashSet", "LinkedHashSet", "TreeSet", "ArrayDeque", "ConcurrentHashMap",
            "CopyOnWriteArrayList", "ConcurrentLinkedQueue", "EnumMap", "IdentityHashMap", "WeakHashMap",
            "ReentrantLock", "ReentrantReadWriteLock", "AtomicInteger", "AtomicLong", "AtomicBoolean",
            "AtomicReference", "StringBuilder", "StringBuffer");

    /** Records a removed top-level member as {@code Outer$Inner#name}; null, or why that cannot be followed. */
    private static String removedMember(BodyDeclaration<?> m, List<BodyDeclaration<?>> newMembers, Set<String> removed,
                                        Set<String> instanceRemoved) {
        String owner = ownerBinaryName(m);
        if (owner == null) {
            return "a declaration inside a local or anonymous class was removed";
        }
        if (m instanceof MethodDeclaration md) {
            removed.add(owner + "#" + md.getNameAsString());
            if (!md.isStatic() && !md.isPrivate()) {
                // a private one overrides nothing and its callers, in this file, changed with it
                instanceRemoved.add(owner + "#" + md.getNameAsString());
            }
            return null;
        }
        if (m instanceof ConstructorDeclaration c) {
            // constructors do not dispatch: a call of a removed one had to change to compile (it is in the diff),
            // except `new Owner()` now running the default constructor javac adds when none is left
            removed.add(owner + (likeDefault(c) ? "#" + DEFAULT_LIKE : c.getParameters().isEmpty() ? "#<init>()V" : "#<init>(" + String.join(", ",
                    c.getParameters().stream().map(p -> p.getType().asString()).toList()) + ")"));
            return null;
        }
        if (m instanceof InitializerDeclaration i) {
            if (counterpart(enclosingMember(i), newMembers) != null) { // (a type removed whole: its code is gone)
                removed.add(owner + (i.isStatic() ? "#<clinit>" : "#<init>"));
            }
            return null;
        }
        if (m instanceof FieldDeclaration f) {
            // code naming a removed field had to change to compile: in this file it is in the diff, in another
            // file that file changed too (a constant inlined there stays compiled in only until it is compiled
            // again, and method level needs the workspace compiled from its sources). What its initialiser did
            // at construction is gone: when that may have done more than make a value, the constructors (or the
            // static initialiser) count
            if (sideEffects(f) && counterpart(enclosingMember(f), newMembers) != null) {
                removed.add(owner + (f.isStatic() || inInterface(f) ? "#<clinit>" : "#<init>"));
            }
            return null;
        }
        return describe(m) + " was removed";
    }

    /** {@code Outer$Inner} of the type declaring a member, when every enclosing type is a named member type. */
    private static String ownerBinaryName(BodyDeclaration<?> m) {
        List<String> chain = new ArrayList<>();
        for (Node cur = m.getParentNode().orElse(null); cur != null; cur = cur.getParentNode().orElse(null)) {
            if (cur instanceof TypeDeclaration<?> t) {
                chain.add(0, t.getNameAsString());
            } else if (!(cur instanceof CompilationUnit)) {
                return null;
            }
        }
        return chain.isEmpty() ? null : String.join("$", chain);
    }

    /** The member of the other version with the same identity (enclosing declarations, kind, name, parameters). */
    private static BodyDeclaration<?> counterpart(BodyDeclaration<?> m, List<BodyDeclaration<?>> others) {
        String id = identity(m);
        for (BodyDeclaration<?> o : others) {
            if (identity(o).equals(id)) {
                return o;
            }
        }
        return null;
    }

    private static String identity(BodyDeclaration<?> m) {
        StringBuilder sb = new StringBuilder();
        for (BodyDeclaration<?> cur = m; cur != null; cur = enclosingMember(cur)) {
            sb.insert(0, "/" + ownId(cur));
        }
        return sb.toString();
    }

    private static String ownId(BodyDeclaration<?> m) {
        if (m instanceof CallableDeclaration<?> c) {
            return (c instanceof ConstructorDeclaration ? "new " : "") + c.getNameAsString() + "("
                    + String.join(",", c.getParameters().stream().map(p -> p.getType().asString()
                    + (p.isVarArgs() ? "..." : "")).toList()) + ")";
        }
        if (m instanceof FieldDeclaration f) {
            return "field " + String.join(",", f.getVariables().stream().map(v -> v.getNameAsString()).toList());
        }
        if (m instanceof EnumConstantDeclaration e) {
            return "constant " + e.getNameAsString();
        }
        if (m instanceof InitializerDeclaration i) {
            return i.isStatic() ? "static {}" : "{}";
        }
        if (m instanceof TypeDeclaration<?> t) {
            return "type " + t.getNameAsString();
        }
        if (m instanceof AnnotationMemberDeclaration a) {
            return a.getNameAsString() + "()";
        }
        return m.getClass().getSimpleName();
    }

    private static String describe(BodyDeclaration<?> m) {
        String owner = ownerBinaryName(m);
        String prefix = owner == null ? "" : owner.replace('$', '.') + ".";
        if (m instanceof CallableDeclaration<?> c) {
            return prefix + (c instanceof ConstructorDeclaration ? "<init>" : c.getNameAsString()) + "("
                    + String.join(", ", c.getParameters().stream().map(p -> p.getType().asString()).toList()) + ")";
        }
        if (m instanceof InitializerDeclaration i) {
            return prefix + (i.isStatic() ? "static initialiser" : "instance initialiser");
        }
        if (m instanceof EnumConstantDeclaration e) {
            return prefix + e.getNameAsString();
        }
        if (m instanceof FieldDeclaration f) {
            return prefix + String.join(", ", f.getVariables().stream().map(v -> v.getNameAsString()).toList()) + " (field)";
        }
        return prefix + ownId(m);
    }

    private static BodyDeclaration<?> enclosingMember(BodyDeclaration<?> m) {
        for (Node cur = m.getParentNode().orElse(null); cur != null; cur = cur.getParentNode().orElse(null)) {
            if (cur instanceof BodyDeclaration<?> b) {
                return b;
            }
        }
        return null;
    }

    /** Every declaration of the file (types and their members, nested ones included). */
    private static List<BodyDeclaration<?>> members(CompilationUnit cu) {
        List<BodyDeclaration<?>> out = new ArrayList<>();
        cu.walk(Node.TreeTraversal.PREORDER, n -> {
            if (n instanceof BodyDeclaration<?> b && b.getRange().isPresent()) {
                out.add(b);
            }
        });
        return out;
    }

    /** The innermost declaration whose range holds the line, or null. */
    private static BodyDeclaration<?> innermost(List<BodyDeclaration<?>> members, int line) {
        BodyDeclaration<?> best = null;
        int bestSpan = Integer.MAX_VALUE;
        for (BodyDeclaration<?> b : members) {
            int from = b.getBegin().get().line;
            int to = b.getEnd().get().line;
            if (line >= from && line <= to && to - from <= bestSpan) {
                best = b;
                bestSpan = to - from;
            }
        }
        return best;
    }

    /** The lines holding at least one token that is not a comment or white space (text blocks count as code). */
    private static java.util.BitSet codeLines(CompilationUnit cu) {
        java.util.BitSet out = new java.util.BitSet();
        cu.getTokenRange().ifPresent(range -> {
            for (com.github.javaparser.JavaToken t : range) {
                com.github.javaparser.JavaToken.Category c = t.getCategory();
                if (c.isWhitespaceOrComment() || t.getRange().isEmpty()) {
                    continue;
                }
                for (int l = t.getRange().get().begin.line; l <= t.getRange().get().end.line; l++) {
                    out.set(l);
                }
            }
        });
        return out;
    }

    /**
     * The compile-time constants of a file that its code names by their simple name: {@code static final}
     * fields (any field of an interface) of a primitive type or {@code String} initialised with a literal, by
     * name, with the literal's text. Left out: a name declared twice in the file (nested types), or also as
     * another variable or parameter (it may be shadowed).
     */
    static Map<String, String> constants(CompilationUnit cu) {
        Map<String, String> out = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (FieldDeclaration f : cu.findAll(FieldDeclaration.class)) {
            boolean constant = (f.isStatic() && f.isFinal() || inInterface(f))
                    && f.getVariables().stream().allMatch(v -> constantType(v.getType())
                    && v.getInitializer().map(ChangedMethods::literal).orElse(null) != null);
            for (VariableDeclarator v : f.getVariables()) {
                String name = v.getNameAsString();
                if (!constant || out.containsKey(name)) {
                    ambiguous.add(name);
                } else {
                    out.put(name, literal(v.getInitializer().get()));
                }
            }
        }
        cu.findAll(VariableDeclarator.class).stream().filter(v -> !(v.getParentNode().orElse(null) instanceof FieldDeclaration))
                .forEach(v -> ambiguous.add(v.getNameAsString()));
        cu.findAll(Parameter.class).forEach(p -> ambiguous.add(p.getNameAsString()));
        out.keySet().removeAll(ambiguous);
        return out;
    }

    private static boolean constantType(Type t) {
        return t.isPrimitiveType() || t.asString().equals("String") || t.asString().equals("java.lang.String");
    }

    /** The text of a literal, or of a sign and a literal; null for any other expression. */
    private static String literal(Expression e) {
        if (e instanceof LiteralExpr && !(e instanceof NullLiteralExpr)) {
            return e.toString();
        }
        if (e instanceof UnaryExpr u && (u.getOperator() == UnaryExpr.Operator.MINUS
                || u.getOperator() == UnaryExpr.Operator.PLUS) && u.getExpression() instanceof LiteralExpr l
                && !(l instanceof NullLiteralExpr)) {
            return u.getOperator().asString() + l;
        }
        return null;
    }

    /**
     * Whether two versions of a declaration are the same token for token (comments and layout aside) once each
     * version's constants, named by their simple name, are replaced by their values — as javac compiles them.
     */
    static boolean sameOnceConstantsInlined(BodyDeclaration<?> now, BodyDeclaration<?> before,
                                            Map<String, String> newConstants, Map<String, String> oldConstants) {
        if (before == null || now instanceof TypeDeclaration<?>) {
            return false;
        }
        List<String> a = inlinedTokens(now, newConstants);
        List<String> b = inlinedTokens(before, oldConstants);
        return a != null && a.equals(b);
    }

    private static List<String> inlinedTokens(Node n, Map<String, String> constants) {
        if (n.getTokenRange().isEmpty()) {
            return null;
        }
        Set<JavaToken> noCode = noCode(n);
        List<JavaToken> code = new ArrayList<>();
        for (JavaToken t : n.getTokenRange().get()) {
            if (!t.getCategory().isWhitespaceOrComment() && !noCode.contains(t)) {
                code.add(t);
            }
        }
        Map<String, String> parameters = parameterPlaceholders(n);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < code.size(); i++) {
            String text = code.get(i).getText();
            // (after `case`, a name is an enum constant's, even where a parameter has that name)
            boolean qualified = i > 0 && (code.get(i - 1).getText().equals(".") || code.get(i - 1).getText().equals("case"));
            boolean called = i + 1 < code.size() && code.get(i + 1).getText().equals("(");
            if (code.get(i).getCategory().isIdentifier() && !qualified) {
                // a qualified name (X.NAME, this.name) stays as it is: it may name another type's member
                if (parameters.containsKey(text) && !called) {
                    text = parameters.get(text);
                } else if (constants.containsKey(text)) {
                    text = constants.get(text);
                }
            }
            out.add(text);
        }
        return foldStrings(out);
    }

    private static final Pattern OCTAL_END = Pattern.compile("\\\\[0-7]{1,2}$");

    /**
     * String literals joined by {@code +} as one literal: javac compiles {@code "a" + "b"} as {@code "ab"} (and the
     * pieces of a longer concatenation into one recipe), so a long literal split in two or two joined is no
     * change. Not where the right one is the receiver of a call ({@code "b".length()}), nor where joining would
     * make an octal escape out of two ({@code "\\0" + "1"}).
     */
    static List<String> foldStrings(List<String> tokens) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            int n = out.size();
            if (stringLiteral(t) && n >= 2 && out.get(n - 1).equals("+") && stringLiteral(out.get(n - 2))
                    && (i + 1 >= tokens.size() || !tokens.get(i + 1).equals("."))) {
                String left = out.get(n - 2).substring(1, out.get(n - 2).length() - 1);
                if (!OCTAL_END.matcher(left).find() || !Character.isDigit(t.length() > 1 ? t.charAt(1) : 'x')) {
                    out.remove(n - 1);
                    out.set(n - 2, "\"" + left + t.substring(1));
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }

    private static boolean stringLiteral(String t) {
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") && !t.startsWith("\"\"\"");
    }

    /**
     * The parameters of a method or constructor by position ({@code opt} → {@code $0}): a renamed parameter
     * compiles to the same code. Every unqualified use of the name in the body is the parameter (Java lets no
     * local variable or lambda parameter of the method reuse it) — except inside a class body declared there,
     * so a declaration holding one keeps its names.
     */
    private static Map<String, String> parameterPlaceholders(Node n) {
        if (!(n instanceof CallableDeclaration<?> c) || !c.findAll(LocalClassDeclarationStmt.class).isEmpty()
                || !c.findAll(LocalRecordDeclarationStmt.class).isEmpty()
                || c.findAll(ObjectCreationExpr.class).stream().anyMatch(o -> o.getAnonymousClassBody().isPresent())) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < c.getParameters().size(); i++) {
            String name = c.getParameter(i).getNameAsString();
            if (Character.isLowerCase(name.charAt(0))) { // not a name a constant could also have
                out.put(name, "$" + i);
            }
        }
        return out;
    }

    /**
     * The tokens of a declaration that javac compiles to nothing: {@code final} on a parameter or a local variable,
     * and the source-only annotations {@code @Override} and {@code @SuppressWarnings} (unless the file declares
     * or imports another type of that name).
     */
    private static Set<JavaToken> noCode(Node n) {
        Set<JavaToken> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Modifier> modifiers = new ArrayList<>();
        n.findAll(Parameter.class).forEach(p -> modifiers.addAll(p.getModifiers()));
        n.findAll(VariableDeclarationExpr.class).forEach(v -> modifiers.addAll(v.getModifiers()));
        for (Modifier m : modifiers) {
            if (m.getKeyword() == Modifier.Keyword.FINAL) {
                m.getTokenRange().ifPresent(r -> r.forEach(out::add));
            }
        }
        Set<String> sourceOnly = new HashSet<>(Set.of("Override", "SuppressWarnings"));
        n.findCompilationUnit().ifPresent(cu -> {
            cu.getImports().forEach(i -> sourceOnly.remove(i.getName().getIdentifier()));
            cu.findAll(TypeDeclaration.class).forEach(t -> sourceOnly.remove(t.getNameAsString()));
        });
        for (AnnotationExpr a : n.findAll(AnnotationExpr.class)) {
            String name = a.getNameAsString();
            if (sourceOnly.contains(name.startsWith("java.lang.") ? name.substring("java.lang.".length()) : name)) {
                a.getTokenRange().ifPresent(r -> r.forEach(out::add));
            }
        }
        return out;
    }

    /** Every identifier a file's code uses. */
    private static Set<String> identifiers(CompilationUnit cu) {
        Set<String> out = new HashSet<>();
        cu.getTokenRange().ifPresent(range -> {
            for (JavaToken t : range) {
                if (t.getCategory().isIdentifier()) {
                    out.add(t.getText());
                }
            }
        });
        return out;
    }

    private static String lineAt(String[] lines, int oneBased) {
        return oneBased >= 1 && oneBased <= lines.length ? lines[oneBased - 1] : "";
    }
}
