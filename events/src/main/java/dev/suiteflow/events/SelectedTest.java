package dev.suiteflow.events;

import java.util.List;

/** A test chosen for a phase, with its rank score and the reasons a person can read. */
public record SelectedTest(String id, double score, List<String> reasons) {
}
