package com.example.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Logging in with a password: counting failures and locking accounts.
 */
@Tag("unit")
class LoginServiceTest {

    private final FakeClock clock = new FakeClock();
    private final LoginService login = new LoginService(new InMemoryUsers(), clock);

    // after five wrong passwords the account is locked and even the right password is refused
    @Test
    void locksAccountAfterFiveFailedAttempts() {
        for (int i = 0; i < 5; i++) {
            login.attempt("ada", "wrong");
        }
        assertThrows(AccountLockedException.class, () -> login.attempt("ada", "right"));
    }

    @Test
    void lockedAccountUnlocksAfterFifteenMinutes() {
        login.lock("ada");
        clock.advance(Duration.ofMinutes(15));
        assertTrue(login.attempt("ada", "right").succeeded());
    }

    @Test
    void successfulLoginResetsFailedAttemptCounter() {
        login.attempt("ada", "wrong");
        login.attempt("ada", "right");
        assertEquals(0, login.failures("ada"));
    }

    @Nested
    class WithTwoFactor {

        @Test
        void asksForOneTimeCodeWhenTwoFactorIsEnabled() {
            login.enableTwoFactor("ada");
            assertTrue(login.attempt("ada", "right").needsCode());
        }

        @DisplayName("a one-time code older than 30 seconds is refused")
        @Test
        void rejectsExpiredOneTimeCode() {
            login.enableTwoFactor("ada");
            String code = login.attempt("ada", "right").code();
            clock.advance(Duration.ofSeconds(31));
            assertThrows(InvalidCodeException.class, () -> login.confirm("ada", code));
        }
    }
}
