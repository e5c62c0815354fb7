package dev.suiteflow.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.suiteflow.gateway.service.ReadModelService;
import dev.suiteflow.support.messaging.EventProcessor;
import io.smallrye.mutiny.Uni;

/** Feeds the read model from suite-lifecycle, once per event id. */
@ApplicationScoped
public class LifecycleConsumer {

    private final EventProcessor processor;
    private final ReadModelService readModel;

    public LifecycleConsumer(EventProcessor processor, ReadModelService readModel) {
        this.processor = processor;
        this.readModel = readModel;
    }

    @Incoming("suite-lifecycle")
    public Uni<Void> consume(Message<Object> message) {
        return processor.process("gateway-read-model", message, readModel::apply);
    }
}
