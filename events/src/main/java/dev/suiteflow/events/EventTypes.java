package dev.suiteflow.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvent {@code type} of every payload, {@code suiteflow.<Event>.v1}, and the topic it travels on.
 */
public final class EventTypes {

    public static final String SUITE_REQUESTED = type(SuiteRequested.class);
    public static final String SUITE_ACCEPTED = type(SuiteAccepted.class);
    public static final String SUITE_REJECTED = type(SuiteRejected.class);
    public static final String SUITE_PLANNED = type(SuitePlanned.class);
    public static final String APPROVAL_REQUESTED = type(ApprovalRequested.class);
    public static final String APPROVAL_DECIDED = type(ApprovalDecided.class);
    public static final String SUITE_STARTED = type(SuiteStarted.class);
    public static final String SUITE_COMPLETED = type(SuiteCompleted.class);
    public static final String SUITE_CANCELLED = type(SuiteCancelled.class);
    public static final String CANCEL_SUITE = type(CancelSuite.class);
    public static final String DECIDE_APPROVAL = type(DecideApproval.class);
    public static final String RERUN_SUITE = type(RerunSuite.class);
    public static final String PHASE_REQUESTED = type(PhaseRequested.class);
    public static final String PHASE_STARTED = type(PhaseStarted.class);
    public static final String PHASE_COMPLETED = type(PhaseCompleted.class);
    public static final String PHASE_LOG = type(PhaseLog.class);
    public static final String PHASE_HEARTBEAT = type(PhaseHeartbeat.class);

    /** Every event: its payload class and its topic. */
    public record Registration(String type, Class<?> payload, String topic) {
    }

    private static final Map<String, Registration> BY_TYPE = new LinkedHashMap<>();

    static {
        register(SuiteRequested.class, Topics.SUITE_REQUESTS);
        register(SuiteAccepted.class, Topics.SUITE_LIFECYCLE);
        register(SuiteRejected.class, Topics.SUITE_LIFECYCLE);
        register(SuitePlanned.class, Topics.SUITE_LIFECYCLE);
        register(ApprovalRequested.class, Topics.SUITE_LIFECYCLE);
        register(ApprovalDecided.class, Topics.SUITE_LIFECYCLE);
        register(SuiteStarted.class, Topics.SUITE_LIFECYCLE);
        register(SuiteCompleted.class, Topics.SUITE_LIFECYCLE);
        register(SuiteCancelled.class, Topics.SUITE_LIFECYCLE);
        register(CancelSuite.class, Topics.SUITE_COMMANDS);
        register(DecideApproval.class, Topics.SUITE_COMMANDS);
        register(RerunSuite.class, Topics.SUITE_COMMANDS);
        register(PhaseRequested.class, Topics.PHASE_REQUESTS);
        register(PhaseStarted.class, Topics.PHASE_RESULTS);
        register(PhaseCompleted.class, Topics.PHASE_RESULTS);
        register(PhaseLog.class, Topics.PHASE_PROGRESS);
        register(PhaseHeartbeat.class, Topics.PHASE_PROGRESS);
    }

    private EventTypes() {
    }

    /** {@code suiteflow.<SimpleName>.v1}. */
    public static String type(Class<?> payload) {
        return "suiteflow." + payload.getSimpleName() + ".v1";
    }

    private static void register(Class<?> payload, String topic) {
        BY_TYPE.put(type(payload), new Registration(type(payload), payload, topic));
    }

    /** Every registered event, in contract order. */
    public static Map<String, Registration> all() {
        return java.util.Collections.unmodifiableMap(BY_TYPE);
    }

    /** The registration of a CloudEvent type, if it is part of the contract. */
    public static Optional<Registration> lookup(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The payload class of a type; throws for a type outside the contract. */
    public static Class<?> payloadOf(String type) {
        return lookup(type).map(Registration::payload)
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type: " + type));
    }

    /** The topic an event type travels on. */
    public static String topicOf(Class<?> payload) {
        Registration r = BY_TYPE.get(type(payload));
        if (r == null) {
            throw new IllegalArgumentException("Not an event of the contract: " + payload.getName());
        }
        return r.topic();
    }
}
