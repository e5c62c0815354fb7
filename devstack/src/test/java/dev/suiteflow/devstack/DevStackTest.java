package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import dev.suiteflow.events.Topics;

/** Against the real infrastructure: a broker on 127.0.0.1:9092 (started, or reused) and PostgreSQL. */
class DevStackTest {

    @Test
    void brokerRunsAndTheSevenTopicsExistWithTheirPartitionCounts() throws Exception {
        KafkaBroker broker = DevStack.ensureInfrastructure();

        assertThat(Procs.accepting(KafkaBroker.HOST, KafkaBroker.PORT)).isTrue();
        try (Admin admin = KafkaBroker.admin(broker.bootstrapServers())) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<String, Integer> partitions = topics.values().stream().collect(Collectors.toMap(
                    TopicDescription::name, t -> t.partitions().size()));
            assertThat(partitions).isEqualTo(TopicSetup.plan());
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(1)));
        }
    }

    @Test
    void topicSetupIsIdempotent() {
        KafkaBroker broker = DevStack.ensureInfrastructure();

        TopicSetup.Outcome again = TopicSetup.ensureTopics(broker.bootstrapServers());

        assertThat(again.created()).isEmpty();
        assertThat(again.existing()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(again.warnings()).isEmpty();
    }

    @Test
    void ensureInfrastructureRunsOncePerJvm() {
        assertThat(DevStack.ensureInfrastructure()).isSameAs(DevStack.ensureInfrastructure());
        assertThat(new DevStackTestResource().start()).isEmpty();
    }
}
