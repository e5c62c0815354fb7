package dev.suiteflow.audit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

import dev.suiteflow.audit.TrailEvent;
import dev.suiteflow.audit.service.AuditService;
import dev.suiteflow.support.Failures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Chains every record of every topic into its suite's trail. Records arrive as raw bytes, so the trail keeps what
 * was sent; one that cannot be read is recorded as {@value TrailEvent#UNDECODABLE}. Idempotent on the event id: a
 * redelivery appends nothing. A database outage is retried for as long as it lasts, holding the partition so that
 * nothing is lost; any other failure is retried a few times, then logged as an error and skipped, so that one record
 * can never stall a partition.
 */
@ApplicationScoped
public class AuditConsumer {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    private static final int MAX_ATTEMPTS = 5;

    private final AuditService audit;

    public AuditConsumer(AuditService audit) {
        this.audit = audit;
    }

    @Incoming("suite-requests")
    public Uni<Void> suiteRequests(Message<byte[]> message) {
        return record(message);
    }

    @Incoming("suite-lifecycle")
    public Uni<Void> suiteLifecycle(Message<byte[]> message) {
        return record(message);
    }

    @Incoming("suite-commands")
    public Uni<Void> suiteCommands(Message<byte[]> message) {
        return record(message);
    }

    @Incoming("phase-requests")
    public Uni<Void> phaseRequests(Message<byte[]> message) {
        return record(message);
    }

    @Incoming("phase-results")
    public Uni<Void> phaseResults(Message<byte[]> message) {
        return record(message);
    }

    @Incoming("phase-progress")
    public Uni<Void> phaseProgress(Message<byte[]> message) {
        return record(message);
    }

    @SuppressWarnings("unchecked")
    Uni<Void> record(Message<byte[]> message) {
        TrailEvent event;
        try {
            event = RecordDecoder.decode(raw(message));
        } catch (RuntimeException e) {
            // RecordDecoder records what it cannot read; this is a bug, not a bad record.
            Log.errorf(e, "Could not read a record for the audit trail; skipped");
            return Uni.createFrom().completionStage(message.ack());
        }
        MDC.put("suiteId", event.suiteId());
        MDC.put("tenant", event.tenant());
        if (TrailEvent.UNDECODABLE.equals(event.type())) {
            Log.warnf("Recording an unreadable record of %s (%s) in the audit trail", event.topic(), event.eventId());
        }
        return audit.append(event)
                .invoke(seq -> Log.debugf("%s %s: %s", event.type(), event.eventId(),
                        seq.map(n -> "entry " + n).orElse("already in the trail")))
                .onFailure().invoke(f -> Log.warnf("Could not append %s %s (%s); retrying", event.type(),
                        event.eventId(), f.getMessage()))
                .onFailure(Failures::isTransient).retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely()
                .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(MAX_ATTEMPTS)
                .onFailure().recoverWithItem(f -> {
                    Log.errorf(f, "Gave up appending %s %s of %s/%d@%d to the audit trail", event.type(),
                            event.eventId(), event.topic(), event.partition(), event.offset());
                    return null;
                })
                .replaceWithVoid()
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .eventually(() -> {
                    MDC.remove("suiteId");
                    MDC.remove("tenant");
                });
    }

    @SuppressWarnings("unchecked")
    private static RecordDecoder.RawRecord raw(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<Object, Object> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        Map<String, String> headers = new HashMap<>();
        for (Header header : kafka.getHeaders()) {
            if (header.key().startsWith("ce_") && header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return new RecordDecoder.RawRecord(kafka.getTopic(), kafka.getPartition(), kafka.getOffset(),
                kafka.getKey() == null ? null : String.valueOf(kafka.getKey()), kafka.getTimestamp(), headers,
                message.getPayload());
    }
}
