package dev.suiteflow.planner.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.suiteflow.planner.service.SuiteStateService;
import dev.suiteflow.support.messaging.EventProcessor;
import io.smallrye.mutiny.Uni;

/** Follows suite-lifecycle: an accepted suite enters the planner's state machine, once per event id. */
@ApplicationScoped
public class LifecycleConsumer {

    private final EventProcessor processor;
    private final SuiteStateService states;

    public LifecycleConsumer(EventProcessor processor, SuiteStateService states) {
        this.processor = processor;
        this.states = states;
    }

    @Incoming("suite-lifecycle")
    public Uni<Void> consume(Message<Object> message) {
        return processor.process("planner-lifecycle", message, states::apply);
    }
}
