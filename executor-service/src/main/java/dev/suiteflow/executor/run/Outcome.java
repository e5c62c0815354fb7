package dev.suiteflow.executor.run;

/**
 * How an attempt ended: {@code status} passed, failed, errored or cancelled, the failure class (null when passed)
 * and what a person can do about it (may be set on a pass, for warnings).
 */
public record Outcome(String status, String failureClass, String remediation) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERRORED = "errored";
    public static final String CANCELLED = "cancelled";

    public static final String TEST_FAILURE = "test_failure";
    public static final String TIMEOUT = "timeout";
    public static final String MISCONFIGURATION = "misconfiguration";
    public static final String MISSING_DEPENDENCY = "missing_dependency";
    public static final String INFRASTRUCTURE = "infrastructure";

    public static Outcome passed(String warnings) {
        return new Outcome(PASSED, null, warnings);
    }

    /**
     * A failure of the given class. Infrastructure failures are {@code errored} (the platform could not run the
     * phase), cancellations {@code cancelled}; everything the project can fix is {@code failed}.
     */
    public static Outcome failure(String failureClass, String remediation) {
        String status = switch (failureClass) {
            case INFRASTRUCTURE -> ERRORED;
            case CANCELLED -> CANCELLED;
            default -> FAILED;
        };
        return new Outcome(status, failureClass, remediation);
    }
}
