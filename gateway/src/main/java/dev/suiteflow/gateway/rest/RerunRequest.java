package dev.suiteflow.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.support.problem.ProblemException;
import dev.suiteflow.support.problem.ProblemMappers;

/** Optional body of a re-run: {@code {"scope": "all" | "failed"}} (default all), or nothing at all. */
public record RerunRequest(String scope) {

    static final List<String> SCOPES = List.of("all", "failed");

    /** The scope from an optional JSON body; 400 when the body is not such a document or the scope is unknown. */
    static String parse(String body, ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            return "all";
        }
        RerunRequest request;
        try {
            request = mapper.readValue(body, RerunRequest.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.validation(List.of(ProblemMappers.jsonError(e)));
        }
        if (request == null || request.scope() == null) {
            return "all";
        }
        if (!SCOPES.contains(request.scope())) {
            String shown = request.scope().length() > 40 ? request.scope().substring(0, 37) + "..." : request.scope();
            throw ProblemException.validation(List.of(new FieldError("scope",
                    "must be all or failed (got '" + shown + "')")));
        }
        return request.scope();
    }
}
