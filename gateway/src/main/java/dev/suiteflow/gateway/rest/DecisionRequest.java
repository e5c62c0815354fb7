package dev.suiteflow.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.support.problem.ProblemException;
import dev.suiteflow.support.problem.ProblemMappers;

/** Optional body of an approval decision: {@code {"comment": "..."}}, or nothing at all. */
public record DecisionRequest(String comment) {

    static final int MAX_COMMENT = 1000;

    /** The comment from an optional JSON body; 400 when the body is not such a document. */
    static String parse(String body, ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            return null;
        }
        DecisionRequest request;
        try {
            request = mapper.readValue(body, DecisionRequest.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.validation(List.of(ProblemMappers.jsonError(e)));
        }
        if (request.comment() != null && request.comment().length() > MAX_COMMENT) {
            throw ProblemException.validation(List.of(new FieldError("comment",
                    "must be at most " + MAX_COMMENT + " characters")));
        }
        return request.comment();
    }
}
