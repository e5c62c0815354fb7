package dev.suiteflow.executor.service;

import java.time.Instant;
import java.util.UUID;

import dev.suiteflow.events.PhaseRequested;

/** An attempt a worker claimed: its row id, what to run, and its queue wait. */
public record Claimed(UUID id, PhaseRequested request, long queueWaitMs, Instant startedAt) {
}
