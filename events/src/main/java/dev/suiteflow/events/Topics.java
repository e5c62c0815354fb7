package dev.suiteflow.events;

import java.util.List;

/** Kafka topic names of the wire contract. Every record on them is a CloudEvent keyed by suite id. */
public final class Topics {

    /** SuiteRequested records published by other systems. */
    public static final String SUITE_REQUESTS = "suite-requests";
    /** Records of {@link #SUITE_REQUESTS} that could not be read: original bytes plus error headers. */
    public static final String SUITE_REQUESTS_DLQ = "suite-requests-dlq";
    /** A suite's life: accepted, rejected, planned, approval, started, completed, cancelled. */
    public static final String SUITE_LIFECYCLE = "suite-lifecycle";
    /** Operator commands: cancel, decide approval, rerun. */
    public static final String SUITE_COMMANDS = "suite-commands";
    /** Work for executor workers, one record per phase run attempt. */
    public static final String PHASE_REQUESTS = "phase-requests";
    /** Phase run started and completed. */
    public static final String PHASE_RESULTS = "phase-results";
    /** Batched log lines and heartbeats of running phases. */
    public static final String PHASE_PROGRESS = "phase-progress";

    /** All seven topics, in the order of the architecture document. */
    public static final List<String> ALL = List.of(SUITE_REQUESTS, SUITE_REQUESTS_DLQ, SUITE_LIFECYCLE,
            SUITE_COMMANDS, PHASE_REQUESTS, PHASE_RESULTS, PHASE_PROGRESS);

    private Topics() {
    }
}
