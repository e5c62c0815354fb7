package com.example.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AuditLogTest {

    private final AuditLog log = new AuditLog();

    @Test
    void everyLoginAttemptIsWrittenToTheAuditLog() {
        new LoginService(new InMemoryUsers(), new FakeClock(), log).attempt("ada", "wrong");
        assertThat(log.entries()).hasSize(1);
    }

    @DisplayName("audit entries never contain a password")
    @Test
    void auditEntriesDoNotContainPasswords() {
        new LoginService(new InMemoryUsers(), new FakeClock(), log).attempt("ada", "s3cret-pass");
        assertThat(log.entries().get(0).toString()).doesNotContain("s3cret-pass");
    }
}
