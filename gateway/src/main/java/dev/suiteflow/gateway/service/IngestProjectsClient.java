package dev.suiteflow.gateway.service;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * ingest-service's project registry. Bodies pass through untouched (ingest is the only validator of a manifest);
 * an answer of 400 or more arrives as a WebApplicationException holding ingest's response.
 */
@RegisterRestClient(configKey = "ingest")
@Path("/projects")
@Produces(MediaType.APPLICATION_JSON)
public interface IngestProjectsClient {

    String TENANT = "X-Suiteflow-Tenant";
    String TOKEN = "X-Suiteflow-Token";
    String YAML = "application/yaml";

    @PUT
    @Path("/{project}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> registerJson(@PathParam("project") String project, @HeaderParam(TENANT) String tenant,
            @HeaderParam(TOKEN) String token, String manifest);

    @PUT
    @Path("/{project}")
    @Consumes(YAML)
    Uni<Response> registerYaml(@PathParam("project") String project, @HeaderParam(TENANT) String tenant,
            @HeaderParam(TOKEN) String token, String manifest);

    @GET
    Uni<Response> list(@HeaderParam(TENANT) String tenant, @HeaderParam(TOKEN) String token);

    @GET
    @Path("/{project}")
    Uni<Response> get(@PathParam("project") String project, @HeaderParam(TENANT) String tenant,
            @HeaderParam(TOKEN) String token);
}
