package dev.suiteflow.selector;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The outcome of a plan, in the shape {@code ./suiteflow select} prints.
 *
 * @param workspace   the workspace, absolute
 * @param mode        {@code safe} or {@code budget}
 * @param catalog     how many test classes and methods the workspace has
 * @param changed     the changed files considered (from the request and the range), workspace-relative
 * @param selected    the tests to run, best first
 * @param skipped     what safe mode would have selected but the budget left out (empty in safe mode)
 * @param selectsAll  whether a rule (build file, manifest, shared test code, no change) selected everything
 * @param why         one sentence on what decided the selection
 */
@JsonPropertyOrder({"workspace", "mode", "catalog", "changed", "selected", "skipped", "selectsAll", "why"})
public record Selection(String workspace, String mode, Catalog catalog, List<String> changed,
                        List<SelectedTest> selected, List<SelectedTest> skipped, boolean selectsAll, String why) {

    public record Catalog(int testClasses, int testMethods) {
    }

    /**
     * One test to run: a class, or one of its methods when the change reaches only some of them.
     *
     * @param test     the class's fully-qualified name
     * @param method   the method, or null for the whole class
     * @param score    in [0, 1]: how likely the change affects it
     * @param reasons  sentences a person reads
     */
    @JsonPropertyOrder({"test", "method", "score", "reasons"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SelectedTest(String test, String method, double score, List<String> reasons) {

        /** {@code Class} or {@code Class#method}. */
        public String id() {
            return method == null ? test : test + "#" + method;
        }
    }
}
