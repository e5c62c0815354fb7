package dev.suiteflow.support.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.suiteflow.events.FieldError;

/**
 * An RFC 9457 problem body, plus {@code errors[]} (field, message) for validation failures.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The base of the {@code type} URIs; the page under it explains the problem. */
    public static final String TYPE_BASE = "https://suiteflow.dev/problems/";
}
