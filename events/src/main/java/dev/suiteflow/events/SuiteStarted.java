package dev.suiteflow.events;

import java.time.Instant;

/** The first phase of the plan was requested. */
public record SuiteStarted(String suiteId, String tenant, int planRevision, Instant startedAt) implements SuiteEvent {
}
