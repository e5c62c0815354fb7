package dev.suiteflow.coverage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One test method as the catalog knows it, read from the source (and JUnit reports) without a build.
 *
 * @param className    binary class name, nested classes joined by {@code $}: {@code com.acme.LoginTest$Locked}
 * @param methodName   the method's name
 * @param phase        unit, integration or e2e (a guess unless the manifest says; see {@link CatalogScanner})
 * @param displayName  the method's {@code @DisplayName}, or empty
 * @param comment      the Javadoc and line comments just above the method, requirement tags removed
 * @param classContext the class's simple names (outer to inner), {@code @DisplayName}s and class comments
 * @param tags         JUnit {@code @Tag} values of the method and its enclosing classes
 * @param requirements requirement ids this test is tagged with → where the tag was found
 *                     ({@code "display name"}, {@code "comment"}, {@code "@Tag"}, {@code "class comment"},
 *                     {@code "JUnit report"})
 */
public record TestCase(String className, String methodName, String phase, String displayName, String comment,
        String classContext, Set<String> tags, Map<String, String> requirements) {

    public TestCase {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        phase = phase == null ? "unit" : phase;
        displayName = displayName == null ? "" : displayName;
        comment = comment == null ? "" : comment;
        classContext = classContext == null ? "" : classContext;
        tags = tags == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(tags)); // keeps the order
        requirements = requirements == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(requirements));
    }

    /** A test with only a name, e.g. for tests: {@code TestCase.named("com.acme.LoginTest#locksAccount")}. */
    public static TestCase named(String id) {
        int hash = id.indexOf('#');
        return new TestCase(id.substring(0, hash), id.substring(hash + 1), null, null, null, null, null, null);
    }

    /** {@code className#methodName}, the id the planner and the executor use. */
    public String id() {
        return className + "#" + methodName;
    }

    /** {@code SimpleClass#method} (nested: {@code Outer$Inner#method}), for evidence texts. */
    public String shortId() {
        return className.substring(className.lastIndexOf('.') + 1) + "#" + methodName;
    }

    /** The method name split into words. */
    public List<String> nameWords() {
        return Words.split(methodName);
    }

    public TestCase withRequirement(String requirement, String where) {
        if (requirements.containsKey(requirement)) {
            return this;
        }
        var more = new LinkedHashMap<>(requirements);
        more.put(requirement, where);
        return new TestCase(className, methodName, phase, displayName, comment, classContext, tags, more);
    }
}
