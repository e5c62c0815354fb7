package dev.suiteflow.executor.messaging;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.suiteflow.events.CancelSuite;
import dev.suiteflow.executor.service.AttemptService;
import dev.suiteflow.executor.service.WorkerPool;
import dev.suiteflow.support.messaging.EventProcessor;
import io.smallrye.mutiny.Uni;

/**
 * Follows suite-commands for CancelSuite (other commands are the planner's): queued attempts of the suite finish as
 * cancelled in the consumer's transaction; after the commit, attempts running in this process are killed. Running
 * attempts on other replicas see the cancellation at their next heartbeat.
 */
@ApplicationScoped
public class SuiteCommandConsumer {

    private final EventProcessor processor;
    private final AttemptService attempts;
    private final WorkerPool pool;

    public SuiteCommandConsumer(EventProcessor processor, AttemptService attempts, WorkerPool pool) {
        this.processor = processor;
        this.attempts = attempts;
        this.pool = pool;
    }

    @Incoming("suite-commands")
    public Uni<Void> consume(Message<Object> message) {
        AtomicReference<String> cancelled = new AtomicReference<>();
        return processor.process("executor-suite-commands", message, event -> {
            if (event.payload() instanceof CancelSuite cancel) {
                cancelled.set(cancel.suiteId());
                return attempts.cancelSuite(cancel);
            }
            return Uni.createFrom().voidItem();
        }).invoke(() -> {
            if (cancelled.get() != null) {
                pool.cancelSuite(cancelled.get());
            }
        });
    }
}
