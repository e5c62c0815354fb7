package dev.suiteflow.events;

/** An acceptance criterion of the story a change implements, e.g. {@code AC-1: "a locked account cannot log in"}. */
public record AcceptanceCriterion(String id, String text) {
}
