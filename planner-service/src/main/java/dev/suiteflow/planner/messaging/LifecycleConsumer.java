package dev.suiteflow.planner.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.suiteflow.events.CancelSuite;
import dev.suiteflow.events.DecideApproval;
import dev.suiteflow.events.PhaseCompleted;
import dev.suiteflow.events.PhaseStarted;
import dev.suiteflow.events.RerunSuite;
import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.planner.service.SuiteLifecycle;
import dev.suiteflow.support.messaging.EventProcessor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The planner's inputs: accepted suites (suite-lifecycle), phase results (phase-results) and commands
 * (suite-commands: cancel, approval decisions, reruns). Each event is handled once per consumer (CloudEvent id) in one transaction; the events the
 * planner itself publishes on suite-lifecycle come back here and are ignored.
 */
@ApplicationScoped
public class LifecycleConsumer {

    private final EventProcessor processor;
    private final SuiteLifecycle lifecycle;

    public LifecycleConsumer(EventProcessor processor, SuiteLifecycle lifecycle) {
        this.processor = processor;
        this.lifecycle = lifecycle;
    }

    @Incoming("suite-lifecycle")
    public Uni<Void> lifecycle(Message<Object> message) {
        return processor.process("planner-lifecycle", message, event -> event.payload() instanceof SuiteAccepted a
                ? lifecycle.onAccepted(a)
                : Uni.createFrom().voidItem());
    }

    @Incoming("phase-results")
    public Uni<Void> phaseResults(Message<Object> message) {
        return processor.process("planner-phase-results", message, event -> {
            if (event.payload() instanceof PhaseStarted started) {
                return lifecycle.onPhaseStarted(started);
            }
            if (event.payload() instanceof PhaseCompleted completed) {
                return lifecycle.onPhaseCompleted(completed);
            }
            return Uni.createFrom().voidItem();
        });
    }

    @Incoming("suite-commands")
    public Uni<Void> commands(Message<Object> message) {
        return processor.process("planner-commands", message, event -> {
            if (event.payload() instanceof CancelSuite c) {
                return lifecycle.onCancel(c);
            }
            if (event.payload() instanceof DecideApproval d) {
                return lifecycle.onDecision(d);
            }
            if (event.payload() instanceof RerunSuite r) {
                return lifecycle.onRerun(r);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
