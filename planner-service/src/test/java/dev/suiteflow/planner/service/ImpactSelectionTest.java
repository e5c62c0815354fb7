package dev.suiteflow.planner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.suiteflow.events.Change;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.selector.InMemoryTestHistory;
import dev.suiteflow.selector.Selection;

/** The request's change decides the selection's mode on the demo project's real sources: safe or budget. */
class ImpactSelectionTest {

    private static final String PRICE = "src/main/java/dev/suiteflow/demo/inventory/PriceCalculator.java";

    private static ProjectManifest demo() {
        ProjectManifest base = PhasePlannerTest.manifest(List.of());
        return new ProjectManifest("demo", "demo", 1, null, new ProjectManifest.Workspace("../demo/project", null,
                null), List.of(), List.of(), null, base.phases(), List.of());
    }

    private static SuiteRequested changing(String mode, String budget) {
        return new SuiteRequested("r", "demo", "demo", List.of("unit"), "normal", true, null,
                new Change(List.of(PRICE), null, null, null, mode, budget), null, null);
    }

    @Test
    void safeModeSelectsEveryTestTheChangeReachesAndSkipsNothing() {
        Selection safe = ImpactSelection.of(changing(null, null), demo()).orElseThrow();

        assertThat(safe.mode()).isEqualToIgnoringCase("safe");
        assertThat(safe.selected()).extracting(Selection.SelectedTest::test)
                .contains("dev.suiteflow.demo.inventory.PriceCalculatorTest")
                .doesNotContain("dev.suiteflow.demo.inventory.CatalogParserTest");
        assertThat(safe.skipped()).isEmpty();
    }

    @Test
    void budgetModeKeepsTheTopOfTheRankingAndRecordsWhatItLeftOut() {
        Selection safe = ImpactSelection.of(changing(null, null), demo()).orElseThrow();
        Selection budget = ImpactSelection.of(changing("budget", "0.15"), demo()).orElseThrow();

        int limit = (int) Math.floor(0.15 * safe.catalog().testClasses());
        assertThat(budget.mode()).isEqualToIgnoringCase("budget");
        assertThat(budget.selected().stream().map(Selection.SelectedTest::test).distinct().count())
                .isBetween(1L, (long) Math.max(1, limit));
        assertThat(budget.selected().get(0).test()).isEqualTo(safe.selected().get(0).test());
        // what the budget left out plus what it kept is exactly what safe mode selects
        assertThat(java.util.stream.Stream.concat(budget.selected().stream(), budget.skipped().stream())
                .map(Selection.SelectedTest::id).sorted().toList())
                .isEqualTo(safe.selected().stream().map(Selection.SelectedTest::id).sorted().toList());
    }

    @Test
    void historyRaisesATestThatFailedRecentlyAndSaysWhy() {
        String checkout = "dev.suiteflow.demo.inventory.CheckoutIntegrationTest";
        InMemoryTestHistory history = new InMemoryTestHistory().runs(checkout, 3, 10);

        Selection ranked = ImpactSelection.of(changing(null, null), demo(), history).orElseThrow();

        Selection.SelectedTest test = ranked.selected().stream().filter(t -> t.test().equals(checkout))
                .findFirst().orElseThrow();
        assertThat(test.reasons()).contains("failed 3 of the last 10 runs");
        Selection plain = ImpactSelection.of(changing(null, null), demo()).orElseThrow();
        double before = plain.selected().stream().filter(t -> t.test().equals(checkout)).findFirst().orElseThrow()
                .score();
        assertThat(test.score()).isGreaterThan(before);
    }

    @Test
    void noChangeNoSelection() {
        SuiteRequested none = new SuiteRequested("r", "demo", "demo", List.of("unit"), "normal", true, Map.of(),
                null, null, null);

        assertThat(ImpactSelection.of(none, demo())).isEqualTo(Optional.empty());
    }
}
