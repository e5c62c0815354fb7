package dev.suiteflow.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The consumed-event guard: records a CloudEvent id per consumer in the same transaction as the state
 * change the event causes, so a redelivered event is recognised and changes nothing.
 */
@ApplicationScoped
public class ConsumedEvents {

    /**
     * Records the event for the consumer within the current transaction.
     *
     * @return true on the first delivery, false when the consumer has already handled this id
     */
    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO consumed_event (consumer, event_id) VALUES (:consumer, :id)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter("consumer", consumer)
                .setParameter("id", eventId)
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** Forgets ids long past any redelivery window. */
    @Scheduled(every = "1h", delayed = "10m")
    Uni<Void> purge() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM consumed_event WHERE consumed_at < now() - interval '14 days'")
                .executeUpdate()))
                .replaceWithVoid();
    }
}
