package dev.suiteflow.selector.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

/** Turns one Java source into {@link FileFacts}. Thread-safe: one JavaParser per thread. */
public final class JavaSourceParser {

    /** Annotations that make a method a test (JUnit 4 and 5, TestNG share {@code @Test}). */
    public static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "TestFactory",
            "RepeatedTest", "TestTemplate");

    /** Extensions of files a string literal may name as a resource. */
    public static final List<String> RESOURCE_EXTENSIONS = List.of(".properties", ".json", ".yaml", ".yml",
            ".xml", ".sql", ".csv", ".txt");

    private static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;");
    private static final Pattern TYPE_DECL = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z][\\w$]*)");
    private static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][\\w$]*\\b");

    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
                    .setAttributeComments(false)
                    .setStoreTokens(false)
                    .setLexicalPreservationEnabled(false)));

    private JavaSourceParser() {
    }

    /**
     * @param keepTree parse through {@link SourceTrees} (a full tree, kept for method-level selection to read
     *                 again) instead of the lighter tree used for a whole workspace
     */
    public static FileFacts parse(String path, String source, long size, long mtime, boolean keepTree) {
        Optional<CompilationUnit> parsed;
        try {
            if (keepTree) {
                parsed = SourceTrees.parse(source);
            } else {
                ParseResult<CompilationUnit> result = PARSER.get().parse(source);
                parsed = result.isSuccessful() ? result.getResult() : Optional.empty();
            }
        } catch (RuntimeException e) {
            return scan(path, source, size, mtime);
        }
        if (parsed.isEmpty()) {
            return scan(path, source, size, mtime);
        }
        CompilationUnit cu = parsed.get();
        String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        List<String> imports = new ArrayList<>();
        List<String> onDemand = new ArrayList<>();
        List<String> statics = new ArrayList<>();
        for (ImportDeclaration imp : cu.getImports()) {
            String name = imp.getNameAsString();
            if (imp.isStatic()) {
                // import static a.B.m  -> a.B ;  import static a.B.*  -> a.B
                statics.add(imp.isAsterisk() ? name : qualifier(name));
            } else if (imp.isAsterisk()) {
                onDemand.add(name);
            } else {
                imports.add(name);
            }
        }
        List<FileFacts.TypeFacts> types = new ArrayList<>();
        for (TypeDeclaration<?> td : cu.getTypes()) {
            types.add(typeFacts(td));
        }
        return new FileFacts(path, size, mtime, pkg, imports, onDemand, statics, types, true);
    }

    private static FileFacts.TypeFacts typeFacts(TypeDeclaration<?> td) {
        Set<String> refs = new LinkedHashSet<>();
        Set<String> strings = new LinkedHashSet<>();
        List<String> extendsNames = new ArrayList<>();
        List<String> implementsNames = new ArrayList<>();
        List<FileFacts.TestMethod> tests = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        boolean isAbstract = false;
        if (td instanceof ClassOrInterfaceDeclaration cid) {
            isAbstract = cid.isInterface() || cid.hasModifier(Modifier.Keyword.ABSTRACT);
            cid.getExtendedTypes().forEach(t -> extendsNames.add(t.getNameWithScope()));
            cid.getImplementedTypes().forEach(t -> implementsNames.add(t.getNameWithScope()));
            cid.getTypeParameters().forEach(tp -> collect(tp, refs, strings));
            // Generic arguments of the supertypes are ordinary uses.
            cid.getExtendedTypes().forEach(t -> t.getTypeArguments().ifPresent(a -> a.forEach(x -> collect(x, refs, strings))));
            cid.getImplementedTypes().forEach(t -> t.getTypeArguments().ifPresent(a -> a.forEach(x -> collect(x, refs, strings))));
        } else {
            // enum, record, annotation: their implements clause, if any, is an ordinary use here.
            td.getChildNodes().stream().filter(n -> n instanceof ClassOrInterfaceType)
                    .forEach(n -> implementsNames.add(((ClassOrInterfaceType) n).getNameWithScope()));
        }
        td.getAnnotations().forEach(a -> collect(a, refs, strings));
        int[] nestedTests = {0};
        for (BodyDeclaration<?> member : td.getMembers()) {
            if (member instanceof MethodDeclaration md && isTest(md)) {
                Set<String> methodRefs = new LinkedHashSet<>();
                collect(md, methodRefs, strings);
                tests.add(new FileFacts.TestMethod(md.getNameAsString(), List.copyOf(methodRefs)));
            } else {
                collect(member, refs, strings);
                if (member instanceof TypeDeclaration<?> inner) {
                    collectNested(inner, "", nested, nestedTests);
                }
            }
        }
        return new FileFacts.TypeFacts(td.getNameAsString(), nested, isAbstract, extendsNames, implementsNames,
                List.copyOf(refs), List.copyOf(strings), tests, nestedTests[0]);
    }

    private static void collectNested(TypeDeclaration<?> td, String prefix, List<String> nested, int[] tests) {
        String name = prefix + td.getNameAsString();
        nested.add(name);
        for (BodyDeclaration<?> member : td.getMembers()) {
            if (member instanceof MethodDeclaration md && isTest(md)) {
                tests[0]++;
            } else if (member instanceof TypeDeclaration<?> inner) {
                collectNested(inner, name + ".", nested, tests);
            }
        }
    }

    private static boolean isTest(MethodDeclaration md) {
        for (AnnotationExpr a : md.getAnnotations()) {
            String n = a.getName().getIdentifier();
            if (TEST_ANNOTATIONS.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** Walks a subtree once, keeping every type name it uses and the string literals worth keeping. */
    private static void collect(Node node, Set<String> refs, Set<String> strings) {
        node.walk(n -> {
            if (n instanceof ClassOrInterfaceType t) {
                refs.add(t.getNameWithScope());
            } else if (n instanceof AnnotationExpr a) {
                refs.add(a.getNameAsString());
            } else if (n instanceof NameExpr ne) {
                String id = ne.getNameAsString();
                if (!id.isEmpty() && Character.isUpperCase(id.charAt(0))) {
                    refs.add(id);
                }
            } else if (n instanceof FieldAccessExpr fa && !(fa.getParentNode().orElse(null) instanceof FieldAccessExpr)) {
                // a.b.Foo.bar / a.b.Foo.CONST: keep the whole dotted chain (outermost only); resolution tries prefixes.
                String chain = qualifiedChain(fa);
                if (chain != null) {
                    refs.add(chain);
                }
            } else if (n instanceof StringLiteralExpr s) {
                keepString(s.getValue(), strings);
            } else if (n instanceof TextBlockLiteralExpr tb) {
                keepString(tb.getValue().strip(), strings);
            }
        });
    }

    /** {@code a.b.Foo.x} when the expression is lower-case names followed by a capitalised one; else null. */
    private static String qualifiedChain(FieldAccessExpr fa) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        Node cur = fa;
        while (cur instanceof FieldAccessExpr f) {
            parts.addFirst(f.getNameAsString());
            cur = f.getScope();
        }
        if (!(cur instanceof NameExpr ne)) {
            return null;
        }
        String head = ne.getNameAsString();
        if (head.isEmpty() || !Character.isLowerCase(head.charAt(0))) {
            return null;
        }
        boolean typeSeen = false;
        for (String p : parts) {
            if (!p.isEmpty() && Character.isUpperCase(p.charAt(0))) {
                typeSeen = true;
                break;
            }
        }
        if (!typeSeen) {
            return null;
        }
        return head + "." + String.join(".", parts);
    }

    private static void keepString(String value, Set<String> strings) {
        if (value.isEmpty() || value.length() > 300) {
            return;
        }
        if (isResourceName(value) || NAME_LIKE.matcher(value).matches()) {
            strings.add(value);
        }
    }

    public static boolean isResourceName(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        for (String ext : RESOURCE_EXTENSIONS) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return true;
            }
        }
        return false;
    }

    private static String qualifier(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /**
     * Fallback for a file JavaParser cannot read (syntax newer than it knows, a broken file): package, imports
     * and declared names by pattern, and every capitalised word as a possible use. It over-approximates, so a
     * change still reaches the tests it may affect.
     */
    static FileFacts scan(String path, String source, long size, long mtime) {
        Matcher pm = PACKAGE.matcher(source);
        String pkg = pm.find() ? pm.group(1) : "";
        List<String> imports = new ArrayList<>();
        List<String> onDemand = new ArrayList<>();
        List<String> statics = new ArrayList<>();
        Matcher im = IMPORT.matcher(source);
        while (im.find()) {
            if (im.group(1) != null) {
                statics.add(im.group(3) != null ? im.group(2) : qualifier(im.group(2)));
            } else if (im.group(3) != null) {
                onDemand.add(im.group(2));
            } else {
                imports.add(im.group(2));
            }
        }
        Set<String> refs = new LinkedHashSet<>();
        Matcher cm = CAPITALISED.matcher(source);
        while (cm.find()) {
            refs.add(cm.group());
        }
        Set<String> strings = new LinkedHashSet<>();
        Matcher sm = Pattern.compile("\"([^\"\\\\\\n]{1,300})\"").matcher(source);
        while (sm.find()) {
            keepString(sm.group(1), strings);
        }
        String fileName = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
        Matcher tm = TYPE_DECL.matcher(source);
        String main = tm.find() ? tm.group(1) : fileName;
        boolean hasTests = source.contains("@Test") || source.contains("@ParameterizedTest");
        refs.remove(main);
        FileFacts.TypeFacts type = new FileFacts.TypeFacts(fileName.equals(main) ? main : fileName, List.of(),
                source.contains("abstract class " + main), List.of(), List.of(), List.copyOf(refs),
                List.copyOf(strings), List.of(), hasTests ? 1 : 0);
        return new FileFacts(path, size, mtime, pkg, imports, onDemand, statics, List.of(type), false);
    }
}
