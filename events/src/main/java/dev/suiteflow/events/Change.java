package dev.suiteflow.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What changed: files relative to the workspace and/or a git range {@code base..head}, and the story
 * with its acceptance criteria. Every field is optional.
 *
 * @param mode   how the impacted tests are chosen: {@code safe} (every test the change can affect; the default)
 *               or {@code budget} (the top of the ranking within {@code budget})
 * @param budget for budget mode: a share of the test catalog such as {@code 0.2}, or seconds such as
 *               {@code 300s} (by the tests' historical durations)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(List<String> files, String range, String story, List<AcceptanceCriterion> criteria,
                     String mode, String budget) {

    public Change(List<String> files, String range, String story, List<AcceptanceCriterion> criteria) {
        this(files, range, story, criteria, null, null);
    }
}
