package dev.suiteflow.executor.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The executor's meters: {@code suiteflow.executor.phases} (count by status and failure class),
 * {@code suiteflow.executor.queue.wait} and {@code suiteflow.executor.run.time} (timers) and
 * {@code suiteflow.executor.running} (attempts running in this process).
 */
@ApplicationScoped
public class ExecutorMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger running = new AtomicInteger();
    private final Timer queueWait;

    public ExecutorMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("suiteflow.executor.running", running);
        this.queueWait = Timer.builder("suiteflow.executor.queue.wait")
                .description("time from an attempt being recorded to a worker starting it")
                .publishPercentiles(0.5, 0.95).register(registry);
    }

    public void started(long queueWaitMs) {
        running.incrementAndGet();
        queueWait.record(Duration.ofMillis(queueWaitMs));
    }

    public void finished(String status, String failureClass, long durationMs) {
        running.decrementAndGet();
        Counter.builder("suiteflow.executor.phases").description("phase attempts run, by outcome")
                .tag("status", status).tag("failure_class", failureClass == null ? "none" : failureClass)
                .register(registry).increment();
        Timer.builder("suiteflow.executor.run.time").description("run time of phase attempts")
                .tag("status", status).register(registry).record(Duration.ofMillis(durationMs));
    }

    public int running() {
        return running.get();
    }
}
