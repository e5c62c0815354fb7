package dev.suiteflow.gateway.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.gateway.Suite;

/** A suite as the API shows it. */
public record SuiteView(
        String suiteId,
        String requestId,
        String project,
        String status,
        String priority,
        List<String> kinds,
        boolean failFast,
        String origin,
        String requestedBy,
        Integer planRevision,
        String outcome,
        String detail,
        Instant createdAt,
        Instant updatedAt,
        String url,
        String eventsUrl) {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    public static SuiteView of(Suite suite, ObjectMapper mapper) {
        List<String> kinds;
        try {
            kinds = mapper.readValue(suite.kinds, STRINGS);
        } catch (Exception e) {
            kinds = List.of();
        }
        return new SuiteView(suite.suiteId, suite.requestId, suite.project, suite.status, suite.priority, kinds,
                suite.failFast, suite.origin, suite.requestedBy, suite.planRevision, suite.outcome, suite.detail,
                suite.createdAt, suite.updatedAt, SuiteResource.url(suite.suiteId),
                SuiteResource.eventsUrl(suite.suiteId));
    }
}
