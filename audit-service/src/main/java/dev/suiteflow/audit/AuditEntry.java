package dev.suiteflow.audit;

import java.time.Instant;

/**
 * One entry of a suite's trail, as stored (append-only) and as read back.
 *
 * @param seq      position in the suite's chain, from 1
 * @param time     event time as hashed: UTC, {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, or null
 * @param payload  canonical JSON text, exactly as hashed
 * @param prevHash hash of entry seq - 1; 64 zeros for seq 1
 * @param hash     SHA-256 (hex) of the entry's fields and prevHash (see README)
 */
public record AuditEntry(
        long seq,
        String eventId,
        String type,
        String source,
        String subject,
        String topic,
        int partition,
        long offset,
        String time,
        Instant recordedAt,
        String tenant,
        String suiteId,
        String payload,
        String prevHash,
        String hash) {
}
