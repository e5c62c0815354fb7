package com.example.accounts;

/** Not a test root: the scanner never reads src/main/java. */
class Accounts {
    @org.junit.jupiter.api.Test
    void notATestBecauseItIsInMain() {
    }
}
