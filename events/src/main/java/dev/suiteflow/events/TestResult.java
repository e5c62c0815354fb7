package dev.suiteflow.events;

/**
 * One test case from a JUnit-style report.
 *
 * @param status {@code passed}, {@code failed}, {@code errored} or {@code skipped}
 */
public record TestResult(
        String id,
        String name,
        String className,
        String status,
        long durationMs,
        String message,
        String stackTrace) {
}
