package dev.suiteflow.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.suiteflow.events.AcceptanceCriterion;
import dev.suiteflow.events.CriterionCoverage;
import dev.suiteflow.events.CriterionCoverage.CoverageLink;

class CoverageMapperTest {

    private static final String PKG = "dev.suiteflow.demo.inventory.";
    private static TestCatalog demo;

    @BeforeAll
    static void scan() {
        demo = CatalogScanner.scan(EvalSet.demoProject());
    }

    private static CriterionCoverage one(String id, String text, TestCatalog catalog) {
        return CoverageMapper.map(List.of(new AcceptanceCriterion(id, text)), catalog, CoverageOptions.defaults())
                .get(0);
    }

    private static List<String> ids(CriterionCoverage c) {
        return c.tests().stream().map(CoverageLink::testId).toList();
    }

    @Test
    void tagsInACommentAndADisplayNameMapExactlyTheirTests() {
        CriterionCoverage chk1 = one("CHK-1", "A customer can check out a cart with items in stock.", demo);

        assertThat(chk1.gap()).isFalse();
        assertThat(chk1.proposals()).isEmpty();
        assertThat(ids(chk1)).containsExactlyInAnyOrder(PKG + "CheckoutIntegrationTest#checkoutReservesStockAndChargesTheTotal",
                PKG + "CheckoutFlowE2ETest#customerChecksOutATypedOrder");
        assertThat(chk1.tests()).allSatisfy(l -> assertThat(l.confidence()).isEqualTo(1.0));
        assertThat(chk1.tests()).extracting(CoverageLink::evidence).containsExactlyInAnyOrder(
                "tagged [REQ:CHK-1] in CheckoutIntegrationTest#checkoutReservesStockAndChargesTheTotal (comment)",
                "tagged [REQ:CHK-1] in CheckoutFlowE2ETest#customerChecksOutATypedOrder (display name)");
    }

    @Test
    void oneTagOnSeveralTestsAndSeveralTagsOnOneTest() {
        List<CriterionCoverage> mapped = CoverageMapper.map(List.of(
                new AcceptanceCriterion("INV-3", "Stock never goes negative."),
                new AcceptanceCriterion("chk-2", "An order that cannot be fulfilled is refused.")), demo,
                CoverageOptions.defaults());

        assertThat(ids(mapped.get(0))).containsExactlyInAnyOrder(
                PKG + "OrderParserTest#rejectsNonPositiveQuantity",
                PKG + "InventoryTest#reservingMoreThanInStockFailsAndChangesNothing",
                PKG + "CheckoutIntegrationTest#declinedPaymentReleasesReservedStock",
                PKG + "CheckoutIntegrationTest#concurrentCheckoutsNeverOversell",
                PKG + "CheckoutFlowE2ETest#orderThatCannotBeFulfilledIsRefusedAndNotCharged");
        assertThat(ids(mapped.get(1))) // ids compare without case
                .containsExactly(PKG + "CheckoutFlowE2ETest#orderThatCannotBeFulfilledIsRefusedAndNotCharged");
    }

    @Test
    void anUntaggedCriterionFindsTheRightTestByItsWords() {
        CriterionCoverage c = one("AC-7", "Units that are released go back into stock", demo);

        assertThat(c.gap()).isFalse();
        assertThat(c.tests().get(0).testId()).isEqualTo(PKG + "InventoryTest#releasingPutsUnitsBack");
        assertThat(c.tests().get(0).confidence()).isBetween(CoverageOptions.DEFAULT_THRESHOLD, 1.0);
        assertThat(c.tests().get(0).evidence()).startsWith("text similarity ").contains("matched: unit, releas",
                "in name");

        CriterionCoverage blank = one("AC-8", "Blank lines in an order are ignored", demo);
        assertThat(ids(blank)).first().isEqualTo(PKG + "OrderParserTest#ignoresBlankLinesAndComments");
    }

    @Test
    void anUnrelatedCriterionIsAGapWithProposals() {
        CriterionCoverage c = one("AC-9", "A user who forgot the password can reset it by e-mail", demo);

        assertThat(c.gap()).isTrue();
        assertThat(c.tests()).allSatisfy(l -> {
            assertThat(l.confidence()).isLessThan(CoverageOptions.DEFAULT_THRESHOLD);
            assertThat(l.evidence()).startsWith("below the threshold");
        });
        assertThat(c.proposals()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(c.proposals().get(0).phase()).isEqualTo("integration"); // e-mail
    }

    @Test
    void similarityIsNotUsedWhenTagsAreButIsWithoutThem() {
        CriterionCoverage tagged = one("PRC-2", "Discounts are rounded to the cent", demo);
        assertThat(tagged.tests()).hasSize(2).allSatisfy(l -> assertThat(l.evidence()).startsWith("tagged"));

        CriterionCoverage untagged = CoverageMapper.map(List.of(new AcceptanceCriterion("PRC-2",
                "Discounts are rounded to the cent")), demo, CoverageOptions.defaults().withoutTags()).get(0);
        assertThat(untagged.tests().get(0).testId()).isEqualTo(PKG + "CheckoutIntegrationTest#discountIsRoundedToTheCent");
        assertThat(untagged.tests().get(0).evidence()).contains("discount", "round", "cent");
    }

    @Test
    void anEmptyCatalogMakesEveryCriterionAGap() {
        CriterionCoverage c = one("AC-1", "A locked account cannot log in", TestCatalog.of(List.of()));
        assertThat(c.gap()).isTrue();
        assertThat(c.tests()).isEmpty();
        assertThat(c.proposals()).isNotEmpty();
    }

    @Test
    void theResultIsTheSameEveryTime() {
        List<AcceptanceCriterion> criteria = EvalSet.criteria().stream().filter(c -> c.project().equals("demo"))
                .map(c -> new AcceptanceCriterion(c.id(), c.text())).toList();
        assertThat(CoverageMapper.map(criteria, demo, CoverageOptions.defaults()))
                .isEqualTo(CoverageMapper.map(criteria, demo, CoverageOptions.defaults()));
    }

    @Test
    void aLongCriterionIsCutAndTooManyCriteriaAreRefused() {
        String text = "Stock is reserved. ".repeat(200);
        CriterionCoverage c = one("AC-1", text, demo);
        assertThat(c.text()).hasSize(CoverageMapper.MAX_CRITERION_TEXT);

        List<AcceptanceCriterion> many = Collections.nCopies(201, new AcceptanceCriterion("AC-1", "x"));
        assertThatThrownBy(() -> CoverageMapper.map(many, demo, CoverageOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 200");
        assertThat(CoverageMapper.map(many.subList(0, 200), demo, CoverageOptions.defaults())).hasSize(200);
    }

    @Test
    void theReportSumsCoverageAndRisk() {
        TestCatalog catalog = TestCatalog.of(new TestCase("a.LoginTest", "locksAccount", "unit", null, null, null,
                Set.of(), Map.of("AC-1", "comment")));
        CoverageMapper.CoverageReport report = CoverageMapper.report(List.of(
                new AcceptanceCriterion("AC-1", "an account locks"),
                new AcceptanceCriterion("AC-2", "invoices are sent monthly"),
                new AcceptanceCriterion("AC-3", "exports are zipped")), catalog, CoverageOptions.defaults(), "high");

        assertThat(report.summary()).isEqualTo(new Risk.Summary(1, 2, 6));
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> CoverageOptions.defaults().withThreshold(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoverageOptions.defaults().withRelative(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
