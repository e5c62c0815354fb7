package dev.suiteflow.audit.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.suiteflow.audit.AuditEntry;
import dev.suiteflow.audit.TrailEvent;
import dev.suiteflow.audit.service.HashChain;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL of the trail: chain heads (locked while appending) and append-only entries. */
@ApplicationScoped
public class AuditEntryRepository {

    private static final String COLUMNS = "seq, event_id, type, source, subject, topic, kafka_partition, kafka_offset,"
            + " event_time, recorded_at, tenant, suite_id, payload, prev_hash, hash";

    private final Pool pool;

    public AuditEntryRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** The head of a chain: the last seq and its hash (0 and {@link HashChain#GENESIS} for an empty chain). */
    public record Head(long seq, String hash) {
    }

    /** Creates the chain's head if missing and locks it until the transaction ends. */
    public Uni<Head> lockHead(SqlClient tx, String tenant, String suiteId) {
        return tx.preparedQuery("INSERT INTO chain_head (tenant, suite_id, seq, hash) VALUES ($1, $2, 0, $3)"
                + " ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenant, suiteId, HashChain.GENESIS))
                .chain(() -> tx.preparedQuery("SELECT seq, hash FROM chain_head WHERE tenant = $1 AND suite_id = $2"
                        + " FOR UPDATE").execute(Tuple.of(tenant, suiteId)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Head(row.getLong("seq"), row.getString("hash"));
                });
    }

    /** Inserts the entry unless its event id is already in the trail; true when it was inserted. */
    public Uni<Boolean> insert(SqlClient tx, TrailEvent e, long seq, String prevHash, String hash) {
        Tuple values = Tuple.tuple().addString(e.tenant()).addString(e.suiteId()).addLong(seq)
                .addString(e.eventId()).addString(e.type()).addString(e.source()).addString(e.subject()).addString(e.topic())
                .addInteger(e.partition()).addLong(e.offset())
                .addValue(e.time() == null ? null : e.time().atOffset(ZoneOffset.UTC))
                .addString(e.payload()).addString(prevHash).addString(hash);
        return tx.preparedQuery("INSERT INTO audit_entry (tenant, suite_id, seq, event_id, type, source, subject,"
                + " topic, kafka_partition, kafka_offset, event_time, payload, prev_hash, hash)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
                + " ON CONFLICT (event_id) DO NOTHING")
                .execute(values)
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> advanceHead(SqlClient tx, String tenant, String suiteId, long seq, String hash) {
        return tx.preparedQuery("UPDATE chain_head SET seq = $3, hash = $4, updated_at = now()"
                + " WHERE tenant = $1 AND suite_id = $2")
                .execute(Tuple.of(tenant, suiteId, seq, hash))
                .replaceWithVoid();
    }

    /** The head of a tenant's suite, empty when the tenant has no such suite. */
    public Uni<Optional<Head>> head(String tenant, String suiteId) {
        return pool.preparedQuery("SELECT seq, hash FROM chain_head WHERE tenant = $1 AND suite_id = $2 AND seq > 0")
                .execute(Tuple.of(tenant, suiteId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Head(row.getLong("seq"), row.getString("hash")));
                });
    }

    /** Entries with seq > afterSeq, in seq order, at most limit of them. */
    public Uni<List<AuditEntry>> page(String tenant, String suiteId, long afterSeq, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_entry WHERE tenant = $1 AND suite_id = $2"
                + " AND seq > $3 ORDER BY seq LIMIT $4")
                .execute(Tuple.of(tenant, suiteId, afterSeq, limit))
                .map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>(rows.size());
                    rows.forEach(row -> entries.add(entry(row)));
                    return entries;
                });
    }

    private static AuditEntry entry(Row row) {
        OffsetDateTime time = row.getOffsetDateTime("event_time");
        return new AuditEntry(row.getLong("seq"), row.getString("event_id"), row.getString("type"),
                row.getString("source"), row.getString("subject"), row.getString("topic"),
                row.getInteger("kafka_partition"), row.getLong("kafka_offset"),
                time == null ? null : HashChain.formatTime(time.toInstant()),
                row.getOffsetDateTime("recorded_at").toInstant(), row.getString("tenant"), row.getString("suite_id"),
                row.getString("payload"), row.getString("prev_hash"), row.getString("hash"));
    }
}
