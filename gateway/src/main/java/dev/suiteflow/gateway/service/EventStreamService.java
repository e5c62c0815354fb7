package dev.suiteflow.gateway.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.suiteflow.gateway.config.GatewayConfig;
import dev.suiteflow.gateway.messaging.LiveEvents;
import dev.suiteflow.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SSE streams: a suite's events (ids = the suite's {@code seq}) and a tenant's events (ids = the global
 * {@code suite_event.id}). A stream first listens for notices, then reads from the database everything after the
 * last id it sent, in batches, and waits for the next notice (or the safety-net poll) when it has caught up. The
 * database is the only source of events, and ids are given in commit order, so replay and live delivery are one
 * loop: no gap, no duplicate. A suite's stream ends once the suite has been final for a short grace period
 * ({@code suiteflow.gateway.sse.final-grace}: log lines and results travel on other topics and may trail the final
 * lifecycle event) and everything is sent. A finished suite that is re-run is not final any more: a stream that is
 * still open follows the re-run, and while a re-run asked for through the gateway waits for its plan the stream of
 * the finished suite stays open (rather than ending, or answering 204) so that a client connecting then sees it.
 */
@ApplicationScoped
public class EventStreamService {

    /** How a stream starts: 200 and its events, or 204 (a final suite with nothing after Last-Event-ID). */
    public record Start(int status, Multi<OutboundSseEvent> events) {
    }

    private record Batch(List<OutboundSseEvent> events, boolean done) {
    }

    /** Where a stream's source stands: still going, final but within the grace period, or final for good. */
    private enum State {
        OPEN, SETTLING, FINAL
    }

    /** What a stream reads. */
    private interface Source {

        boolean wakes(LiveEvents.Notice notice);

        /** FINAL when the stream may end once it has caught up. */
        Uni<State> state();

        Uni<List<Row>> after(long cursor, int limit);

        long cursor(Row row);
    }

    /** The mutable part of one stream. */
    private static final class Cursor {
        volatile long last;
        volatile long lastSentAt = System.nanoTime();
        final AtomicLong version = new AtomicLong();
        final AtomicReference<CompletableFuture<Void>> waiter = new AtomicReference<>();

        Cursor(long last) {
            this.last = last;
        }

        void wake() {
            version.incrementAndGet();
            CompletableFuture<Void> waiting = waiter.getAndSet(null);
            if (waiting != null) {
                waiting.complete(null);
            }
        }

        /** Completes at the next wake-up after {@code seen}, or after {@code timeout}. */
        Uni<Void> await(long seen, Duration timeout) {
            CompletableFuture<Void> next = new CompletableFuture<>();
            waiter.set(next);
            if (version.get() != seen) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().completionStage(next).ifNoItem().after(timeout).recoverWithItem((Void) null);
        }
    }

    private static final Duration SETTLING_POLL = Duration.ofMillis(250);

    private final Pool pool;
    private final LiveEvents live;
    private final GatewayConfig config;

    public EventStreamService(Pool pool, LiveEvents live, GatewayConfig config) {
        this.pool = pool;
        this.live = live;
        this.config = config;
    }

    /** The events of a suite of the tenant after {@code afterSeq}; 404 when the tenant has no such suite. */
    public Uni<Start> suite(Sse sse, String tenant, String suiteId, long afterSeq) {
        Source source = new Source() {
            @Override
            public boolean wakes(LiveEvents.Notice notice) {
                return notice.any() || suiteId.equals(notice.suiteId());
            }

            @Override
            public Uni<State> state() {
                return suiteState(tenant, suiteId);
            }

            @Override
            public Uni<List<Row>> after(long cursor, int limit) {
                return rows(pool.preparedQuery("SELECT id, suite_id, seq, event_id, ce_type, type, time, data"
                        + " FROM suite_event WHERE suite_id = $1 AND tenant = $2 AND seq > $3 ORDER BY seq LIMIT $4")
                        .execute(Tuple.of(suiteId, tenant, cursor, limit)));
            }

            @Override
            public long cursor(Row row) {
                return row.getLong("seq");
            }
        };
        return status(tenant, suiteId).chain(status -> {
            if (status == null) {
                throw ProblemException.notFound("Suite " + suiteId);
            }
            return suiteState(tenant, suiteId);
        }).chain(state -> {
            if (state == State.OPEN) {
                return Uni.createFrom().item(new Start(200, stream(sse, source, afterSeq)));
            }
            return source.after(afterSeq, 1).map(rows -> rows.isEmpty()
                    ? new Start(204, Multi.createFrom().empty())
                    : new Start(200, stream(sse, source, afterSeq)));
        });
    }

    /**
     * The events of every suite of the tenant after global id {@code afterId}; without one, from now on. Never
     * ends.
     */
    public Multi<OutboundSseEvent> tenant(Sse sse, String tenant, Long afterId) {
        Source source = new Source() {
            @Override
            public boolean wakes(LiveEvents.Notice notice) {
                return notice.any() || tenant.equals(notice.tenant());
            }

            @Override
            public Uni<State> state() {
                return Uni.createFrom().item(State.OPEN);
            }

            @Override
            public Uni<List<Row>> after(long cursor, int limit) {
                return rows(pool.preparedQuery("SELECT id, suite_id, seq, event_id, ce_type, type, time, data"
                        + " FROM suite_event WHERE tenant = $1 AND id > $2 ORDER BY id LIMIT $3")
                        .execute(Tuple.of(tenant, cursor, limit)));
            }

            @Override
            public long cursor(Row row) {
                return row.getLong("id");
            }
        };
        if (afterId != null) {
            return stream(sse, source, afterId);
        }
        // listen first, then take the newest id as the starting point: nothing committed afterwards is missed
        return Multi.createFrom().deferred(() -> {
            Cursor cursor = new Cursor(Long.MAX_VALUE);
            Runnable stop = live.listen(notice -> {
                if (source.wakes(notice)) {
                    cursor.wake();
                }
            });
            return Multi.createFrom().uni(pool.preparedQuery("SELECT COALESCE(max(id), 0) AS newest FROM suite_event"
                    + " WHERE tenant = $1").execute(Tuple.of(tenant))
                    .map(rows -> rows.iterator().next().getLong("newest")))
                    .onItem().transformToMultiAndConcatenate(newest -> {
                        cursor.last = newest;
                        return loop(sse, source, cursor);
                    })
                    .onTermination().invoke(stop);
        });
    }

    private Multi<OutboundSseEvent> stream(Sse sse, Source source, long after) {
        return Multi.createFrom().deferred(() -> {
            Cursor cursor = new Cursor(after);
            Runnable stop = live.listen(notice -> {
                if (source.wakes(notice)) {
                    cursor.wake();
                }
            });
            return loop(sse, source, cursor).onTermination().invoke(stop);
        });
    }

    private Multi<OutboundSseEvent> loop(Sse sse, Source source, Cursor cursor) {
        int batchSize = config.sse().batchSize();
        return Multi.createBy().repeating().uni(() -> {
            long seen = cursor.version.get();
            return source.state().chain(state -> source.after(cursor.last, batchSize).chain(rows -> {
                boolean finished = state == State.FINAL;
                if (!rows.isEmpty()) {
                    List<OutboundSseEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(event(sse, row, source.cursor(row)));
                    }
                    cursor.last = source.cursor(rows.get(rows.size() - 1));
                    cursor.lastSentAt = System.nanoTime();
                    // not done yet even when final: the state is looked at again before the end, so that a re-run
                    // planned meanwhile (its SuitePlanned may be in this very batch) keeps the stream going
                    return Uni.createFrom().item(new Batch(events, false));
                }
                if (finished) {
                    return Uni.createFrom().item(new Batch(List.of(), true));
                }
                Duration wait = state == State.SETTLING ? SETTLING_POLL : config.sse().pollInterval();
                return cursor.await(seen, wait).map(ignored -> {
                    if (System.nanoTime() - cursor.lastSentAt >= config.sse().keepAlive().toNanos()) {
                        cursor.lastSentAt = System.nanoTime();
                        return new Batch(List.of(sse.newEventBuilder().comment("keep-alive").build()), false);
                    }
                    return new Batch(List.of(), false);
                });
            }));
        })
                .whilst(batch -> !batch.done())
                .onItem().transformToIterable(Batch::events);
    }

    /** {@code id: <cursor>}, {@code event: <Event>}, {@code data: {"id", "type", "time", "suiteId", "seq", "data"}}. */
    private static OutboundSseEvent event(Sse sse, Row row, long id) {
        String time = row.getOffsetDateTime("time") == null ? null
                : row.getOffsetDateTime("time").toInstant().toString();
        String json = "{\"id\":" + Json.encode(row.getString("event_id"))
                + ",\"type\":" + Json.encode(row.getString("ce_type"))
                + ",\"time\":" + (time == null ? "null" : Json.encode(time))
                + ",\"suiteId\":" + Json.encode(row.getString("suite_id"))
                + ",\"seq\":" + row.getLong("seq")
                + ",\"data\":" + row.getString("data") + "}";
        return sse.newEventBuilder().id(Long.toString(id)).name(row.getString("type")).data(json).build();
    }

    /**
     * OPEN while the suite is not final, or while a re-run asked for through the gateway waits for its new plan
     * (within {@code suiteflow.gateway.rerun.pending-window}: the suite will leave its final status); SETTLING
     * within the final grace period; FINAL after it.
     */
    private Uni<State> suiteState(String tenant, String suiteId) {
        return pool.preparedQuery("SELECT status, updated_at < now() - make_interval(secs => $3) AS settled,"
                + " (rerun_requested_revision = plan_revision"
                + " AND rerun_requested_at > now() - make_interval(secs => $4)) AS rerun_pending"
                + " FROM suite WHERE suite_id = $1 AND tenant = $2")
                .execute(Tuple.of(suiteId, tenant, config.sse().finalGrace().toMillis() / 1000.0,
                        config.rerun().pendingWindow().toMillis() / 1000.0))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return State.OPEN;
                    }
                    Row row = rows.iterator().next();
                    if (!ReadModelService.FINAL.contains(row.getString("status"))
                            || Boolean.TRUE.equals(row.getBoolean("rerun_pending"))) {
                        return State.OPEN;
                    }
                    return Boolean.TRUE.equals(row.getBoolean("settled")) ? State.FINAL : State.SETTLING;
                });
    }

    private Uni<String> status(String tenant, String suiteId) {
        return pool.preparedQuery("SELECT status FROM suite WHERE suite_id = $1 AND tenant = $2")
                .execute(Tuple.of(suiteId, tenant))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("status"));
    }

    private static Uni<List<Row>> rows(Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> query) {
        return query.map(rows -> {
            List<Row> list = new ArrayList<>(rows.size());
            rows.forEach(list::add);
            return list;
        });
    }
}
