package dev.suiteflow.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What changed: files relative to the workspace and/or a git range {@code base..head}, and the story
 * with its acceptance criteria. Every field is optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(List<String> files, String range, String story, List<AcceptanceCriterion> criteria) {
}
