package dev.suiteflow.executor;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One attempt of one phase run: queued when its PhaseRequested arrives, running while a worker holds its lease
 * (and a permit of its tenant), finished once with its outcome.
 */
@Entity
@Table(name = "phase_attempt")
public class PhaseAttempt extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";

    @Id
    public UUID id;

    @Column(name = "phase_run_id")
    public String phaseRunId;

    public int attempt;

    @Column(name = "suite_id")
    public String suiteId;

    public String tenant;

    public String phase;

    public String priority;

    @Column(name = "priority_rank")
    public int priorityRank;

    /** The PhaseRequested payload (JSON) this attempt runs. */
    public String request;

    public String status;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "queued_at")
    public Instant queuedAt;

    public String worker;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "permit_held")
    public boolean permitHeld;

    @Column(name = "cancel_requested")
    public boolean cancelRequested;

    public String outcome;

    @Column(name = "failure_class")
    public String failureClass;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(name = "queue_wait_ms")
    public Long queueWaitMs;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** 0 urgent, 1 high, 2 normal (also unknown or missing), 3 low. */
    public static int rank(String priority) {
        if (priority == null) {
            return 2;
        }
        return switch (priority) {
            case "urgent" -> 0;
            case "high" -> 1;
            case "low" -> 3;
            default -> 2;
        };
    }
}
