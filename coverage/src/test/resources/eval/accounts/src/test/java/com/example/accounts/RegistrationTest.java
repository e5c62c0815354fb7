package com.example.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing up: the checks on the e-mail address and the password. */
@Tag("unit")
class RegistrationTest {

    private final Accounts accounts = new Accounts(new InMemoryUsers());

    @BeforeEach
    void clean() {
        accounts.clear();
    }

    @Test
    void registersUserWithValidEmail() {
        User user = accounts.register("ada@example.com", "correct-horse-7");
        assertEquals("ada@example.com", user.email());
    }

    /** An address without an {@code @} or without a domain is refused. */
    @Test
    void rejectsMalformedEmailAddress() {
        assertThrows(InvalidEmailException.class, () -> accounts.register("ada.example.com", "correct-horse-7"));
    }

    @ParameterizedTest(name = "{0} is too short")
    @ValueSource(strings = {"", "abc1", "elevenchar1"})
    void rejectsPasswordShorterThanTwelveCharacters(String password) {
        assertThrows(WeakPasswordException.class, () -> accounts.register("ada@example.com", password));
    }

    @DisplayName("the same e-mail in another case is a duplicate")
    @Test
    void rejectsDuplicateEmailIgnoringCase() {
        accounts.register("ada@example.com", "correct-horse-7");
        assertThrows(DuplicateEmailException.class, () -> accounts.register("ADA@Example.com", "correct-horse-8"));
    }

    private static String helperThatIsNotATest(String s) {
        return s.strip();
    }
}
