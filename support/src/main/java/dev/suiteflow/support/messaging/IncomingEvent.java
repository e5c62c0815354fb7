package dev.suiteflow.support.messaging;

import java.time.Instant;

import dev.suiteflow.events.SuiteEvent;

/**
 * A CloudEvent read from Kafka, its payload decoded to the contract's record.
 *
 * @param topic     where it came from
 * @param partition the Kafka partition
 * @param offset    the Kafka offset
 */
public record IncomingEvent<T extends SuiteEvent>(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        T payload,
        String topic,
        int partition,
        long offset) {
}
