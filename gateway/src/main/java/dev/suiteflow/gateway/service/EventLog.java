package dev.suiteflow.gateway.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.suiteflow.events.PhaseLog;
import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.events.SuiteEvent;
import dev.suiteflow.gateway.config.GatewayConfig;
import dev.suiteflow.support.messaging.IncomingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Appends a suite's events to {@code suite_event}, inside the consumer's transaction (so once per CloudEvent id,
 * with the consumed-event guard). The tenant's {@code tenant_stream} row is locked first, so a tenant's events
 * take their global ids in commit order; then the suite's {@code suite_stream} row gives the next {@code seq}.
 * Both locks last until commit, so readers that follow "everything after the last id I sent" never skip a row.
 * A PhaseLog also reserves room for its lines under the per-suite cap; lines over the cap are not stored and the
 * event is logged without them ({@code droppedLines} says how many).
 */
@ApplicationScoped
public class EventLog {

    /** Where a PhaseLog's stored lines go: numbers {@code firstN} .. {@code firstN + allowed - 1} of the suite. */
    public record Appended(long seq, long firstN, int allowed) {
    }

    private final ObjectMapper mapper;
    private final GatewayConfig config;

    public EventLog(ObjectMapper mapper, GatewayConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    /** The SSE event name of a payload: its record's simple name (SuitePlanned, PhaseLog, ...). */
    public static String name(SuiteEvent payload) {
        return payload.getClass().getSimpleName();
    }

    public Uni<Appended> append(IncomingEvent<SuiteEvent> event) {
        SuiteEvent payload = event.payload();
        int lines = payload instanceof PhaseLog log && log.lines() != null ? log.lines().size() : 0;
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO tenant_stream (tenant, events) VALUES (:tenant, 1)"
                        + " ON CONFLICT (tenant) DO UPDATE SET events = tenant_stream.events + 1")
                .setParameter("tenant", payload.tenant())
                .executeUpdate()
                .chain(() -> session.createNativeQuery("INSERT INTO suite_stream (suite_id, tenant, last_seq)"
                        + " VALUES (:suite, :tenant, 1)"
                        + " ON CONFLICT (suite_id) DO UPDATE SET last_seq = suite_stream.last_seq + 1")
                        .setParameter("suite", payload.suiteId())
                        .setParameter("tenant", payload.tenant())
                        .executeUpdate())
                .chain(() -> session.createNativeQuery("SELECT last_seq FROM suite_stream WHERE suite_id = :suite",
                        Long.class)
                        .setParameter("suite", payload.suiteId())
                        .getSingleResult())
                .chain(seq -> session.createNativeQuery("SELECT log_lines FROM suite_stream WHERE suite_id = :suite",
                        Long.class)
                        .setParameter("suite", payload.suiteId())
                        .getSingleResult()
                        .chain(used -> store(session, event, seq, used, lines))));
    }

    /** Reserves the PhaseLog's lines under the cap (if any) and inserts the event with its seq. */
    private Uni<Appended> store(Mutiny.Session session, IncomingEvent<SuiteEvent> event, long seq, long used,
            int lines) {
        SuiteEvent payload = event.payload();
        int allowed = (int) Math.max(0, Math.min(lines, config.logs().maxLinesPerSuite() - used));
        Uni<Integer> reserve = lines == 0 ? Uni.createFrom().item(0)
                : session.createNativeQuery("UPDATE suite_stream SET log_lines = log_lines + :allowed,"
                        + " dropped_lines = dropped_lines + :dropped WHERE suite_id = :suite")
                        .setParameter("allowed", (long) allowed)
                        .setParameter("dropped", (long) (lines - allowed))
                        .setParameter("suite", payload.suiteId())
                        .executeUpdate();
        String data = data(payload, lines - allowed);
        return reserve.chain(() -> session.createNativeQuery("INSERT INTO suite_event"
                + " (suite_id, seq, tenant, event_id, ce_type, type, time, data)"
                + " VALUES (:suite, :seq, :tenant, :eventId, :ceType, :type, :time, :data)")
                .setParameter("suite", payload.suiteId())
                .setParameter("seq", seq)
                .setParameter("tenant", payload.tenant())
                .setParameter("eventId", event.id())
                .setParameter("ceType", event.type())
                .setParameter("type", name(payload))
                .setParameter("time", event.time() == null ? Instant.now() : event.time())
                .setParameter("data", data)
                .executeUpdate())
                .map(ignored -> new Appended(seq, used + 1, allowed));
    }

    /**
     * The payload as the streams show it. SuiteAccepted carries the project's whole manifest: the stream shows its
     * project and revision only (GET /api/projects/{project} has the rest). A PhaseLog over the cap loses the
     * lines that were not stored.
     */
    private String data(SuiteEvent payload, int dropped) {
        ObjectNode node = mapper.valueToTree(payload);
        if (payload instanceof SuiteAccepted accepted && accepted.manifest() != null) {
            node.set("manifest", mapper.createObjectNode()
                    .put("project", accepted.manifest().project())
                    .put("revision", accepted.manifest().revision()));
        }
        if (payload instanceof PhaseLog log && dropped > 0) {
            var kept = mapper.createArrayNode();
            int keep = log.lines().size() - dropped;
            for (int i = 0; i < keep; i++) {
                kept.add(mapper.valueToTree(log.lines().get(i)));
            }
            node.set("lines", kept);
            node.put("droppedLines", dropped);
        }
        return node.toString();
    }
}
