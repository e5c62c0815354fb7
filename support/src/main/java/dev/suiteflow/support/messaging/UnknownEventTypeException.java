package dev.suiteflow.support.messaging;

/**
 * A CloudEvent whose type this version of the contract does not know (a newer producer, say): consumers skip it
 * quietly, as the contract says, instead of treating it as damage.
 */
public class UnknownEventTypeException extends UndecodableEventException {

    public UnknownEventTypeException(String message) {
        super(message);
    }
}
