package dev.suiteflow.executor.messaging;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.suiteflow.events.PhaseRequested;
import dev.suiteflow.executor.service.AttemptService;
import dev.suiteflow.executor.service.WorkerPool;
import dev.suiteflow.support.messaging.EventProcessor;
import io.smallrye.mutiny.Uni;

/**
 * Takes phase requests: records each attempt as queued in the consumer's transaction (once per event id and once
 * per phase run and attempt), acknowledges, and wakes the workers after the commit. Nothing runs on this thread.
 */
@ApplicationScoped
public class PhaseRequestConsumer {

    private final EventProcessor processor;
    private final AttemptService attempts;
    private final WorkerPool pool;

    public PhaseRequestConsumer(EventProcessor processor, AttemptService attempts, WorkerPool pool) {
        this.processor = processor;
        this.attempts = attempts;
        this.pool = pool;
    }

    @Incoming("phase-requests")
    public Uni<Void> consume(Message<Object> message) {
        AtomicBoolean queued = new AtomicBoolean();
        return processor.process("executor-phase-requests", message, event -> {
            if (event.payload() instanceof PhaseRequested request) {
                return attempts.enqueue(request).invoke(queued::set).replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        }).invoke(() -> {
            if (queued.get()) {
                pool.wake();
            }
        });
    }
}
