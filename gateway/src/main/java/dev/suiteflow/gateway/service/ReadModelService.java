package dev.suiteflow.gateway.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.ApprovalDecided;
import dev.suiteflow.events.ApprovalRequested;
import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.events.SuiteCancelled;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuiteEvent;
import dev.suiteflow.events.SuitePlanned;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.events.SuiteStarted;
import dev.suiteflow.gateway.Suite;
import dev.suiteflow.gateway.repository.SuiteRepository;
import dev.suiteflow.support.messaging.IncomingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Keeps the read model of suites in step with their lifecycle events. */
@ApplicationScoped
public class ReadModelService {

    /** Statuses a suite never leaves. */
    static final Set<String> FINAL = Set.of("passed", "failed", "errored", "cancelled");

    private final SuiteRepository suites;
    private final ObjectMapper mapper;

    public ReadModelService(SuiteRepository suites, ObjectMapper mapper) {
        this.suites = suites;
        this.mapper = mapper;
    }

    /** The submitter sees its suite at once, before SuiteAccepted comes back through Kafka. */
    public Uni<Void> recordSubmitted(String suiteId, SuiteRequested request) {
        return Panache.withTransaction(() -> suites.findById(suiteId).chain(found -> found != null
                ? Uni.createFrom().voidItem()
                : create(suiteId, request, "rest", Instant.now())));
    }

    /** Applies one lifecycle event, inside the consumer's transaction. */
    public Uni<Void> apply(IncomingEvent<SuiteEvent> event) {
        SuiteEvent payload = event.payload();
        if (payload instanceof SuiteAccepted accepted) {
            return suites.findById(accepted.suiteId()).chain(found -> found != null
                    ? Uni.createFrom().voidItem()
                    : create(accepted.suiteId(), accepted.request(), accepted.origin(), accepted.acceptedAt()));
        }
        return suites.findById(payload.suiteId()).chain(suite -> {
            if (suite == null) {
                Log.debugf("No suite %s in the read model for %s; ignored", payload.suiteId(), event.type());
                return Uni.createFrom().voidItem();
            }
            update(suite, payload);
            return Uni.createFrom().voidItem();
        });
    }

    private void update(Suite suite, SuiteEvent payload) {
        if (FINAL.contains(suite.status)) {
            Log.infof("Suite %s is %s; %s ignored", suite.suiteId, suite.status, payload.getClass().getSimpleName());
            return;
        }
        if (payload instanceof SuitePlanned planned) {
            suite.status = "planned";
            suite.planRevision = planned.planRevision();
        } else if (payload instanceof ApprovalRequested) {
            suite.status = "awaiting_approval";
        } else if (payload instanceof ApprovalDecided decided) {
            suite.detail = "approval " + decided.decision() + " by " + decided.decidedBy();
            if ("approved".equals(decided.decision())) {
                suite.status = "planned";
            }
        } else if (payload instanceof SuiteStarted) {
            suite.status = "running";
        } else if (payload instanceof SuiteCompleted completed) {
            suite.status = completed.outcome();
            suite.outcome = completed.outcome();
        } else if (payload instanceof SuiteCancelled cancelled) {
            suite.status = "cancelled";
            suite.detail = cancelled.reason();
        } else {
            return;
        }
        suite.updatedAt = Instant.now();
    }

    private Uni<Void> create(String suiteId, SuiteRequested request, String origin, Instant at) {
        Suite suite = new Suite();
        suite.suiteId = suiteId;
        suite.tenant = request.tenant();
        suite.requestId = request.requestId();
        suite.project = request.project();
        suite.status = "accepted";
        suite.priority = request.priority() == null ? "normal" : request.priority();
        suite.failFast = request.failFast() == null || request.failFast();
        suite.origin = origin;
        suite.requestedBy = request.requestedBy();
        suite.createdAt = at;
        suite.updatedAt = at;
        try {
            suite.kinds = mapper.writeValueAsString(request.kinds() == null ? List.of() : request.kinds());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return suite.persist().replaceWithVoid();
    }
}
