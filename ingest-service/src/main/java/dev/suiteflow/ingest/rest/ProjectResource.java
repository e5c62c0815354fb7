package dev.suiteflow.ingest.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.ingest.service.InternalCaller;
import dev.suiteflow.ingest.service.ProjectService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The project registry, on behalf of a tenant (called by the gateway): register manifests and read them. */
@Path("/projects")
@Tag(name = "projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService projects;
    private final InternalCaller caller;

    public ProjectResource(ProjectService projects, InternalCaller caller) {
        this.projects = projects;
        this.caller = caller;
    }

    @PUT
    @Path("/{project}")
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @Operation(summary = "Register a manifest (YAML or JSON): 201 when new or a new revision, 200 when unchanged,"
            + " 400 with field errors, 409 when the revision is not higher")
    public Uni<Response> register(@PathParam("project") String project,
            @HeaderParam(InternalCaller.TENANT_HEADER) String tenant,
            @HeaderParam(InternalCaller.TOKEN_HEADER) String token, String document) {
        String owner = caller.tenantOf(tenant, token);
        ProjectManifest manifest = projects.parse(document);
        return projects.register(manifest, owner, project, "rest").map(r -> Response
                .status(r.changed() ? 201 : 200).entity(r).build());
    }

    @GET
    @Operation(summary = "The tenant's projects at their current revision")
    public Uni<List<ProjectManifest>> list(@HeaderParam(InternalCaller.TENANT_HEADER) String tenant,
            @HeaderParam(InternalCaller.TOKEN_HEADER) String token) {
        return projects.list(caller.tenantOf(tenant, token));
    }

    @GET
    @Path("/{project}")
    @Operation(summary = "One of the tenant's projects at its current revision")
    public Uni<ProjectManifest> get(@PathParam("project") String project,
            @HeaderParam(InternalCaller.TENANT_HEADER) String tenant,
            @HeaderParam(InternalCaller.TOKEN_HEADER) String token) {
        return projects.get(caller.tenantOf(tenant, token), project);
    }
}
