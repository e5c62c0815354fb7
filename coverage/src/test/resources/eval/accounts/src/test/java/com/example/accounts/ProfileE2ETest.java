package com.example.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The profile pages in a real browser. */
@Tag("e2e")
class ProfileE2ETest {

    private final Browser browser = Browser.open();

    @Test
    void userChangesDisplayNameOnProfilePage() {
        browser.login("ada").goTo("/profile").fill("displayName", "Countess").click("Save");
        assertThat(browser.text("#greeting")).isEqualTo("Hello, Countess");
    }

    @Test
    void avatarUploadRejectsFilesOverTwoMegabytes() {
        browser.login("ada").goTo("/profile").upload("avatar", Files.ofSize(3 * 1024 * 1024));
        assertThat(browser.text(".error")).contains("too large");
    }
}
