package dev.suiteflow.gateway.service;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.suiteflow.events.SuiteRequested;
import io.smallrye.mutiny.Uni;

/** ingest-service's synchronous intake. */
@RegisterRestClient(configKey = "ingest")
@Path("/suites")
public interface IngestClient {

    /** ingest's 202 body. */
    record Accepted(String suiteId, String requestId, String status, boolean duplicate) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Accepted> submit(@HeaderParam("X-Suiteflow-Tenant") String tenant,
            @HeaderParam("X-Suiteflow-Token") String token, SuiteRequested request);
}
