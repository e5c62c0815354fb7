package dev.suiteflow.ingest.service;

import java.util.List;

import dev.suiteflow.events.FieldError;

/** What became of a request. */
public sealed interface Intake {

    /** Accepted now, or earlier ({@code duplicate}): the same request id of the same tenant is one suite. */
    record Accepted(String suiteId, String requestId, boolean duplicate) implements Intake {
    }

    /** Refused, with every field error. */
    record Rejected(String requestId, List<FieldError> errors) implements Intake {
    }
}
