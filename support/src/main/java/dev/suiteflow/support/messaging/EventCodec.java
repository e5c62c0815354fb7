package dev.suiteflow.support.messaging;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.SuiteEvent;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;

/** Decodes structured CloudEvents received through SmallRye's Kafka connector into contract records. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Decodes a message.
     *
     * @throws UndecodableEventException when the record is not a CloudEvent of the contract
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public IncomingEvent<SuiteEvent> decode(Message<?> message) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new UndecodableEventException("the record is not a CloudEvent"));
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Class<?> payloadClass = EventTypes.lookup(ce.getType())
                .map(EventTypes.Registration::payload)
                .orElseThrow(() -> new UnknownEventTypeException("unknown event type " + ce.getType()));
        Object data = message.getPayload();
        SuiteEvent payload;
        try {
            String json = data instanceof JsonObject object ? object.encode() : String.valueOf(data);
            payload = (SuiteEvent) mapper.readValue(json, payloadClass);
        } catch (Exception e) {
            throw new UndecodableEventException("the data of " + ce.getType() + " " + ce.getId()
                    + " does not match its schema: " + e.getMessage());
        }
        Instant time = ce.getTimeStamp().map(t -> t.toInstant()).orElse(null);
        return new IncomingEvent<>(ce.getId(), ce.getType(), String.valueOf(ce.getSource()),
                ce.getSubject().orElse(null), time, payload,
                kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse(null),
                kafka.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1),
                kafka.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L));
    }
}
