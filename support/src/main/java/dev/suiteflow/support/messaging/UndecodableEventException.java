package dev.suiteflow.support.messaging;

/** A record that cannot be read as an event of the contract; retrying it cannot help. */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String message) {
        super(message);
    }
}
