package dev.suiteflow.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The suite waits for an operator's decision on the plan until {@code deadline}.
 *
 * @param uncoveredCriteria when the request requires coverage: the required acceptance criteria no test covers;
 *                          while any remain, the suite cannot be approved (only rejected, or re-planned once
 *                          tests exist). Null or empty: nothing blocks an approval.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalRequested(
        String suiteId,
        String tenant,
        int planRevision,
        String reason,
        Instant deadline,
        Instant requestedAt,
        List<String> uncoveredCriteria) implements SuiteEvent {

    public ApprovalRequested(String suiteId, String tenant, int planRevision, String reason, Instant deadline,
            Instant requestedAt) {
        this(suiteId, tenant, planRevision, reason, deadline, requestedAt, null);
    }
}
