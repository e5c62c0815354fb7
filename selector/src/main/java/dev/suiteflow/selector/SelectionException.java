package dev.suiteflow.selector;

/** A request the selector cannot serve: its message is one line, fit to show a person as it is. */
public class SelectionException extends RuntimeException {

    public SelectionException(String message) {
        super(message);
    }
}
