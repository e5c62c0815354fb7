package dev.suiteflow.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogScannerTest {

    private static Map<String, TestCase> byShortId(TestCatalog catalog) {
        return catalog.tests().stream().collect(Collectors.toMap(TestCase::shortId, Function.identity()));
    }

    @Test
    void findsEveryTestMethodIncludingNestedAndParameterizedOnesAndNothingElse() {
        TestCatalog catalog = CatalogScanner.scan(EvalSet.accountsProject());
        Map<String, TestCase> tests = byShortId(catalog);

        assertThat(catalog.size()).isEqualTo(21);
        assertThat(tests).containsKeys("LoginServiceTest$WithTwoFactor#rejectsExpiredOneTimeCode",
                "RegistrationTest#rejectsPasswordShorterThanTwelveCharacters");
        assertThat(tests.keySet()).noneMatch(id -> id.contains("helperThatIsNotATest") || id.contains("#clean")
                || id.contains("notATestBecauseItIsInMain"));
        assertThat(tests.get("LoginServiceTest$WithTwoFactor#rejectsExpiredOneTimeCode").id())
                .isEqualTo("com.example.accounts.LoginServiceTest$WithTwoFactor#rejectsExpiredOneTimeCode");
    }

    @Test
    void keepsJavadocLineCommentsDisplayNamesAndClassContext() {
        Map<String, TestCase> tests = byShortId(CatalogScanner.scan(EvalSet.accountsProject()));

        assertThat(tests.get("RegistrationTest#rejectsMalformedEmailAddress").comment())
                .isEqualTo("An address without an @ or without a domain is refused.");
        assertThat(tests.get("PasswordPolicyTest#passwordNeedsDigitAndLetter").comment())
                .isEqualTo("a long password made only of letters is still refused");
        assertThat(tests.get("RegistrationTest#rejectsDuplicateEmailIgnoringCase").displayName())
                .isEqualTo("the same e-mail in another case is a duplicate");
        TestCase nested = tests.get("LoginServiceTest$WithTwoFactor#rejectsExpiredOneTimeCode");
        assertThat(nested.classContext()).contains("LoginServiceTest", "counting failures", "WithTwoFactor");
        assertThat(nested.tags()).containsExactly("unit"); // inherited from the enclosing class
        assertThat(tests.get("RegistrationTest#registersUserWithValidEmail").comment()).isEmpty();
    }

    @Test
    void guessesPhasesFromTagsSuffixesAndTheManifest() {
        Map<String, TestCase> tests = byShortId(CatalogScanner.scan(EvalSet.accountsProject()));
        assertThat(tests.get("RegistrationTest#registersUserWithValidEmail").phase()).isEqualTo("unit");
        assertThat(tests.get("PasswordResetIT#resetLinkExpiresAfterOneHour").phase()).isEqualTo("integration");
        assertThat(tests.get("ProfileE2ETest#avatarUploadRejectsFilesOverTwoMegabytes").phase()).isEqualTo("e2e");

        Map<String, TestCase> manifest = byShortId(CatalogScanner.scan(EvalSet.accountsProject(),
                Map.of("com.example.accounts.LoginServiceTest", "integration")));
        assertThat(manifest.get("LoginServiceTest$WithTwoFactor#rejectsExpiredOneTimeCode").phase())
                .isEqualTo("integration");
    }

    @Test
    void readsRequirementTagsOfTheDemoFromCommentsAndDisplayNames() {
        Map<String, TestCase> tests = byShortId(CatalogScanner.scan(EvalSet.demoProject()));

        assertThat(tests).hasSize(20);
        assertThat(tests.get("CheckoutFlowE2ETest#customerChecksOutATypedOrder").requirements())
                .containsExactly(Map.entry("CHK-1", "display name"));
        assertThat(tests.get("CheckoutFlowE2ETest#customerChecksOutATypedOrder").displayName())
                .isEqualTo("a customer checks out the order they typed");
        assertThat(tests.get("CheckoutFlowE2ETest#orderThatCannotBeFulfilledIsRefusedAndNotCharged").requirements())
                .containsOnlyKeys("CHK-2", "INV-3");
        assertThat(tests.get("CheckoutIntegrationTest#discountIsRoundedToTheCent").comment())
                .startsWith("discounts are rounded to the cent").doesNotContain("REQ");
        assertThat(tests.get("InventoryTest#releasingPutsUnitsBack").requirements()).isEmpty();
        assertThat(tests.get("SlowPaymentE2ETest#checkoutWaitsForASlowPaymentProvider").phase()).isEqualTo("e2e");
    }

    @Test
    void readsTagsAnnotationsJUnitReportsAndSkipsTarget(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("module/src/it/java/com/acme/build"));
        Files.writeString(src.resolve("ShippingIT.java"), """
                package com.acme.build;

                import org.junit.jupiter.api.*;

                /** Shipping rules. [REQ:SHIP-9] */
                class ShippingIT {
                    private final Runnable r = () -> { class Local { @Test void notATest() { } } };

                    @org.junit.jupiter.api.Test
                    @Tags({@Tag("REQ:SHIP-1"), @Tag("slow")})
                    void shipsAbroad() {
                        String s = "} { @Test void fake() {";
                    }

                    @Tag("REQ-SHIP-2")
                    @TestFactory
                    java.util.stream.Stream<DynamicTest> zones() { return null; }

                    /* [REQ:SHIP-3, SHIP-4] two in one */
                    @RepeatedTest(3)
                    void retries() { }

                    void notAnnotated() { }
                }
                """);
        Path target = Files.createDirectories(dir.resolve("module/target/surefire-reports"));
        Files.writeString(target.resolve("TEST-com.acme.build.ShippingIT.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="com.acme.build.ShippingIT" tests="2">
                  <testcase classname="com.acme.build.ShippingIT" name="retries()">
                    <properties><property name="requirement" value="SHIP-5, SHIP-6"/></properties>
                  </testcase>
                  <testcase classname="com.acme.build.ReportOnlyTest" name="fromReport">
                    <properties><property name="requirement" value="SHIP-7"/></properties>
                  </testcase>
                </testsuite>
                """);
        Files.createDirectories(dir.resolve("module/target/generated-test-sources/src/test/java"));
        Files.writeString(dir.resolve("module/target/generated-test-sources/src/test/java/GeneratedTest.java"),
                "class GeneratedTest { @org.junit.jupiter.api.Test void generated() { } }");

        Map<String, TestCase> tests = byShortId(CatalogScanner.scan(dir));

        assertThat(tests.keySet()).containsExactlyInAnyOrder("ShippingIT#shipsAbroad", "ShippingIT#zones",
                "ShippingIT#retries", "ReportOnlyTest#fromReport");
        assertThat(tests.get("ShippingIT#shipsAbroad").requirements())
                .containsExactly(Map.entry("SHIP-1", "@Tag"), Map.entry("SHIP-9", "class comment"));
        assertThat(tests.get("ShippingIT#shipsAbroad").tags()).contains("slow");
        assertThat(tests.get("ShippingIT#shipsAbroad").phase()).isEqualTo("integration");
        assertThat(tests.get("ShippingIT#zones").requirements()).containsKeys("SHIP-2");
        assertThat(tests.get("ShippingIT#retries").requirements())
                .containsOnlyKeys("SHIP-3", "SHIP-4", "SHIP-9", "SHIP-5", "SHIP-6")
                .containsEntry("SHIP-5", "JUnit report");
        assertThat(tests.get("ReportOnlyTest#fromReport").requirements()).containsOnlyKeys("SHIP-7");
    }

    @Test
    void aReportWithADoctypeIsIgnored(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("TEST-x.xml");
        Files.writeString(report, """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <testsuite><testcase classname="a.B" name="c"><properties>
                <property name="requirement" value="&x;"/></properties></testcase></testsuite>
                """);
        assertThat(JUnitReports.requirements(report)).isEmpty();
    }

    @Test
    void aCatalogHoldsAtMostTwentyThousandTests() {
        List<TestCase> many = java.util.stream.IntStream.range(0, TestCatalog.MAX_TESTS + 5)
                .mapToObj(i -> TestCase.named("a.T#t" + i)).toList();
        TestCatalog catalog = TestCatalog.of(many);
        assertThat(catalog.size()).isEqualTo(20_000);
        assertThat(catalog.truncated()).isTrue();
    }

    @Test
    void splitsIdentifiersIntoWords() {
        assertThat(Words.split("discountIsRoundedToTheCent")).containsExactly("discount", "is", "rounded", "to",
                "the", "cent");
        assertThat(Words.split("HTTPServerIT")).containsExactly("http", "server", "it");
        assertThat(Words.split("rejects_negative_price2")).containsExactly("rejects", "negative", "price", "2");
        assertThat(Words.split("CheckoutFlowE2ETest")).containsExactly("checkout", "flow", "e2e", "test");
    }
}
