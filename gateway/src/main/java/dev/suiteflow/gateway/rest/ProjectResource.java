package dev.suiteflow.gateway.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.suiteflow.gateway.security.Caller;
import dev.suiteflow.gateway.security.Role;
import dev.suiteflow.gateway.service.ProjectService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Register and read your tenant's project manifests; ingest-service validates and keeps them. */
@Path("/api/projects")
@Tag(name = "projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    static final String PROJECT_PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";
    static final String PROJECT_MESSAGE = "must be a project id (lower-case letters, digits, . _ -, at most 63)";

    private final ProjectService projects;
    private final SecurityIdentity identity;

    public ProjectResource(ProjectService projects, SecurityIdentity identity) {
        this.projects = projects;
        this.identity = identity;
    }

    @PUT
    @Path("/{project}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml" })
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Register or change a project's manifest (JSON or YAML): 201 when new, 200 when changed;"
            + " 400 with field errors; 409 when revision is not higher than the registered one")
    public Uni<Response> register(@PathParam("project") @Pattern(regexp = PROJECT_PATTERN,
            message = PROJECT_MESSAGE) String project, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            String manifest) {
        return projects.register(Caller.of(identity), project, contentType, manifest).map(answer -> {
            Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON)
                    .entity(answer.body());
            if (answer.status() == 201) {
                response.location(URI.create("/api/projects/" + project));
            }
            return response.build();
        });
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Your tenant's registered projects")
    public Uni<Response> list() {
        return projects.list(Caller.of(identity)).map(ProjectResource::respond);
    }

    @GET
    @Path("/{project}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A registered project's manifest")
    public Uni<Response> get(@PathParam("project") @Pattern(regexp = PROJECT_PATTERN,
            message = PROJECT_MESSAGE) String project) {
        return projects.get(Caller.of(identity), project).map(ProjectResource::respond);
    }

    private static Response respond(ProjectService.Answer answer) {
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }
}
