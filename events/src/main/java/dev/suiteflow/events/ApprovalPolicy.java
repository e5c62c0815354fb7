package dev.suiteflow.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether a suite waits for a human decision before it runs.
 *
 * @param required        the suite waits in {@code awaiting_approval} until an operator decides
 * @param timeoutSeconds  no decision within this many seconds rejects the suite (null: the platform default)
 * @param requireCoverage execution stays blocked while a required acceptance criterion has no test
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalPolicy(boolean required, Long timeoutSeconds, Boolean requireCoverage) {
}
