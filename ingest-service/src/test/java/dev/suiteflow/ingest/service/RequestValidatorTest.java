package dev.suiteflow.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.suiteflow.events.AcceptanceCriterion;
import dev.suiteflow.events.ApprovalPolicy;
import dev.suiteflow.events.Change;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.SuiteRequested;

/** The request rules alone, without a database: every rule, all errors at once, defaults. */
class RequestValidatorTest {

    private static final Optional<RequestValidator.ProjectInfo> DEMO = Optional.of(
            new RequestValidator.ProjectInfo("demo", List.of("unit", "integration", "e2e")));

    private static SuiteRequested request(List<String> kinds, String priority, Map<String, List<String>> tests,
            Change change) {
        return new SuiteRequested("req-1", "demo", "demo", kinds, priority, null, tests, change, null, null);
    }

    private static List<String> fields(RequestValidator.Result result) {
        return result.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aValidRequestComesBackWithDefaults() {
        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit", "structure"), null, null,
                null), DEMO);

        assertThat(result.errors()).isEmpty();
        assertThat(result.request().priority()).isEqualTo("normal");
        assertThat(result.request().failFast()).isTrue();
        assertThat(result.request().kinds()).containsExactly("unit", "structure");
    }

    @Test
    void priorityIsCaseInsensitiveAndNormalised() {
        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), " HIGH ", null, null),
                DEMO);

        assertThat(result.request().priority()).isEqualTo("high");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsField() {
        SuiteRequested raw = new SuiteRequested(null, "demo", "demo", List.of("unit", "fuzz", "unit", "performance"),
                "asap", null, null, null, null, null);

        RequestValidator.Result result = RequestValidator.validate(raw, DEMO);

        assertThat(result.valid()).isFalse();
        assertThat(result.request()).isNull();
        assertThat(fields(result)).containsExactly("requestId", "kinds[1]", "kinds[2]", "kinds[3]", "priority");
        assertThat(result.errors().get(1).message()).contains("unknown test kind 'fuzz'")
                .contains("structure, dependencies, unit, integration, e2e");
        assertThat(result.errors().get(2).message()).contains("listed twice");
        assertThat(result.errors().get(3).message()).contains("the project has no 'performance' phase");
        assertThat(result.errors().get(4).message()).contains("low, normal, high, urgent").contains("asap");
    }

    @Test
    void anUnknownProjectIsAFieldError() {
        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), null, null, null),
                Optional.empty());

        assertThat(fields(result)).containsExactly("project");
        assertThat(result.errors().get(0).message()).contains("unknown project 'demo'");
    }

    @Test
    void missingFieldsAreNamed() {
        SuiteRequested raw = new SuiteRequested(null, null, null, null, null, null, null, null, null, null);

        assertThat(fields(RequestValidator.validate(raw, Optional.empty())))
                .containsExactly("requestId", "tenant", "project", "kinds");
        assertThat(fields(RequestValidator.validate(null, Optional.empty()))).containsExactly("body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FooTest; rm -rf /", "$(reboot)", "a b", "`id`", "x|y", "x>y", "x&y", "'quoted'",
            "-Dmaven.repo.local=/tmp", "a\nb"})
    void testIdsWithShellCharactersOrOptionsAreRefused(String id) {
        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), null,
                Map.of("unit", List.of("dev.demo.OkTest", id)), null), DEMO);

        assertThat(fields(result)).containsExactly("tests.unit[1]");
        assertThat(result.errors().get(0).message()).contains("not a valid test id");
    }

    @Test
    void ordinaryTestIdsPass() {
        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), null,
                Map.of("unit", List.of("dev.demo.ParserTest", "dev.demo.ParserTest#parsesNumbers",
                        "src/test/java/dev/demo/LexerTest.java", "ParamTest#run[1]")), null), DEMO);

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void testsMustBelongToARequestedKind() {
        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), null,
                Map.of("e2e", List.of("dev.demo.FlowTest")), null), DEMO);

        assertThat(fields(result)).containsExactly("tests.e2e");
    }

    @Test
    void changedFilesMustStayInsideTheWorkspace() {
        Change change = new Change(List.of("src/Main.java", "/etc/passwd", "../outside/File.java", "a/../../b",
                "C:\\win.ini", ""), null, null, null);

        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), null, null, change),
                DEMO);

        assertThat(fields(result)).containsExactly("change.files[1]", "change.files[2]", "change.files[3]",
                "change.files[4]", "change.files[5]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "a..b..c", "..head", "main..$(id)", "base ..head"})
    void aRangeMustBeTwoRevisions(String range) {
        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), null, null,
                new Change(null, range, null, null)), DEMO);

        assertThat(fields(result)).containsExactly("change.range");
    }

    @Test
    void aGoodRangePasses() {
        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), null, null,
                new Change(null, "origin/main..HEAD~2", null, null)), DEMO);

        assertThat(result.errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.5", "-0.2", "abc", "0s", "100000s", "NaN", "s"})
    void aBudgetMustBeAShareOrSeconds(String budget) {
        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), null, null,
                new Change(List.of("src/A.java"), null, null, null, "budget", budget)), DEMO);

        assertThat(fields(result)).containsExactly("change.budget");
    }

    @Test
    void budgetModeNeedsABudgetAndSafeModeTakesNone() {
        assertThat(fields(RequestValidator.validate(request(List.of("unit"), null, null,
                new Change(List.of("src/A.java"), null, null, null, "budget", null)), DEMO)))
                .containsExactly("change.budget");
        assertThat(fields(RequestValidator.validate(request(List.of("unit"), null, null,
                new Change(List.of("src/A.java"), null, null, null, "safe", "0.2")), DEMO)))
                .containsExactly("change.budget");
        assertThat(fields(RequestValidator.validate(request(List.of("unit"), null, null,
                new Change(List.of("src/A.java"), null, null, null, "fast", null)), DEMO)))
                .containsExactly("change.mode");
    }

    @Test
    void aBudgetAloneAsksForBudgetMode() {
        RequestValidator.Result share = RequestValidator.validate(request(List.of("unit"), null, null,
                new Change(List.of("src/A.java"), null, null, null, null, " 0.25 ")), DEMO);
        RequestValidator.Result seconds = RequestValidator.validate(request(List.of("unit"), null, null,
                new Change(List.of("src/A.java"), null, null, null, "budget", "300s")), DEMO);

        assertThat(share.errors()).isEmpty();
        assertThat(share.request().change().mode()).isEqualTo("budget");
        assertThat(share.request().change().budget()).isEqualTo("0.25");
        assertThat(seconds.errors()).isEmpty();
        assertThat(seconds.request().change().budget()).isEqualTo("300s");
    }

    @Test
    void criteriaNeedUniqueIdsAndText() {
        Change change = new Change(null, null, "As a user…", Arrays.asList(new AcceptanceCriterion("AC-1", "works"),
                new AcceptanceCriterion("AC-1", "again"), new AcceptanceCriterion("bad id!", ""), null));

        RequestValidator.Result result = RequestValidator.validate(request(List.of("unit"), null, null, change),
                DEMO);

        assertThat(fields(result)).containsExactly("change.criteria[1].id", "change.criteria[2].id",
                "change.criteria[2].text", "change.criteria[3]");
    }

    @Test
    void sizeLimitsHold() {
        List<String> manyTests = IntStream.range(0, RequestValidator.MAX_TESTS + 1).mapToObj(i -> "T" + i).toList();
        List<String> manyKinds = IntStream.range(0, RequestValidator.MAX_KINDS + 1).mapToObj(i -> "k" + i).toList();
        String longStory = "x".repeat(RequestValidator.MAX_STORY + 1);

        assertThat(fields(RequestValidator.validate(request(List.of("unit"), null, Map.of("unit", manyTests), null),
                DEMO))).containsExactly("tests");
        assertThat(fields(RequestValidator.validate(request(manyKinds, null, null, null), DEMO)))
                .containsExactly("kinds");
        assertThat(fields(RequestValidator.validate(request(List.of("unit"), null, null,
                new Change(null, null, longStory, null)), DEMO))).containsExactly("change.story");
    }

    @Test
    void approvalTimeoutHasLimits() {
        SuiteRequested tooShort = new SuiteRequested("r", "demo", "demo", List.of("unit"), null, null, null, null,
                new ApprovalPolicy(true, 5L, null), null);
        SuiteRequested fine = new SuiteRequested("r", "demo", "demo", List.of("unit"), null, null, null, null,
                new ApprovalPolicy(true, 3600L, null), null);

        assertThat(fields(RequestValidator.validate(tooShort, DEMO))).containsExactly("approval.timeoutSeconds");
        assertThat(RequestValidator.validate(fine, DEMO).errors()).isEmpty();
    }

    @Test
    void theMinimumApprovalTimeoutIsConfigurableButDefaultsToSixtySeconds() {
        SuiteRequested threeSeconds = new SuiteRequested("r", "demo", "demo", List.of("unit"), null, null, null, null,
                new ApprovalPolicy(true, 3L, null), null);
        SuiteRequested fiftyNine = new SuiteRequested("r", "demo", "demo", List.of("unit"), null, null, null, null,
                new ApprovalPolicy(true, 59L, null), null);

        assertThat(fields(RequestValidator.validate(fiftyNine, DEMO))).containsExactly("approval.timeoutSeconds");
        assertThat(RequestValidator.validate(fiftyNine, DEMO).errors().get(0).message()).startsWith(
                "must be between 60 and");
        assertThat(RequestValidator.validate(threeSeconds, DEMO, 1).errors()).isEmpty();
        assertThat(fields(RequestValidator.validate(threeSeconds, DEMO, 5))).containsExactly(
                "approval.timeoutSeconds");
        assertThatThrownBy(() -> RequestValidator.validate(threeSeconds, DEMO, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
