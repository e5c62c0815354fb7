package com.example.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class SessionRepositoryIT {

    private final SessionRepository sessions = new SessionRepository(Database.connect());

    @Test
    void sessionIsStoredAndFoundByToken() {
        Session s = sessions.create("ada");
        assertEquals("ada", sessions.find(s.token()).orElseThrow().user());
    }

    @Test
    void logoutDeletesTheSession() {
        Session s = sessions.create("ada");
        sessions.logout(s.token());
        assertTrue(sessions.find(s.token()).isEmpty());
    }

    /**
     * The nightly job removes sessions whose expiry time has passed.
     */
    @Test
    void expiredSessionsArePurgedNightly() {
        sessions.createExpired("ada");
        sessions.purge();
        assertEquals(0, sessions.count());
    }
}
