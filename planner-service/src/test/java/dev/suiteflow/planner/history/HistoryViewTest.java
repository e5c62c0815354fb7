package dev.suiteflow.planner.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What the history says about a test class, from rows: window, last run, flakiness, durations, order. */
class HistoryViewTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    /** Runs of one class, oldest first: 'p' passed, 'f' failed; all on revision rev. */
    private static List<HistoryView.Run> runs(String cls, String outcomes, String rev, long ms) {
        List<HistoryView.Run> runs = new ArrayList<>();
        for (int i = 0; i < outcomes.length(); i++) {
            boolean failed = outcomes.charAt(i) == 'f';
            runs.add(new HistoryView.Run(cls, rev, failed, ms, failed ? "fp-" + (i % 2) : null,
                    T0.plusSeconds(60L * i)));
        }
        return runs;
    }

    @Test
    void onlyTheLastTenRunsCountAndTheLastOneSaysIfItFailedLast() {
        List<HistoryView.Run> all = new ArrayList<>(runs("a.OldFailures", "ffffffpppppppppp", null, 100));
        all.addAll(runs("a.FailedLast", "ppf", null, 100));
        HistoryView view = HistoryView.of(all);

        assertThat(view.runs("a.OldFailures")).isEqualTo(new dev.suiteflow.selector.TestHistory.Runs(0, 10));
        assertThat(view.stats("a.FailedLast").lastFailed()).isTrue();
        assertThat(view.runs("a.FailedLast#someMethod").failures()).isEqualTo(1);
        assertThat(view.runs("a.Unknown")).isNull();
    }

    @Test
    void passedAndFailedOnTheSameRevisionIsFlakyOnDifferentRevisionsIsNot() {
        List<HistoryView.Run> all = new ArrayList<>(runs("a.Flaky", "pfp", "abc123", 100));
        all.addAll(runs("a.Regressed", "pp", "rev1", 100));
        all.add(new HistoryView.Run("a.Regressed", "rev2", true, 100, "x", T0.plusSeconds(3600)));
        all.addAll(runs("a.NoRevision", "pfp", null, 100));
        HistoryView view = HistoryView.of(all);

        assertThat(view.stats("a.Flaky").flakyRevision()).isEqualTo("abc123");
        assertThat(view.reasons("a.Flaky")).contains("flaky: passed and failed on revision abc123");
        assertThat(view.stats("a.Regressed").flakyRevision()).isNull();
        assertThat(view.stats("a.NoRevision").flakyRevision()).isNull();
    }

    @Test
    void durationIsTheMeanOfPassedRunsInSeconds() {
        List<HistoryView.Run> all = new ArrayList<>(runs("a.Slow", "pp", null, 3000));
        all.add(new HistoryView.Run("a.Slow", null, false, 5000, null, T0.plusSeconds(600)));
        all.add(new HistoryView.Run("a.Slow", null, true, 100, "x", T0.plusSeconds(700)));
        HistoryView view = HistoryView.of(all);

        assertThat(view.durationSeconds("a.Slow").getAsDouble()).isCloseTo(3.667, org.assertj.core.data.Offset
                .offset(0.001));
        assertThat(view.durationSeconds("a.Slow#method")).isEmpty();
        assertThat(view.durationSeconds("a.Unknown")).isEmpty();
    }

    @Test
    void failFirstPutsLastRunFailuresThenFlakyThenEarlierFailuresThenTheRestInTheirOrder() {
        List<HistoryView.Run> all = new ArrayList<>(runs("a.Green", "ppp", null, 10));
        all.addAll(runs("a.FailedOnceLongAgo", "fpppp", null, 10));
        all.addAll(runs("a.FailedLast", "pf", null, 10));
        all.addAll(runs("a.Flaky", "fp", "r1", 10));
        HistoryView view = HistoryView.of(all);

        assertThat(view.failFirst(List.of("a.Green", "a.New", "a.FailedOnceLongAgo", "a.Flaky", "a.FailedLast")))
                .containsExactly("a.FailedLast", "a.Flaky", "a.FailedOnceLongAgo", "a.Green", "a.New");
    }

    @Test
    void differentFailuresAreCountedByFingerprint() {
        HistoryView view = HistoryView.of(runs("a.Unstable", "ffff", null, 10));

        assertThat(view.stats("a.Unstable").fingerprints()).isEqualTo(2);
        assertThat(view.reasons("a.Unstable")).containsExactly("failed in its last run", "failed 4 of the last 4 runs",
                "2 different failures in the last 4 runs");
    }
}
