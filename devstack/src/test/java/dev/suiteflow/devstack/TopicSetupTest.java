package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.suiteflow.events.Topics;

class TopicSetupTest {

    @Test
    void planGivesSixPartitionsToEverySuiteKeyedTopicAndOneToTheDlq() {
        Map<String, Integer> plan = TopicSetup.plan(null);

        assertThat(plan).containsExactly(
                entry(Topics.SUITE_REQUESTS, 6),
                entry(Topics.SUITE_REQUESTS_DLQ, 1),
                entry(Topics.SUITE_LIFECYCLE, 6),
                entry(Topics.SUITE_COMMANDS, 6),
                entry(Topics.PHASE_REQUESTS, 6),
                entry(Topics.PHASE_RESULTS, 6),
                entry(Topics.PHASE_PROGRESS, 6));
    }

    @Test
    void planCoversExactlyTheTopicsOfTheContract() {
        assertThat(TopicSetup.plan(null).keySet()).containsExactlyElementsOf(Topics.ALL);
    }

    @Test
    void partitionSettingChangesTheSuiteKeyedTopicsOnly() {
        Map<String, Integer> plan = TopicSetup.plan(" 3 ");

        assertThat(plan).containsEntry(Topics.SUITE_LIFECYCLE, 3).containsEntry(Topics.SUITE_REQUESTS_DLQ, 1);
        assertThat(plan.values()).containsOnly(3, 1);
    }

    @Test
    void rejectsAPartitionSettingThatIsNotAPositiveNumber() {
        assertThatThrownBy(() -> TopicSetup.plan("0")).hasMessageContaining("SUITEFLOW_TOPIC_PARTITIONS=0");
        assertThatThrownBy(() -> TopicSetup.plan("six")).hasMessageContaining("not a positive whole number");
    }
}
