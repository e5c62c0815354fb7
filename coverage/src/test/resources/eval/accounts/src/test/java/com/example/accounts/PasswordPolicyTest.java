package com.example.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    // a long password made only of letters is still refused
    @Test
    void passwordNeedsDigitAndLetter() {
        assertFalse(policy.accepts("onlylettershere", "ada"));
        assertFalse(policy.accepts("123456789012345", "ada"));
    }

    @Test
    void passwordMayNotContainUserName() {
        assertFalse(policy.accepts("ada-lovelace-1815", "ada-lovelace"));
    }
}
