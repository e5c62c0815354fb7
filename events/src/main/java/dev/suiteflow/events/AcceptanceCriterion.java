package dev.suiteflow.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An acceptance criterion of the story a change implements, e.g. {@code AC-1: "a locked account cannot log in"}.
 *
 * @param required false for a criterion that may stay uncovered even when the request's approval policy
 *                 requires coverage; null or true: required
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AcceptanceCriterion(String id, String text, Boolean required) {

    public AcceptanceCriterion(String id, String text) {
        this(id, text, null);
    }

    /** Whether the criterion counts when coverage is required (absent means yes). */
    public boolean isRequired() {
        return required == null || required;
    }
}
