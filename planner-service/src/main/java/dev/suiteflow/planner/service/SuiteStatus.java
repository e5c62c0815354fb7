package dev.suiteflow.planner.service;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suite state machine: accepted → [awaiting_approval →] planned → running → passed | failed | errored |
 * cancelled. Any state but a final one may be cancelled; a final state is left only by a rerun, which makes a new
 * plan revision (→ planned, or awaiting_approval when the request asks for approval). A transition that does not
 * fit is refused, and the event that asked for it is logged and ignored.
 */
public final class SuiteStatus {

    public static final String ACCEPTED = "accepted";
    public static final String PLANNED = "planned";
    public static final String AWAITING_APPROVAL = "awaiting_approval";
    public static final String RUNNING = "running";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERRORED = "errored";
    public static final String CANCELLED = "cancelled";

    public static final Set<String> FINAL = Set.of(PASSED, FAILED, ERRORED, CANCELLED);

    private static final Map<String, Set<String>> NEXT = Map.of(
            ACCEPTED, Set.of(PLANNED, AWAITING_APPROVAL, ERRORED, CANCELLED),
            AWAITING_APPROVAL, Set.of(PLANNED, CANCELLED),
            PLANNED, Set.of(RUNNING, AWAITING_APPROVAL, CANCELLED),
            RUNNING, Set.of(PASSED, FAILED, ERRORED, CANCELLED),
            // a rerun: a new plan revision of a finished suite
            PASSED, Set.of(PLANNED),
            FAILED, Set.of(PLANNED),
            ERRORED, Set.of(PLANNED),
            CANCELLED, Set.of(PLANNED));

    /** Queue order of the request priorities. */
    public static final List<String> PRIORITIES = List.of("urgent", "high", "normal", "low");

    private SuiteStatus() {
    }

    public static boolean allowed(String from, String to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    public static boolean isFinal(String status) {
        return FINAL.contains(status);
    }

    /** urgent 0 … low 3; an unknown priority queues as normal. */
    public static int rank(String priority) {
        int rank = PRIORITIES.indexOf(priority);
        return rank < 0 ? 2 : rank;
    }
}
