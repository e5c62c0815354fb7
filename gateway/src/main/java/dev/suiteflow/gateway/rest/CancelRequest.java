package dev.suiteflow.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.support.problem.ProblemException;
import dev.suiteflow.support.problem.ProblemMappers;

/** Optional body of a cancellation: {@code {"reason": "..."}}, or nothing at all. */
public record CancelRequest(String reason) {

    static final int MAX_REASON = 1000;

    /** The reason from an optional JSON body; 400 when the body is not such a document. */
    static String parse(String body, ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            return null;
        }
        CancelRequest request;
        try {
            request = mapper.readValue(body, CancelRequest.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.validation(List.of(ProblemMappers.jsonError(e)));
        }
        if (request.reason() != null && request.reason().length() > MAX_REASON) {
            throw ProblemException.validation(List.of(new FieldError("reason",
                    "must be at most " + MAX_REASON + " characters")));
        }
        return request.reason();
    }
}
