package com.example.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Password reset through the real mail server and database. */
class PasswordResetIT {

    private final TestMailServer mail = TestMailServer.start();
    private final PasswordReset reset = new PasswordReset(Database.connect(), mail.sender(), new FakeClock());

    /** The mail holds a link with a token that can be used a single time. */
    @Test
    void sendsResetMailWithSingleUseLink() {
        reset.request("ada@example.com");
        assertThat(mail.lastMessage().body()).contains("/reset?token=");
    }

    @Test
    void resetLinkExpiresAfterOneHour() {
        String token = reset.request("ada@example.com");
        reset.clock().advance(Duration.ofMinutes(61));
        assertThrows(ExpiredTokenException.class, () -> reset.complete(token, "new-password-12"));
    }

    @Test
    void usedResetLinkCannotBeUsedAgain() {
        String token = reset.request("ada@example.com");
        reset.complete(token, "new-password-12");
        assertThrows(ExpiredTokenException.class, () -> reset.complete(token, "other-password-12"));
    }
}
