package dev.suiteflow.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionsTest {

    @Test
    void comparesNumberByNumber() {
        assertThat(Versions.compare("3.6", "3.8.7")).isNegative();
        assertThat(Versions.compare("3.8.7", "17")).isNegative();
        assertThat(Versions.compare("17", "17.0.0")).isZero();
        assertThat(Versions.compare("17.0.15", "17")).isPositive();
        assertThat(Versions.compare("3.10", "3.9")).isPositive();
        assertThat(Versions.compare("11.0.2", "17")).isNegative();
    }

    @Test
    void findsTheFirstVersionInOutput() {
        assertThat(Versions.first("openjdk version \"17.0.15\" 2025-04-15")).contains("17.0.15");
        assertThat(Versions.first("Apache Maven 3.9.6 (bc0240f3)")).contains("3.9.6");
        assertThat(Versions.first("GNU bash, version 5.2.15(1)-release")).contains("5.2.15");
        assertThat(Versions.first("no digits here")).isEmpty();
    }

    @Test
    void colourCodesAroundTheVersionAreIgnored() {
        // what Maven 3.8 prints for mvn -v, even without a terminal
        String mvn = "\u001B[1mApache Maven 3.8.7\u001B[m\nMaven home: /usr/share/maven";

        org.assertj.core.api.Assertions.assertThat(Versions.first(mvn)).hasValue("3.8.7");
        org.assertj.core.api.Assertions.assertThat(LineReader.clean("\u001B[1;31mERROR\u001B[m boom"))
                .isEqualTo("ERROR boom");
    }
}
