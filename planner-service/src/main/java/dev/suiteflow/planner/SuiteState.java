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

    /** accepted (planning and execution arrive with the lifecycle issue). */
    public String status;

    public String priority;

    /** The accepted request as JSON. */
    public String request;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
