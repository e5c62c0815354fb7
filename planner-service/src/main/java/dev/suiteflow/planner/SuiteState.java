package dev.suiteflow.planner;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A suite as the planner tracks it: the current state of its state machine. */
@Entity
@Table(name = "suite_state")
public class SuiteState extends PanacheEntityBase {

    @Id
    @Column(name = "suite_id")
    public String suiteId;

    public String tenant;

    public String project;

    /** accepted, planned, running, passed, failed, errored or cancelled: see SuiteStatus. */
    public String status;

    public String priority;

    /** urgent 0, high 1, normal 2, low 3: the queue's order. */
    @Column(name = "priority_rank")
    public int priorityRank;

    @Column(name = "fail_fast")
    public boolean failFast;

    @Column(name = "plan_revision")
    public int planRevision;

    @Column(name = "manifest_revision")
    public Integer manifestRevision;

    public String outcome;

    public String detail;

    @Column(name = "planned_at")
    public Instant plannedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** While awaiting approval: when no decision rejects the suite. */
    @Column(name = "approval_deadline")
    public Instant approvalDeadline;

    /** The workspace's git commit the current plan was made on, when the workspace was a clean checkout. */
    @Column(name = "code_revision")
    public String codeRevision;

    /** JSON array of the required criteria no test covers while requireCoverage blocks the suite, else null. */
    @Column(name = "uncovered_criteria")
    public String uncoveredCriteria;

    /** The manifest the suite was accepted with, as JSON (null for suites planned before it was kept). */
    public String manifest;

    /** The accepted request as JSON. */
    public String request;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
