package dev.suiteflow.executor.run;

/** A phase cannot run for a reason with a known failure class (bad path, missing command, clone failed...). */
public class PhaseFailure extends RuntimeException {

    private final String failureClass;

    public PhaseFailure(String failureClass, String remediation) {
        super(remediation);
        this.failureClass = failureClass;
    }

    public String failureClass() {
        return failureClass;
    }

    public Outcome outcome() {
        return Outcome.failure(failureClass, getMessage());
    }
}
