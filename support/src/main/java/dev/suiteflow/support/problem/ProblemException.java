package dev.suiteflow.support.problem;

import java.util.List;
import java.util.Map;

import dev.suiteflow.events.FieldError;

/**
 * A failure that leaves the service as an RFC 9457 problem body with the given status.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(int status, String slug, String title, String detail, List<FieldError> errors,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** 400: the request is invalid; {@code errors} says which fields and why. */
    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(400, "validation", "The request is not valid",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are not valid; see errors",
                errors, null);
    }

    /** 404 for a resource that does not exist (or belongs to another tenant: the caller cannot tell). */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist", null, null);
    }

    /** 409: the resource is not in a state that allows this. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict with the current state", detail, null, null);
    }

    /** 503 with Retry-After: a dependency is down; the same request can be sent again later. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "unavailable", "Temporarily unavailable", detail, null,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
