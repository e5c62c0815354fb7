package dev.suiteflow.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.suiteflow.events.Topics;

/**
 * Creates the seven topics of the wire contract ({@link Topics#ALL}) when they are missing, with explicit
 * partition counts: {@value #DEFAULT_PARTITIONS} for every topic keyed by suite id (or
 * {@code SUITEFLOW_TOPIC_PARTITIONS}), one for {@code suite-requests-dlq}; replication factor 1. Idempotent.
 */
public final class TopicSetup {

    /** Environment variable that overrides the partition count of the suite-keyed topics. */
    public static final String PARTITIONS_ENV = "SUITEFLOW_TOPIC_PARTITIONS";
    public static final int DEFAULT_PARTITIONS = 6;
    static final short REPLICATION_FACTOR = 1;

    private TopicSetup() {
    }

    /** What {@link #ensureTopics} did: topics created and topics that were there already. */
    public record Outcome(List<String> created, List<String> existing, List<String> warnings) {
    }

    /** Topic name → partitions, in the order of {@link Topics#ALL}, with the partition count from the environment. */
    public static Map<String, Integer> plan() {
        return plan(System.getenv(PARTITIONS_ENV));
    }

    /** Topic name → partitions; {@code partitionsSetting} is the value of {@value #PARTITIONS_ENV} (or null). */
    public static Map<String, Integer> plan(String partitionsSetting) {
        int suiteKeyed = parsePartitions(partitionsSetting);
        Map<String, Integer> plan = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            // The DLQ keeps the original records in arrival order for a person to inspect: one partition.
            plan.put(topic, topic.equals(Topics.SUITE_REQUESTS_DLQ) ? 1 : suiteKeyed);
        }
        return plan;
    }

    static int parsePartitions(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT_PARTITIONS;
        }
        try {
            int value = Integer.parseInt(setting.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PARTITIONS_ENV + "=" + setting + " is not a positive whole number");
        }
    }

    /** Creates the missing topics of {@link #plan()} on the broker at {@code bootstrapServers}. */
    public static Outcome ensureTopics(String bootstrapServers) {
        try (Admin admin = KafkaBroker.admin(bootstrapServers)) {
            return ensureTopics(admin, plan());
        }
    }

    /** Creates the missing topics of {@code plan}; a topic that exists is left as it is. */
    public static Outcome ensureTopics(Admin admin, Map<String, Integer> plan) {
        try {
            Set<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> created = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            List<NewTopic> missing = new ArrayList<>();
            plan.forEach((topic, partitions) -> {
                if (present.contains(topic)) {
                    existing.add(topic);
                } else {
                    missing.add(new NewTopic(topic, partitions, REPLICATION_FACTOR));
                }
            });
            if (!missing.isEmpty()) {
                var results = admin.createTopics(missing).values();
                for (NewTopic topic : missing) {
                    try {
                        results.get(topic.name()).get(30, TimeUnit.SECONDS);
                        created.add(topic.name());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                        existing.add(topic.name()); // created meanwhile by someone else: fine
                    }
                }
            }
            List<String> warnings = new ArrayList<>();
            if (!existing.isEmpty()) {
                Map<String, TopicDescription> described = admin.describeTopics(existing).allTopicNames()
                        .get(30, TimeUnit.SECONDS);
                described.forEach((name, description) -> {
                    int actual = description.partitions().size();
                    int wanted = plan.get(name);
                    if (actual != wanted) {
                        warnings.add("topic " + name + " has " + actual + " partitions, the plan says " + wanted
                                + " (left as it is; delete .run/kafka to start afresh)");
                    }
                });
            }
            return new Outcome(List.copyOf(created), List.copyOf(existing), List.copyOf(warnings));
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the Kafka topics: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the Kafka topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s while creating the topics", e);
        }
    }
}
