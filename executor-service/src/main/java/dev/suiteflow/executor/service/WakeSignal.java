package dev.suiteflow.executor.service;

/**
 * Wakes idle workers at once when work may be there. A worker reads {@link #generation()} before it looks at the
 * queue and waits with it, so a wake that happens while it looks is never lost.
 */
final class WakeSignal {

    private long generation;

    synchronized long generation() {
        return generation;
    }

    synchronized void wake() {
        generation++;
        notifyAll();
    }

    /** Waits until a wake after {@code seen}, or {@code timeoutMs}. */
    synchronized void await(long seen, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (generation == seen) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
