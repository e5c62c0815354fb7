package dev.suiteflow.executor;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One attempt of one phase of a suite, as a worker runs it. */
@Entity
@Table(name = "phase_run")
public class PhaseRun extends PanacheEntityBase {

    @Id
    @Column(name = "phase_run_id")
    public String phaseRunId;

    @Column(name = "suite_id")
    public String suiteId;

    public String tenant;

    public String phase;

    public int attempt;

    public String status;

    public String worker;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
