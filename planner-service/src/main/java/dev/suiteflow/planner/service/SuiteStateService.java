package dev.suiteflow.planner.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.events.SuiteEvent;
import dev.suiteflow.planner.SuiteState;
import dev.suiteflow.support.messaging.IncomingEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Starts a suite's state machine when ingest accepts it. */
@ApplicationScoped
public class SuiteStateService {

    private final ObjectMapper mapper;

    public SuiteStateService(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Applies a lifecycle event inside the consumer's transaction. */
    public Uni<Void> apply(IncomingEvent<SuiteEvent> event) {
        if (!(event.payload() instanceof SuiteAccepted accepted)) {
            return Uni.createFrom().voidItem();
        }
        return SuiteState.<SuiteState>findById(accepted.suiteId()).chain(found -> {
            if (found != null) {
                return Uni.createFrom().voidItem();
            }
            SuiteState state = new SuiteState();
            state.suiteId = accepted.suiteId();
            state.tenant = accepted.tenant();
            state.project = accepted.request().project();
            state.status = "accepted";
            state.priority = accepted.request().priority();
            state.createdAt = accepted.acceptedAt();
            state.updatedAt = Instant.now();
            try {
                state.request = mapper.writeValueAsString(accepted.request());
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            Log.infof("Suite %s of project %s is waiting to be planned", state.suiteId, state.project);
            return state.persist().replaceWithVoid();
        });
    }
}
