package dev.suiteflow.planner.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Shards balanced by historical duration (longest first to the least loaded), order kept inside a shard. */
class ShardsTest {

    private static HistoryView durations(Map<String, Long> millis) {
        List<HistoryView.Run> runs = new ArrayList<>();
        millis.forEach((cls, ms) -> runs.add(new HistoryView.Run(cls, null, false, ms, null, Instant.EPOCH)));
        return HistoryView.of(runs);
    }

    @Test
    void longestFirstToTheLeastLoadedShardBalancesTheLoad() {
        HistoryView h = durations(Map.of("A", 10_000L, "B", 9_000L, "C", 8_000L, "D", 2_000L, "E", 2_000L,
                "F", 1_000L));

        List<Shards.Shard> shards = Shards.split(List.of("F", "E", "D", "C", "B", "A"), 2, h);

        // A 10 → 1, B 9 → 2, C 8 → 2 (17), E 2, D 2 and F 1 → 1 (15): within 4/3 of the best split (16/16)
        assertThat(shards).hasSize(2);
        assertThat(shards).extracting(Shards.Shard::expectedSeconds).containsExactly(15.0, 17.0);
        assertThat(shards.get(0).tests()).containsExactly("F", "E", "D", "A");
        assertThat(shards.get(1).tests()).containsExactly("C", "B");
    }

    @Test
    void unknownDurationsCountAsTheMedianOfTheKnownOnes() {
        HistoryView h = durations(Map.of("A", 4_000L, "B", 2_000L, "C", 1_000L));

        List<Shards.Shard> shards = Shards.split(List.of("A", "B", "C", "X", "Y"), 2, h);

        // X and Y count 2 s: A 4 → 1, B 2 → 2, X 2 → 2, Y 2 → 1 (a tie goes to the first), C 1 → 2
        assertThat(shards).extracting(Shards.Shard::expectedSeconds).containsExactly(6.0, 5.0);
        assertThat(shards.stream().mapToInt(s -> s.tests().size()).sum()).isEqualTo(5);
    }

    @Test
    void neverMoreShardsThanTestsAndNoDurationsMeansNoExpectation() {
        List<Shards.Shard> shards = Shards.split(List.of("A", "B"), 8, HistoryView.empty());

        assertThat(shards).hasSize(2);
        assertThat(shards).extracting(Shards.Shard::expectedSeconds).containsOnlyNulls();
        assertThat(shards).flatExtracting(Shards.Shard::tests).containsExactlyInAnyOrder("A", "B");
    }
}
