package dev.suiteflow.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The gateway's read model of a suite, kept up to date from suite-lifecycle. */
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

    /** accepted, planned, awaiting_approval, running, passed, failed, errored, cancelled. */
    public String status;

    public String priority;

    /** JSON array of the requested kinds. */
    public String kinds;

    @Column(name = "fail_fast")
    public boolean failFast;

    public String origin;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "plan_revision")
    public Integer planRevision;

    public String outcome;

    /** A sentence on the last change (why it was cancelled, say). */
    public String detail;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
