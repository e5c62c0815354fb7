package dev.suiteflow.events;

/**
 * Common shape of every payload of the contract: the suite it belongs to (the Kafka key and the
 * CloudEvent subject) and the tenant that owns it.
 */
public interface SuiteEvent {

    /** The suite id; for a request that never became a suite, the sender's request id. */
    String suiteId();

    /** The owning tenant. */
    String tenant();
}
