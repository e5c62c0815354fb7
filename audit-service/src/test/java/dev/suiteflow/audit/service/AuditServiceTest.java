package dev.suiteflow.audit.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.suiteflow.audit.TestEvents;
import dev.suiteflow.audit.TrailEvent;
import dev.suiteflow.devstack.DevStackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;

/** The chain in the real database: serialised appends, the append-only trigger, tampering detected. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class AuditServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    AuditService audit;

    @Inject
    AgroalDataSource db;

    @Test
    void concurrentAppendsToOneSuiteAreChainedOneAfterAnother() {
        String suite = TestEvents.freshId("suite");
        List<Uni<Optional<Long>>> appends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            appends.add(audit.append(event(suite, TestEvents.freshId("evt"), "{\"n\":" + i + "}")));
        }
        List<Optional<Long>> seqs = Uni.join().all(appends).andFailFast().await().atMost(TIMEOUT);
        assertThat(seqs).extracting(Optional::get).containsExactlyInAnyOrder(
                1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
        AuditService.Verification verification = audit.verify("acme", suite).await().atMost(TIMEOUT);
        assertThat(verification.valid()).isTrue();
        assertThat(verification.entries()).isEqualTo(20);
    }

    @Test
    void sameEventIdTwiceIsOneEntry() {
        String suite = TestEvents.freshId("suite");
        TrailEvent e = event(suite, TestEvents.freshId("evt"), "{}");
        assertThat(audit.append(e).await().atMost(TIMEOUT)).contains(1L);
        assertThat(audit.append(e).await().atMost(TIMEOUT)).isEmpty();
        assertThat(audit.page("acme", suite, 0, 10).await().atMost(TIMEOUT)).hasSize(1);
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAnEntry() throws SQLException {
        String suite = seed(1);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_entry SET payload = '{}' WHERE suite_id = '"
                    + suite + "'")).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_entry WHERE suite_id = '" + suite + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(audit.verify("acme", suite).await().atMost(TIMEOUT).valid()).isTrue();
    }

    @Test
    void tamperingWithAPayloadIsDetectedAtThatEntry() throws SQLException {
        String suite = seed(3);
        tamper("UPDATE audit_entry SET payload = '{\"n\":99}' WHERE suite_id = '" + suite + "' AND seq = 2");

        JsonPath verify = given().header("X-Suiteflow-Tenant", "acme").get("/audit/suites/{id}/verify", suite)
                .then().statusCode(200).extract().jsonPath();
        assertThat(verify.getBoolean("valid")).isFalse();
        assertThat(verify.getLong("firstBrokenSeq")).isEqualTo(2);
        assertThat(verify.getInt("entries")).isEqualTo(3);
        assertThat(verify.getString("reason")).contains("hash of entry 2");
    }

    @Test
    void removingTheLastEntryIsDetectedThroughTheChainHead() throws SQLException {
        String suite = seed(3);
        tamper("DELETE FROM audit_entry WHERE suite_id = '" + suite + "' AND seq = 3");

        AuditService.Verification verification = audit.verify("acme", suite).await().atMost(TIMEOUT);
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(3);
        assertThat(verification.entries()).isEqualTo(2);
    }

    /** What the table's owner could do by hand: switch the trigger off, change the trail, switch it back on. */
    private void tamper(String sql) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_delete");
                assertThat(s.executeUpdate(sql)).isEqualTo(1);
                s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_delete");
            }
            c.commit();
        }
    }

    private String seed(int entries) {
        String suite = TestEvents.freshId("suite");
        for (int i = 1; i <= entries; i++) {
            audit.append(event(suite, TestEvents.freshId("evt"), "{\"n\":" + i + "}")).await().atMost(TIMEOUT);
        }
        return suite;
    }

    static TrailEvent event(String suite, String id, String payload) {
        return new TrailEvent(id, "suiteflow.PhaseLog.v1", "/suiteflow/tests", suite, "phase-progress", 0, 0,
                HashChain.truncate(Instant.now()), "acme", suite, HashChain.canonicalJson(payload));
    }
}
