package dev.suiteflow.selector.methods;

import java.util.List;
import java.util.Map;

/**
 * What method-level selection needs of one compiled class: its place in the hierarchy, the source file it came
 * from, and per method what it calls and which source lines its code sits on.
 *
 * @param name        internal name ({@code a/b/Outer$Inner})
 * @param superName   internal name of the superclass, null for {@code java/lang/Object} and interfaces' none
 * @param interfaces  internal names of the directly implemented or extended interfaces
 * @param sourceFile  the {@code SourceFile} attribute ({@code Outer.java}), or null when compiled without it
 * @param isInterface an interface or annotation type
 * @param classRefs   classes the class-level annotations name ({@code @ExtendWith(X.class)}): instantiated by a framework
 * @param framework   a runtime annotation of a framework on the class or one of its members ({@code @ApplicationScoped},
 *                    {@code @Path}, {@code @Component}, {@code @Incoming}; not JDK, Kotlin or test annotations), or null:
 *                    a framework may create it and call its methods with no call site in the bytecode
 * @param methods     by {@link MethodModel#key()}
 */
public record ClassModel(String name, String superName, List<String> interfaces, String sourceFile,
                         boolean isInterface, List<String> classRefs, String framework, Map<String, MethodModel> methods) {

    /** The package part of the internal name, {@code a/b} (empty for the default package). */
    public String packagePath() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** The top-level class this one is nested in (itself when top-level), internal name. */
    public String topLevel() {
        int slash = name.lastIndexOf('/');
        int dollar = name.indexOf('$', slash + 1);
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    /**
     * One method.
     *
     * @param owner      internal name of the declaring class
     * @param name       method name ({@code <init>}, {@code <clinit>} included)
     * @param desc       descriptor
     * @param isStatic   static
     * @param isPrivate  private
     * @param hasCode    not abstract or native
     * @param isTest     annotated as a test ({@code @Test}, {@code @ParameterizedTest}, ... of JUnit or TestNG)
     * @param lines      the source lines its instructions carry (sorted, distinct; empty without debug info)
     * @param calls      method invocations, and method handles of {@code invokedynamic} (lambdas, method references)
     * @param classRefs  classes it instantiates, initialises or names as a literal ({@code new}, static members,
     *                   {@code X.class}, annotation values)
     * @param strings    string constants that may name a class (reflection)
     */
    public record MethodModel(String owner, String name, String desc, boolean isStatic, boolean isPrivate,
                              boolean hasCode, boolean isTest, int[] lines, List<Call> calls, List<String> classRefs,
                              List<String> strings) {

        public String key() {
            return owner + "." + name + desc;
        }

        /** {@code name+desc}, the part that overriding keeps. */
        public String signature() {
            return name + desc;
        }

        public boolean hasLineIn(int from, int to) {
            for (int l : lines) {
                if (l >= from && l <= to) {
                    return true;
                }
            }
            return false;
        }
    }

    /** How a call site dispatches. */
    public enum Dispatch { STATIC, SPECIAL, VIRTUAL }

    /** A call site (or a method handle of a lambda or method reference). */
    public record Call(Dispatch dispatch, String owner, String name, String desc) {
    }
}
