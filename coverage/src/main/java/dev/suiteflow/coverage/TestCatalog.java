package dev.suiteflow.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests of one workspace. Ids are unique: a second test with an id already present (an overload, or the
 * same class under two source roots) is dropped.
 *
 * @param tests     at most {@link #MAX_TESTS}, in the order found
 * @param truncated more tests were found than {@link #MAX_TESTS}; the ones past the limit are not in the catalog
 */
public record TestCatalog(List<TestCase> tests, boolean truncated) {

    /** The most tests a catalog holds; past it the scanner stops and marks the catalog truncated. */
    public static final int MAX_TESTS = 20_000;

    public TestCatalog {
        Map<String, TestCase> byId = new LinkedHashMap<>();
        for (TestCase test : tests) {
            if (byId.size() == MAX_TESTS) {
                truncated = true;
                break;
            }
            byId.putIfAbsent(test.id(), test);
        }
        tests = List.copyOf(byId.values());
    }

    public static TestCatalog of(List<TestCase> tests) {
        return new TestCatalog(tests, false);
    }

    public static TestCatalog of(TestCase... tests) {
        return of(List.of(tests));
    }

    public int size() {
        return tests.size();
    }

    /** The same catalog without any requirement tag: what the similarity evaluation maps against. */
    public TestCatalog withoutRequirementTags() {
        List<TestCase> stripped = new ArrayList<>(tests.size());
        for (TestCase t : tests) {
            stripped.add(new TestCase(t.className(), t.methodName(), t.phase(), t.displayName(), t.comment(),
                    t.classContext(), t.tags(), Map.of()));
        }
        return new TestCatalog(stripped, truncated);
    }
}
