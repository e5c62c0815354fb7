package dev.suiteflow.executor.run;

/**
 * Stops a running attempt from another thread: {@link #cancel()} (the suite was cancelled) or {@link #abandon()}
 * (the worker lost its lease or shuts down: stop, and publish nothing). Kills the attached process tree at once.
 */
public final class CancelToken {

    private volatile boolean cancelled;
    private volatile boolean abandoned;
    private volatile Process process;

    public void cancel() {
        cancelled = true;
        killAttached();
    }

    public void abandon() {
        abandoned = true;
        killAttached();
    }

    public boolean cancelled() {
        return cancelled;
    }

    public boolean abandoned() {
        return abandoned;
    }

    public boolean stopped() {
        return cancelled || abandoned;
    }

    void attach(Process p) {
        process = p;
        if (stopped()) {
            ProcessTree.kill(p.toHandle());
        }
    }

    void detach() {
        process = null;
    }

    private void killAttached() {
        Process p = process;
        if (p != null) {
            ProcessTree.kill(p.toHandle());
        }
    }
}
