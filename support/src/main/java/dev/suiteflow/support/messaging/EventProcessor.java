package dev.suiteflow.support.messaging;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

import dev.suiteflow.events.SuiteEvent;
import dev.suiteflow.support.Failures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Runs a consumer's handler for one Kafka message: decodes the CloudEvent, puts suiteId and tenant in
 * the MDC, and applies the handler in one transaction together with the consumed-event guard. A record
 * that cannot be decoded is logged and skipped. A transient failure (database down, say) is retried with
 * back-off for as long as it lasts, holding the partition, so that nothing is lost; any other failure is
 * retried a few times, then logged as an error and skipped so one bad event cannot stall a partition.
 */
@ApplicationScoped
public class EventProcessor {

    /** A transient failure (database or broker away) is retried until it goes: nothing accepted is lost. */
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    /**
     * Any other failure is a bug or a poison event: a few quick retries, then it is logged and skipped, so that it
     * holds up its partition for about a second, not a minute.
     */
    private static final Duration BUG_FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration BUG_MAX_BACKOFF = Duration.ofSeconds(1);
    private static final int MAX_ATTEMPTS = 2;

    private final EventCodec codec;
    private final ConsumedEvents consumed;

    public EventProcessor(EventCodec codec, ConsumedEvents consumed) {
        this.codec = codec;
        this.consumed = consumed;
    }

    /**
     * Processes the message once per consumer and acknowledges it.
     *
     * @param consumer name of the consuming component, part of the idempotency key
     * @param handler  state change for the event; runs inside the transaction
     */
    public Uni<Void> process(String consumer, Message<?> message,
            Function<IncomingEvent<SuiteEvent>, Uni<Void>> handler) {
        IncomingEvent<SuiteEvent> event;
        try {
            event = codec.decode(message);
        } catch (UnknownEventTypeException e) {
            Log.debugf("%s skipped an event it does not know: %s", consumer, e.getMessage());
            return Uni.createFrom().completionStage(message.ack());
        } catch (UndecodableEventException e) {
            Log.errorf("%s skipped an unreadable record: %s", consumer, e.getMessage());
            return Uni.createFrom().completionStage(message.ack());
        }
        MDC.put("suiteId", event.payload().suiteId());
        MDC.put("tenant", event.payload().tenant());
        return Panache.withTransaction(() -> consumed.firstDelivery(consumer, event.id())
                .chain(first -> {
                    if (!first) {
                        Log.debugf("%s already handled %s %s", consumer, event.type(), event.id());
                        return Uni.createFrom().voidItem();
                    }
                    return handler.apply(event);
                }))
                .onFailure().invoke(f -> Log.warnf("%s could not handle %s %s (%s); retrying", consumer,
                        event.type(), event.id(), f.getMessage()))
                .onFailure(Failures::isTransient).retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely()
                .onFailure().retry().withBackOff(BUG_FIRST_BACKOFF, BUG_MAX_BACKOFF).atMost(MAX_ATTEMPTS)
                .onFailure().recoverWithUni(f -> {
                    Log.errorf(f, "%s gave up on %s %s after %d attempts; the audit trail keeps the event",
                            consumer, event.type(), event.id(), MAX_ATTEMPTS + 1);
                    return Uni.createFrom().voidItem();
                })
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .eventually(() -> {
                    MDC.remove("suiteId");
                    MDC.remove("tenant");
                });
    }
}
