package dev.suiteflow.selector.index;

import java.util.List;

/**
 * What the selector knows about one {@code .java} file, taken from its source alone. Kept in the warm cache
 * (memory and disk) and keyed by the file's path, size and modification time.
 *
 * @param path             path relative to the workspace, {@code /}-separated
 * @param size             size in bytes when parsed
 * @param mtime            modification time (microseconds) when parsed
 * @param pkg              package name, empty for the default package
 * @param imports          single-type imports (fully-qualified)
 * @param onDemandImports  on-demand imports ({@code a.b} of {@code a.b.*})
 * @param staticImports    classes named by static imports (single or on-demand)
 * @param types            the top-level types declared in the file
 * @param parsed           false when JavaParser failed and the facts come from a conservative text scan
 */
public record FileFacts(String path, long size, long mtime, String pkg, List<String> imports,
                        List<String> onDemandImports, List<String> staticImports, List<TypeFacts> types,
                        boolean parsed) {

    /**
     * A top-level type; its nested types are folded into it (a change is per file anyway).
     *
     * @param name               simple name
     * @param nested             nested type names relative to this type ({@code Inner}, {@code Inner.Deeper})
     * @param isAbstract         abstract class or interface (not runnable itself)
     * @param extendsNames       names in its {@code extends} clause, as written
     * @param implementsNames    names in its {@code implements} clause, as written
     * @param refs               type names used outside its own test methods (fields, setup, helpers, nested types)
     * @param strings            string literals that may name a class or a resource
     * @param testMethods        its own {@code @Test}-like methods with the names each body uses
     * @param nestedTestMethods  number of test methods in its nested ({@code @Nested}) classes
     */
    public record TypeFacts(String name, List<String> nested, boolean isAbstract, List<String> extendsNames,
                            List<String> implementsNames, List<String> refs, List<String> strings,
                            List<TestMethod> testMethods, int nestedTestMethods) {

        public boolean declaresTests() {
            return !testMethods.isEmpty() || nestedTestMethods > 0;
        }
    }

    /** A test method and the type names its body (and signature) uses. */
    public record TestMethod(String name, List<String> refs) {
    }
}
