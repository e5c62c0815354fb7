package dev.suiteflow.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The gateway's read model of a suite, kept up to date from suite-lifecycle. A phase event that overtakes
 * SuiteAccepted creates the row with only its id, tenant and status {@code pending}; SuiteAccepted fills in the
 * request's fields.
 */
@Entity
@Table(name = "suite")
public class Suite extends PanacheEntityBase {

    @Id
    @Column(name = "suite_id")
    public String suiteId;

    public String tenant;

    @Column(name = "request_id")
    public String requestId;

    public String project;

    /** pending, accepted, planned, awaiting_approval, running, passed, failed, errored, cancelled, rejected. */
    public String status;

    public String priority;

    /** JSON array of the requested kinds. */
    public String kinds;

    @Column(name = "fail_fast")
    public Boolean failFast;

    public String origin;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "plan_revision")
    public Integer planRevision;

    public String outcome;

    /** A sentence on the last change (why it was cancelled, say). */
    public String detail;

    @Column(name = "manifest_revision")
    public Integer manifestRevision;

    /** JSON: the plan's acceptance-criteria coverage. */
    public String coverage;

    /** JSON: SuiteTotals from SuiteCompleted. */
    public String totals;

    /** JSON: the field errors of a rejected request. */
    public String errors;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "cancel_requested_by")
    public String cancelRequestedBy;

    @Column(name = "cancel_requested_at")
    public Instant cancelRequestedAt;

    /** JSON: the required criteria without a test, from the latest ApprovalRequested (blocks an approval). */
    @Column(name = "uncovered_criteria")
    public String uncoveredCriteria;

    @Column(name = "approval_deadline")
    public Instant approvalDeadline;

    @Column(name = "rerun_requested_by")
    public String rerunRequestedBy;

    @Column(name = "rerun_requested_at")
    public Instant rerunRequestedAt;

    /** all or failed. */
    @Column(name = "rerun_scope")
    public String rerunScope;

    /** The plan revision that was current when the re-run was asked for: pending while it is still current. */
    @Column(name = "rerun_requested_revision")
    public Integer rerunRequestedRevision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
