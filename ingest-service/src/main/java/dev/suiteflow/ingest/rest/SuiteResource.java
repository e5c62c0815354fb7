package dev.suiteflow.ingest.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.ingest.service.Intake;
import dev.suiteflow.ingest.service.IntakeService;
import dev.suiteflow.ingest.service.InternalCaller;
import dev.suiteflow.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Synchronous intake for the gateway: 202 with the suite id, or 400 with every field error. */
@Path("/suites")
@Tag(name = "intake")
public class SuiteResource {

    private final IntakeService intake;
    private final InternalCaller caller;

    public SuiteResource(IntakeService intake, InternalCaller caller) {
        this.intake = intake;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate and accept a suite request on behalf of a tenant (called by the gateway)")
    public Uni<Response> submit(@HeaderParam(InternalCaller.TENANT_HEADER) String tenant,
            @HeaderParam(InternalCaller.TOKEN_HEADER) String token, SuiteRequested body) {
        SuiteRequested request = caller.onBehalfOf(tenant, token, body);
        return intake.submit(request, "rest").map(outcome -> {
            if (outcome instanceof Intake.Rejected r) {
                throw ProblemException.validation(r.errors());
            }
            Intake.Accepted a = (Intake.Accepted) outcome;
            return Response.accepted(new SubmitResponse(a.suiteId(), a.requestId(), "accepted", a.duplicate()))
                    .build();
        });
    }
}
