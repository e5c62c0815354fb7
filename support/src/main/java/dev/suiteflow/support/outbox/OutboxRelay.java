package dev.suiteflow.support.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Publishes outbox rows to Kafka as structured CloudEvents, in insertion order, and deletes them once
 * the broker acknowledged them. It drains when the database announces a commit (a trigger on the
 * outbox table calls {@code pg_notify}), and on a slow safety-net poll ({@code suiteflow.outbox.poll-interval}). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several replicas never publish the same row at the same time;
 * a crash between publication and deletion publishes again, which consumers absorb by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper mapper;

    @Inject
    @Channel("outbox")
    MutinyEmitter<Object> emitter;

    @ConfigProperty(name = "suiteflow.service")
    String service;

    @ConfigProperty(name = "suiteflow.outbox.poll-interval", defaultValue = "1s")
    Duration pollInterval;

    @ConfigProperty(name = "suiteflow.outbox.batch-size", defaultValue = "256")
    int batchSize;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Inject
    MeterRegistry registry;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private long pollTimer = -1;
    private PgSubscriber subscriber;
    private Counter published;

    void start(@Observes StartupEvent event) {
        published = registry.counter("suiteflow.outbox.published");
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(username).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> 1_000L);
        subscriber.channel(service + "_outbox").handler(ignored -> wake());
        // Safety net: publishes rows whose notification was missed (relay restarted, another replica died).
        pollTimer = vertx.setPeriodic(pollInterval.toMillis(), id -> wake());
        subscriber.connect().subscribe().with(
                ok -> {
                    Log.infof("Outbox relay listening for commits on channel %s_outbox", service);
                    wake();
                },
                failure -> Log.warnf("Outbox relay could not listen for commits (%s); polling only",
                        failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> {
            }, failure -> {
            });
        }
    }


    /** Starts a drain now, or right after the one under way. */
    public void wake() {
        if (stopped) {
            return;
        }
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        drainAll().subscribe().with(
                count -> finish(),
                failure -> {
                    Log.warnf("Outbox relay could not publish (%s); will retry", failure.getMessage());
                    draining.set(false);
                });
    }

    private void finish() {
        draining.set(false);
        if (again.get()) {
            wake();
        }
    }

    private Uni<Integer> drainAll() {
        return drainBatch().chain(count -> count >= batchSize
                ? drainAll().map(more -> count + more)
                : Uni.createFrom().item(count));
    }

    private Uni<Integer> drainBatch() {
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT id, topic, event_key, type, subject, payload, created_at FROM outbox_event"
                        + " ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return publish(batch).chain(() -> delete(conn, batch)).map(ignored -> batch.size());
                }));
    }

    private Uni<Void> publish(List<Row> batch) {
        List<Uni<Void>> sends = new ArrayList<>(batch.size());
        for (Row row : batch) {
            sends.add(emitter.sendMessage(toMessage(row)));
        }
        return Uni.join().all(sends).andFailFast().invoke(() -> published.increment(batch.size())).replaceWithVoid();
    }

    private Message<Object> toMessage(Row row) {
        Map<String, Object> data;
        try {
            data = mapper.readValue(row.getString("payload"), JSON_OBJECT);
        } catch (Exception e) {
            throw new IllegalStateException("Outbox row " + row.getUUID("id") + " holds invalid JSON", e);
        }
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
                .withId(row.getUUID("id").toString())
                .withType(row.getString("type"))
                .withSource(URI.create("/suiteflow/" + service))
                .withSubject(row.getString("subject"))
                .withDataContentType("application/json")
                .withTimestamp(row.getOffsetDateTime("created_at").atZoneSameInstant(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("event_key"))
                .build();
        return Message.<Object>of(data).addMetadata(ce).addMetadata(kafka);
    }

    private Uni<Void> delete(SqlConnection conn, List<Row> batch) {
        UUID[] ids = batch.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
        return conn.preparedQuery("DELETE FROM outbox_event WHERE id = ANY($1)")
                .execute(Tuple.of(ids)).replaceWithVoid();
    }
}
