package dev.suiteflow.gateway.messaging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Tells the SSE streams of this instance that events committed, whichever gateway instance consumed them: a
 * trigger on {@code suite_event} sends {@code NOTIFY <schema>_suite_event} with the suite id, seq, global id and
 * tenant, delivered at commit. A notice is only a wake-up call; streams read the events themselves from the
 * database, so a lost notice delays an event (until the stream's safety-net poll) but never loses it.
 */
@ApplicationScoped
public class LiveEvents {

    /** An event committed; {@code suiteId} null means "anything may have changed" (after a reconnect). */
    public record Notice(String suiteId, long seq, long id, String tenant) {

        static final Notice ANY = new Notice(null, 0, 0, null);

        public boolean any() {
            return suiteId == null;
        }
    }

    private final Set<Consumer<Notice>> listeners = ConcurrentHashMap.newKeySet();
    private final Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema", defaultValue = "gateway")
    String schema;

    private PgSubscriber subscriber;

    public LiveEvents(Vertx vertx) {
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(username).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        String channel = schema + "_suite_event";
        subscriber.channel(channel)
                .subscribeHandler(() -> {
                    Log.infof("SSE streams listening for committed events on channel %s", channel);
                    // (re)subscribed: notices may have been missed meanwhile
                    publish(Notice.ANY);
                })
                .handler(payload -> publish(parse(payload)));
        subscriber.connect().subscribe().with(ok -> {
        }, failure -> Log.warnf("SSE streams could not listen for events (%s); they poll instead",
                failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> {
            }, failure -> {
            });
        }
    }

    /** Calls the listener for every notice until the returned handle is run. */
    public Runnable listen(Consumer<Notice> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Number of listening streams (for tests and metrics). */
    public int listeners() {
        return listeners.size();
    }

    private void publish(Notice notice) {
        for (Consumer<Notice> listener : listeners) {
            try {
                listener.accept(notice);
            } catch (RuntimeException e) {
                Log.warnf("An SSE stream failed on a notice: %s", e.getMessage());
            }
        }
    }

    private static Notice parse(String payload) {
        try {
            JsonObject json = new JsonObject(payload);
            return new Notice(json.getString("suiteId"), json.getLong("seq", 0L), json.getLong("id", 0L),
                    json.getString("tenant"));
        } catch (RuntimeException e) {
            return Notice.ANY;
        }
    }
}
