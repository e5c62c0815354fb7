package dev.suiteflow.audit;

import java.time.Instant;

/**
 * A record read from Kafka as the trail records it, before it gets its place (seq) and hash in its suite's chain.
 *
 * @param eventId   the CloudEvent id; for a record without one, {@code <kind>:<topic>:<partition>:<offset>}
 * @param time      the CloudEvent time (or the Kafka timestamp for a record without one), truncated to microseconds
 * @param tenant    the payload's tenant, or {@link #UNKNOWN_TENANT}
 * @param suiteId   the chain the record belongs to: the payload's suite id (request id for SuiteRequested), else
 *                  the CloudEvent subject, else the Kafka key, else {@link #UNKNOWN_SUITE}
 * @param payload   canonical JSON text (see {@code HashChain#canonicalJson})
 */
public record TrailEvent(
        String eventId,
        String type,
        String source,
        String subject,
        String topic,
        int partition,
        long offset,
        Instant time,
        String tenant,
        String suiteId,
        String payload) {

    /** Type of an entry that records a record nobody could read. */
    public static final String UNDECODABLE = "suiteflow.undecodable";

    /** Tenant of records that name none; not a valid tenant id, so it never collides with a real one. */
    public static final String UNKNOWN_TENANT = "_unknown";

    /** Suite of records that name none and have no Kafka key. */
    public static final String UNKNOWN_SUITE = "unknown";
}
