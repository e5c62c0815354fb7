package dev.suiteflow.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HashChainTest {

    private static final String PAYLOAD = "{\"suiteId\":\"s-1\",\"tenant\":\"acme\",\"n\":1}";

    @Test
    void canonicalJsonIsIndependentOfKeyOrderAtEveryLevel() {
        String a = HashChain.canonicalJson("{\"b\":1,\"a\":{\"y\":[{\"q\":1,\"p\":2}],\"x\":null},\"c\":\"é\"}");
        String b = HashChain.canonicalJson(" { \"c\" : \"é\", \"a\":{\"x\":null,\"y\":[{\"p\":2,\"q\":1}]},\"b\":1}");
        assertThat(a).isEqualTo(b).isEqualTo("{\"a\":{\"x\":null,\"y\":[{\"p\":2,\"q\":1}]},\"b\":1,\"c\":\"é\"}");
    }

    @Test
    void canonicalJsonKeepsArrayOrderAndExactDecimals() {
        assertThat(HashChain.canonicalJson("[3,1,2]")).isEqualTo("[3,1,2]");
        assertThat(HashChain.canonicalJson("{\"d\":0.10000000000000000001}"))
                .isEqualTo("{\"d\":0.10000000000000000001}");
        assertThat(HashChain.canonicalJson("[3,1,2]")).isNotEqualTo(HashChain.canonicalJson("[1,2,3]"));
    }

    @Test
    void sameFieldsGiveTheSameHash() {
        assertThat(hash(base())).isEqualTo(hash(base())).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void changingAnyFieldChangesTheHash() {
        String original = hash(base());
        List<String[]> variants = new ArrayList<>();
        for (int i = 0; i < base().length; i++) {
            String[] changed = base();
            changed[i] = changed[i] + "x";
            variants.add(changed);
        }
        for (String[] changed : variants) {
            assertThat(hash(changed)).as("changed %s", List.of(changed)).isNotEqualTo(original);
        }
        assertThat(HashChain.hash(HashChain.GENESIS, 2, "e-1", "t", "src", "time", "acme", "s-1", PAYLOAD))
                .as("seq").isNotEqualTo(HashChain.hash(HashChain.GENESIS, 1, "e-1", "t", "src", "time", "acme", "s-1",
                        PAYLOAD));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // Same concatenated text, different split between type and source: the length prefixes tell them apart.
        assertThat(HashChain.hash(HashChain.GENESIS, 1, "e", "ab", "c", null, "t", "s", "{}"))
                .isNotEqualTo(HashChain.hash(HashChain.GENESIS, 1, "e", "a", "bc", null, "t", "s", "{}"));
        // null and the empty string are the same field by definition.
        assertThat(HashChain.hash(HashChain.GENESIS, 1, "e", "a", null, null, "t", "s", "{}"))
                .isEqualTo(HashChain.hash(HashChain.GENESIS, 1, "e", "a", "", "", "t", "s", "{}"));
    }

    @Test
    void hashMatchesTheDocumentedDefinition() {
        // Known answer computed with the README's Python procedure, not with this class.
        assertThat(HashChain.hash(HashChain.GENESIS, 1, "e-1", "suiteflow.SuiteAccepted.v1", "/suiteflow/tests",
                HashChain.formatTime(Instant.parse("2026-01-31T12:00:00Z")), "acme", "s-1", "{}"))
                .isEqualTo("864543b861ffbf3a81e2b1177e793f2b00e10273ecc82f0220342d5d10dd3684");
    }

    @Test
    void timeIsFormattedWithSixFractionDigitsInUtc() {
        assertThat(HashChain.formatTime(Instant.parse("2026-01-31T12:00:00Z"))).isEqualTo("2026-01-31T12:00:00.000000Z");
        assertThat(HashChain.formatTime(Instant.parse("2026-01-31T12:00:00.123456789Z")))
                .isEqualTo("2026-01-31T12:00:00.123456Z");
        assertThat(HashChain.formatTime(null)).isNull();
    }

    private static String[] base() {
        return new String[] { HashChain.GENESIS, "e-1", "suiteflow.SuiteAccepted.v1", "/suiteflow/ingest",
                "2026-01-31T12:00:00.000000Z", "acme", "s-1", PAYLOAD };
    }

    private static String hash(String[] f) {
        return HashChain.hash(f[0], 1, f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
    }
}
