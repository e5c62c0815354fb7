package dev.suiteflow.support.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.SuiteEvent;
import io.smallrye.mutiny.Uni;

/**
 * Writes events to the transactional outbox. Call it inside the transaction that changes the state the
 * event announces: the row commits (or rolls back) with that state, and the relay publishes it after
 * the commit. A database trigger notifies the relay at commit time, so publication follows at once.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Adds the event to the current transaction's outbox; its topic and type come from the contract. */
    public Uni<UUID> add(SuiteEvent payload) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.type = EventTypes.type(payload.getClass());
        row.topic = EventTypes.topicOf(payload.getClass());
        row.key = payload.suiteId();
        row.subject = payload.suiteId();
        row.tenant = payload.tenant();
        row.createdAt = Instant.now();
        try {
            row.payload = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot serialise " + row.type, e));
        }
        return row.persist().replaceWith(row.id);
    }
}
