package dev.suiteflow.support.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An event waiting to be published, written in the same transaction as the state it announces. The
 * relay publishes rows in insertion order and deletes them once Kafka acknowledged them.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** The CloudEvent id. */
    @Id
    public UUID id;

    public String topic;

    @Column(name = "event_key")
    public String key;

    public String type;

    public String subject;

    public String tenant;

    /** The payload as JSON (the CloudEvent's {@code data}). */
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;
}
