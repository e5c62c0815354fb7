package dev.suiteflow.planner.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.suiteflow.events.TestResult;

/** The same failure gives the same fingerprint across runs; another failure another one. */
class FingerprintsTest {

    private static TestResult failed(String message, String stack) {
        return new TestResult("a.PriceTest#rounds", "rounds", "a.PriceTest", "failed", 12, message, stack);
    }

    @Test
    void numbersAndObjectIdsInTheMessageAndLineNumbersDoNotChangeIt() {
        String one = Fingerprints.of(failed("expected: <10.05> but was: <10.049999> in Cart@1a2b3c4d",
                "org.opentest4j.AssertionFailedError: expected: <10.05>\n\tat a.PriceTest.rounds(PriceTest.java:42)"));
        String two = Fingerprints.of(failed("expected: <7.10> but was: <7.099> in Cart@9f8e7d6c",
                "org.opentest4j.AssertionFailedError: expected: <7.10>\n\tat a.PriceTest.rounds(PriceTest.java:57)"));

        assertThat(one).hasSize(16).isEqualTo(two);
    }

    @Test
    void anotherExceptionOrPlaceIsAnotherFailure() {
        String assertion = Fingerprints.of(failed("boom", "java.lang.AssertionError: boom\n\tat a.A.x(A.java:1)"));
        String npe = Fingerprints.of(failed("boom", "java.lang.NullPointerException: boom\n\tat a.A.x(A.java:1)"));
        String elsewhere = Fingerprints.of(failed("boom", "java.lang.AssertionError: boom\n\tat a.B.y(B.java:1)"));

        assertThat(assertion).isNotEqualTo(npe).isNotEqualTo(elsewhere);
    }

    @Test
    void passedAndSkippedTestsHaveNone() {
        assertThat(Fingerprints.of(new TestResult("a.T#x", "x", "a.T", "passed", 1, null, null))).isNull();
        assertThat(Fingerprints.of(new TestResult("a.T#x", "x", "a.T", "skipped", 0, "disabled", null))).isNull();
    }
}
