package dev.suiteflow.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.suiteflow.events.TestResult;

/** The classification table of a command phase. */
class ClassifierTest {

    private static final TestResult PASS = new TestResult("a.B#ok", "ok", "a.B", "passed", 5, null, null);
    private static final TestResult FAIL = new TestResult("a.B#bad", "bad", "a.B", "failed", 7000, "expected 1", "st");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // case                          | cancel | timeout | exit | globs | reports | problem | failing | status    | class            | text
        "exit 0, tests pass              | false  | false   | 0    | true  | true    | false   | false   | passed    | null             | null",
        "exit 0, no globs                | false  | false   | 0    | false | false   | false   | false   | passed    | null             | null",
        "exit 0, globs but no report     | false  | false   | 0    | true  | false   | false   | false   | passed    | null             | no report matched",
        "failing tests                   | false  | false   | 1    | true  | true    | false   | true    | failed    | test_failure     | a.B#bad (expected 1)",
        "exit 1, no report               | false  | false   | 1    | true  | false   | false   | false   | failed    | misconfiguration | exited with 1 and no report matched",
        "exit 2, reports all pass        | false  | false   | 2    | true  | true    | false   | false   | errored   | infrastructure   | exited with 2 although no test failed",
        "exit 1, no globs declared       | false  | false   | 1    | false | false   | false   | false   | errored   | infrastructure   | exited with 1",
        "malformed report                | false  | false   | 1    | true  | true    | true    | true    | failed    | misconfiguration | not valid JUnit XML",
        "timeout                         | false  | true    | null | true  | true    | false   | true    | failed    | timeout          | longer than 30 s; raise timeoutSeconds in the manifest or find the slow test: a.B#bad (7.0 s)",
        "cancelled                       | true   | false   | null | true  | false   | false   | false   | cancelled | cancelled        | cancelled",
    })
    void classifies(String name, boolean cancelled, boolean timedOut, Integer exit, boolean globs, boolean reports,
            boolean problem, boolean failing, String status, String failureClass, String text) {
        Outcome o = Classifier.classify(new Classifier.Inputs(cancelled, timedOut, 30, exit,
                globs ? List.of("target/*.xml") : List.of(), reports ? List.of("target/TEST-a.xml") : List.of(),
                problem ? List.of("report target/TEST-a.xml is not valid JUnit XML: oops") : List.of(),
                failing ? List.of(PASS, FAIL) : reports ? List.of(PASS) : List.of(), List.of("last line")));
        assertThat(o.status()).isEqualTo(status);
        assertThat(o.failureClass()).isEqualTo(failureClass);
        if (text == null) {
            assertThat(o.remediation()).isNull();
        } else {
            assertThat(o.remediation()).contains(text);
        }
    }
}
