package dev.suiteflow.gateway.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How a phase's status follows from its shards' statuses. */
class PhaseStatusTest {

    @Test
    void aPhaseRunsWhileAnyShardRuns() {
        assertThat(SuiteQueries.status(List.of("running", "failed", "errored", "passed"))).isEqualTo("running");
        assertThat(SuiteQueries.status(List.of("passed", "planned"))).isEqualTo("running");
    }

    @Test
    void aFailedShardFailsThePhaseAndAnErroredOneErrsItWhenNoneFailed() {
        assertThat(SuiteQueries.status(List.of("passed", "errored", "failed"))).isEqualTo("failed");
        assertThat(SuiteQueries.status(List.of("passed", "errored", "passed"))).isEqualTo("errored");
        assertThat(SuiteQueries.status(List.of("failed", "planned"))).isEqualTo("failed");
        assertThat(SuiteQueries.status(List.of("cancelled", "passed"))).isEqualTo("cancelled");
    }

    @Test
    void aPhasePassesOnlyWhenEveryShardPassed() {
        assertThat(SuiteQueries.status(List.of("passed", "passed", "passed"))).isEqualTo("passed");
        assertThat(SuiteQueries.status(List.of("planned", "planned"))).isEqualTo("planned");
        assertThat(SuiteQueries.status(List.of())).isEqualTo("planned");
    }
}
