package dev.suiteflow.ingest;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Reads a topic of the real broker from its beginning and waits for records that match, so that tests do not
 * depend on what earlier runs left in the topic: they look for their own fresh ids.
 */
public final class KafkaRecords {

    public static final KafkaCompanion COMPANION = new KafkaCompanion("127.0.0.1:9092");

    private KafkaRecords() {
    }

    /** Waits until {@code topic} holds at least {@code count} records that match; returns them in order. */
    public static <V> List<ConsumerRecord<String, V>> await(ConsumerTask<String, V> task, int count,
            Predicate<ConsumerRecord<String, V>> match) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> task.getRecords().stream().filter(match).toList(), found -> found.size() >= count);
    }

    public static ConsumerTask<String, String> strings(String topic) {
        return COMPANION.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(topic);
    }

    public static ConsumerTask<String, byte[]> bytes(String topic) {
        return COMPANION.consume(String.class, byte[].class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic);
    }
}
