package dev.suiteflow.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.suiteflow.events.CriterionCoverage;

class RiskTest {

    private static CriterionCoverage criterion(boolean gap) {
        return new CriterionCoverage("AC", "text", List.of(), gap, List.of());
    }

    @Test
    void aGapWeighsThePriorityAndACoveredCriterionNothing() {
        assertThat(Risk.of(criterion(true), "urgent")).isEqualTo(4);
        assertThat(Risk.of(criterion(true), "HIGH")).isEqualTo(3);
        assertThat(Risk.of(criterion(true), "normal")).isEqualTo(2);
        assertThat(Risk.of(criterion(true), "low")).isEqualTo(1);
        assertThat(Risk.of(criterion(true), null)).isEqualTo(2);
        assertThat(Risk.of(criterion(false), "urgent")).isZero();
    }

    @Test
    void theSuiteSumsItsCriteria() {
        List<CriterionCoverage> coverage = List.of(criterion(true), criterion(false), criterion(true), criterion(true));
        assertThat(Risk.summarize(coverage, "urgent")).isEqualTo(new Risk.Summary(1, 3, 12));
        assertThat(Risk.summarize(coverage, "low")).isEqualTo(new Risk.Summary(1, 3, 3));
        assertThat(Risk.summarize(List.of(), "high")).isEqualTo(new Risk.Summary(0, 0, 0));
    }
}
