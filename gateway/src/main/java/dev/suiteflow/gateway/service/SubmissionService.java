package dev.suiteflow.gateway.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.gateway.config.GatewayConfig;
import dev.suiteflow.gateway.security.Caller;
import dev.suiteflow.support.Failures;
import dev.suiteflow.support.problem.Problem;
import dev.suiteflow.support.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Submits a suite: ingest validates and accepts it synchronously, then the read model shows it at once
 * (the lifecycle consumer confirms it when SuiteAccepted arrives).
 */
@ApplicationScoped
public class SubmissionService {

    private final IngestClient ingest;
    private final ReadModelService readModel;
    private final GatewayConfig config;

    public SubmissionService(@RestClient IngestClient ingest, ReadModelService readModel, GatewayConfig config) {
        this.ingest = ingest;
        this.readModel = readModel;
        this.config = config;
    }

    public Uni<IngestClient.Accepted> submit(Caller caller, SuiteRequested body) {
        if (body == null) {
            return Uni.createFrom().failure(ProblemException.validation(List.of(
                    new FieldError("body", "is required: send the suite request as JSON"))));
        }
        SuiteRequested request = new SuiteRequested(body.requestId(), caller.tenant(), body.project(), body.kinds(),
                body.priority(), body.failFast(), body.tests(), body.change(), body.approval(),
                body.requestedBy() == null ? caller.name() : body.requestedBy());
        return ingest.submit(caller.tenant(), config.internalToken().orElse(""), request)
                .onFailure().transform(SubmissionService::translate)
                .call(accepted -> readModel.recordSubmitted(accepted.suiteId(), request));
    }

    private static Throwable translate(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            Problem problem = readProblem(web);
            if (status == 400 && problem != null) {
                return ProblemException.validation(problem.errors() == null ? List.of() : problem.errors());
            }
            if (status == 413) {
                return new ProblemException(413, "payload-too-large", "Request body too large",
                        problem != null ? problem.detail() : "The request is too large", null, null);
            }
            Log.warnf("ingest-service answered %d to a submission: %s", status,
                    problem != null ? problem.detail() : web.getMessage());
            return ProblemException.unavailable("ingest-service could not take the request (HTTP " + status
                    + "); retry shortly", 5);
        }
        if (Failures.isTransient(failure) || failure instanceof jakarta.ws.rs.ProcessingException) {
            Log.warnf("ingest-service is unreachable: %s", failure.getMessage());
            return ProblemException.unavailable("ingest-service is unreachable; retry shortly", 5);
        }
        return failure;
    }

    private static Problem readProblem(WebApplicationException web) {
        try {
            return web.getResponse().readEntity(Problem.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
