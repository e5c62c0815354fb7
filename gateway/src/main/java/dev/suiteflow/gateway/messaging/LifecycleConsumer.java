package dev.suiteflow.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.suiteflow.gateway.service.ReadModelService;
import dev.suiteflow.support.messaging.EventProcessor;
import io.smallrye.mutiny.Uni;

/**
 * Feeds the read model and the event log from suite-lifecycle, phase-results and phase-progress, once per event
 * id (one consumer name for the three topics, so an id is applied once whichever topic it came on).
 */
@ApplicationScoped
public class LifecycleConsumer {

    /** The consumed-event guard's consumer name. */
    static final String CONSUMER = "gateway-read-model";

    private final EventProcessor processor;
    private final ReadModelService readModel;

    public LifecycleConsumer(EventProcessor processor, ReadModelService readModel) {
        this.processor = processor;
        this.readModel = readModel;
    }

    @Incoming("suite-lifecycle")
    public Uni<Void> consume(Message<Object> message) {
        return processor.process(CONSUMER, message, readModel::apply);
    }

    @Incoming("phase-results")
    public Uni<Void> consumePhaseResult(Message<Object> message) {
        return processor.process(CONSUMER, message, readModel::apply);
    }

    @Incoming("phase-progress")
    public Uni<Void> consumePhaseProgress(Message<Object> message) {
        return processor.process(CONSUMER, message, readModel::apply);
    }
}
