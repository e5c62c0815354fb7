package dev.suiteflow.planner;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One phase of a suite's plan revision and how far it got. */
@Entity
@Table(name = "plan_phase")
@IdClass(PlanPhase.Key.class)
public class PlanPhase extends PanacheEntityBase {

    /** Primary key: suite, plan revision, phase name, shard. */
    public static class Key implements Serializable {
        public String suiteId;
        public int planRevision;
        public String name;
        public int shard;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.suiteId.equals(suiteId) && k.planRevision == planRevision
                    && k.name.equals(name) && k.shard == shard;
        }

        @Override
        public int hashCode() {
            return Objects.hash(suiteId, planRevision, name, shard);
        }
    }

    @Id
    @Column(name = "suite_id")
    public String suiteId;

    @Id
    @Column(name = "plan_revision")
    public int planRevision;

    @Id
    public String name;

    /** 1-based; a phase that is not sharded has one row, shard 1 of 1. */
    @Id
    public int shard;

    public int shards;

    /** Why a skipped phase did not run: the change reaches none of its tests, or fail-fast. */
    @Column(name = "skip_reason")
    public String skipReason;

    /** The sum of its tests' historical durations, null when unknown. */
    @Column(name = "expected_seconds")
    public Double expectedSeconds;

    @Column(name = "ord")
    public int order;

    @Column(name = "grp")
    public int group;

    public String status;

    @Column(name = "phase_run_id")
    public String phaseRunId;

    public int attempt;

    /** CommandSpec as JSON. */
    public String command;

    /** Selected test ids as JSON. */
    public String tests;

    /** SelectedTest list as JSON. */
    public String selection;

    @Column(name = "timeout_seconds")
    public long timeoutSeconds;

    @Column(name = "failure_class")
    public String failureClass;

    @Column(name = "tests_total")
    public int testsTotal;

    @Column(name = "tests_passed")
    public int testsPassed;

    @Column(name = "tests_failed")
    public int testsFailed;

    @Column(name = "tests_skipped")
    public int testsSkipped;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public boolean finished() {
        return switch (status) {
            case "passed", "failed", "errored", "cancelled", "skipped" -> true;
            default -> false;
        };
    }
}
