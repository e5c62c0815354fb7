package dev.suiteflow.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.suiteflow.events.CriterionCoverage.ScenarioProposal;

class ScenarioDrafterTest {

    @Test
    void givenWhenThenIsKeptAsWritten() {
        List<ScenarioProposal> drafts = ScenarioDrafter.draft(
                "Given a cart with two mugs, when the customer applies a 10% coupon, then the total drops by 10%.");
        assertThat(drafts.get(0)).isEqualTo(new ScenarioProposal("unit", "a cart with two mugs",
                "the customer applies a 10% coupon", "the total drops by 10%"));
    }

    @Test
    void aRoleAndAWhenClauseAreSplit() {
        ScenarioProposal p = ScenarioDrafter.draft(
                "As a shopper, when I open the checkout page, then my saved address is filled in").get(0);
        assertThat(p.given()).isEqualTo("a shopper");
        assertThat(p.when()).isEqualTo("they open the checkout page");
        assertThat(p.then()).isEqualTo("their saved address is filled in");
        assertThat(p.phase()).isEqualTo("e2e");

        ScenarioProposal want = ScenarioDrafter.draft("As an operator, I want to cancel a suite so that no worker runs it")
                .get(0);
        assertThat(want).isEqualTo(new ScenarioProposal("unit", "an operator", "they cancel a suite",
                "no worker runs it"));
    }

    @Test
    void aModalSentenceGivesSubjectActionAndOutcome() {
        ScenarioProposal cannot = ScenarioDrafter.draft("A locked account cannot log in").get(0);
        assertThat(cannot).isEqualTo(new ScenarioProposal("unit", "a locked account", "it tries to log in",
                "it is refused and nothing changes"));

        ScenarioProposal relative = ScenarioDrafter.draft(
                "An order that cannot be fulfilled is refused and the customer is not charged").get(0);
        assertThat(relative.given()).isEqualTo("an order that cannot be fulfilled");
        assertThat(relative.then()).isEqualTo("an order that cannot be fulfilled is refused and the customer is not charged");

        ScenarioProposal can = ScenarioDrafter.draft("A customer can pay with a gift card").get(0);
        assertThat(can.when()).isEqualTo("they try to pay with a gift card");
    }

    @Test
    void limitsGetABoundaryDraftAndE2eGetsAUnitDraft() {
        List<ScenarioProposal> limit = ScenarioDrafter.draft("Avatar images larger than 2 MB are stored in the database");
        assertThat(limit).hasSize(2);
        assertThat(limit.get(1).when()).contains("2");
        assertThat(limit).extracting(ScenarioProposal::phase).containsOnly("integration");

        List<ScenarioProposal> flow = ScenarioDrafter.draft("The checkout page never shows a negative total");
        assertThat(flow).extracting(ScenarioProposal::phase).containsExactly("e2e", "e2e", "unit");
    }

    @Test
    void phasesFollowTheWords() {
        assertThat(ScenarioDrafter.phase("The user clicks Save on the profile page")).isEqualTo("e2e");
        assertThat(ScenarioDrafter.phase("Orders are persisted in the database")).isEqualTo("integration");
        assertThat(ScenarioDrafter.phase("The REST API answers 404 for an unknown id")).isEqualTo("integration");
        assertThat(ScenarioDrafter.phase("Discounts are rounded half up")).isEqualTo("unit");
    }

    @Test
    void everyTextGetsOneToThreeDrafts() {
        for (String text : List.of("", "???", "Stock never goes negative", "Reports are fast.",
                "If the provider is down, then orders wait in a queue", "x".repeat(2_000))) {
            assertThat(ScenarioDrafter.draft(text)).hasSizeBetween(1, 3).allSatisfy(p -> {
                assertThat(p.given()).isNotBlank();
                assertThat(p.when()).isNotBlank();
                assertThat(p.then()).isNotBlank();
                assertThat(p.phase()).isIn("unit", "integration", "e2e");
            });
        }
    }
}
