package dev.suiteflow.ingest;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A request from the topic that was refused, so a redelivery is answered once, the same way. */
@Entity
@Table(name = "rejected_request")
public class RejectedRequest extends PanacheEntityBase {

    /** {@code tenant/requestId}. */
    @Id
    public String key;

    public String tenant;

    @Column(name = "request_id")
    public String requestId;

    /** JSON array of field errors. */
    public String errors;

    @Column(name = "rejected_at")
    public Instant rejectedAt;
}
