package dev.suiteflow.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.suiteflow.events.TestResult;

public class JUnitReportsTest {

    public static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="shop.CartTest" tests="4" failures="1" errors="1" skipped="1" time="1.5">
              <testcase name="adds" classname="shop.CartTest" time="0.012"/>
              <testcase name="removes" classname="shop.CartTest" time="1.25">
                <failure message="expected 2 but was 3" type="AssertionError">java.lang.AssertionError: expected 2 but was 3
            \tat shop.CartTest.removes(CartTest.java:20)</failure>
              </testcase>
              <testcase name="totals" classname="shop.CartTest" time="0.2">
                <error message="boom" type="NullPointerException">java.lang.NullPointerException: boom</error>
              </testcase>
              <testcase name="later" classname="shop.CartTest" time="0"><skipped message="not yet"/></testcase>
            </testsuite>
            """;

    private static List<TestResult> parse(String xml) throws Exception {
        return JUnitReports.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "TEST-x.xml");
    }

    @Test
    void readsPassedFailedErroredAndSkippedTests() throws Exception {
        List<TestResult> tests = parse(REPORT);
        assertThat(tests).extracting(TestResult::id).containsExactly("shop.CartTest#adds", "shop.CartTest#removes",
                "shop.CartTest#totals", "shop.CartTest#later");
        assertThat(tests).extracting(TestResult::status).containsExactly("passed", "failed", "errored", "skipped");
        assertThat(tests).extracting(TestResult::durationMs).containsExactly(12L, 1250L, 200L, 0L);
        TestResult failed = tests.get(1);
        assertThat(failed.name()).isEqualTo("removes");
        assertThat(failed.className()).isEqualTo("shop.CartTest");
        assertThat(failed.message()).isEqualTo("expected 2 but was 3");
        assertThat(failed.stackTrace()).contains("CartTest.java:20");
        assertThat(tests.get(3).message()).isEqualTo("not yet");
    }

    @Test
    void readsTestsuitesAndFallsBackToTheSuiteNameForTheClass() throws Exception {
        List<TestResult> tests = parse("<testsuites><testsuite name=\"a.B\"><testcase name=\"x\" time=\"1,000.5\"/>"
                + "</testsuite></testsuites>");
        assertThat(tests).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("a.B#x");
            assertThat(t.durationMs()).isEqualTo(1_000_500L);
        });
    }

    @Test
    void refusesMalformedXml() {
        assertThatThrownBy(() -> parse("<testsuite><testcase name=\"x\"></testsuite>"))
                .isInstanceOf(JUnitReports.ReportException.class)
                .hasMessageStartingWith("report TEST-x.xml is not valid JUnit XML: ");
        assertThatThrownBy(() -> parse("<html/>")).hasMessageContaining("root element is <html>");
    }

    @Test
    void refusesDoctypesSoExternalEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<testsuite><testcase name=\"a\" classname=\"b\"><failure message=\"&x;\"/></testcase></testsuite>";
        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(JUnitReports.ReportException.class)
                .hasMessageContaining("DOCTYPE").hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void trimsLongStackTraces() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            s.append("\tat a.B.m").append(i).append("(B.java:").append(i).append(")\n");
        }
        String trimmed = JUnitReports.trimStack(s.toString());
        assertThat(trimmed.lines().count()).isEqualTo(31);
        assertThat(trimmed).endsWith("70 more lines");
        assertThat(JUnitReports.trimStack("x".repeat(20_000))).hasSizeLessThan(JUnitReports.STACK_CHARS + 100);
    }

    @Test
    void collectsByGlobAndEnforcesTheSizeLimit(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("target/reports/nested"));
        Files.writeString(dir.resolve("target/reports/TEST-a.xml"), REPORT);
        Files.writeString(dir.resolve("target/reports/nested/TEST-b.xml"), REPORT);
        Files.writeString(dir.resolve("target/reports/other.txt"), "x");
        JUnitReports.Collected one = JUnitReports.collect(dir, List.of("target/reports/TEST-*.xml"), 1_000_000);
        assertThat(one.files()).containsExactly("target/reports/TEST-a.xml");
        assertThat(one.tests()).hasSize(4);
        JUnitReports.Collected all = JUnitReports.collect(dir, List.of("target/**/TEST-*.xml"), 1_000_000);
        assertThat(all.files()).containsExactly("target/reports/TEST-a.xml", "target/reports/nested/TEST-b.xml");
        JUnitReports.Collected tooBig = JUnitReports.collect(dir, List.of("target/reports/TEST-*.xml"), 100);
        assertThat(tooBig.problems()).singleElement().asString().contains("more than the limit of 100");
        JUnitReports.Collected escaping = JUnitReports.collect(dir, List.of("../*.xml"), 100);
        assertThat(escaping.problems()).singleElement().asString().contains("leaves the workspace");
    }
}
