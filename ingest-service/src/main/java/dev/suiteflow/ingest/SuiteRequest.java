package dev.suiteflow.ingest;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An accepted suite request. (tenant, requestId) is unique: the same request twice is one suite. */
@Entity
@Table(name = "suite_request")
public class SuiteRequest extends PanacheEntityBase {

    @Id
    @Column(name = "suite_id")
    public String suiteId;

    public String tenant;

    @Column(name = "request_id")
    public String requestId;

    public String project;

    /** {@code rest} or {@code kafka}. */
    public String origin;

    /** The normalised request as JSON. */
    public String request;

    @Column(name = "accepted_at")
    public Instant acceptedAt;
}
