package dev.suiteflow.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A suite request as another system sends it on {@code suite-requests} (and as the gateway passes it
 * to ingest). Fields are plain strings so that a bad value can be answered with a field error.
 *
 * @param requestId   the sender's id; the same id from the same tenant twice gives one suite
 * @param tenant      the owning tenant
 * @param project     a registered project id
 * @param kinds       test kinds wanted: structure, dependencies, unit, integration, e2e, performance, or a
 *                    custom phase the project's manifest declares
 * @param priority    low, normal, high or urgent (default normal)
 * @param failFast    stop at the first failed phase (default true) or run all phases
 * @param tests       optional explicit test ids per kind; ids only, never command lines
 * @param change      optional: what changed, for impact-based selection and coverage
 * @param approval    optional: wait for a human decision before running
 * @param requestedBy who asked (a user or a system name)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuiteRequested(
        String requestId,
        String tenant,
        String project,
        List<String> kinds,
        String priority,
        Boolean failFast,
        Map<String, List<String>> tests,
        Change change,
        ApprovalPolicy approval,
        String requestedBy) {
}
