package dev.suiteflow.gateway.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.gateway.repository.SuiteRepository;
import dev.suiteflow.gateway.security.Caller;
import dev.suiteflow.gateway.security.Role;
import dev.suiteflow.gateway.service.SubmissionService;
import dev.suiteflow.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Submit suites and read them, scoped to the caller's tenant. */
@Path("/api/suites")
@Tag(name = "suites")
@Produces(MediaType.APPLICATION_JSON)
public class SuiteResource {

    static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,128}";

    private final SubmissionService submissions;
    private final SuiteRepository suites;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public SuiteResource(SubmissionService submissions, SuiteRepository suites, SecurityIdentity identity,
            ObjectMapper mapper) {
        this.submissions = submissions;
        this.suites = suites;
        this.identity = identity;
        this.mapper = mapper;
    }

    static String url(String suiteId) {
        return "/api/suites/" + suiteId;
    }

    static String eventsUrl(String suiteId) {
        return "/api/suites/" + suiteId + "/events";
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SUBMITTER_NAME)
    @Operation(summary = "Submit a suite: 202 with its id and URLs, or 400 with every field error")
    public Uni<Response> submit(SuiteRequested request) {
        return submissions.submit(Caller.of(identity), request).map(accepted -> Response
                .accepted(new SubmitAnswer(accepted.suiteId(), accepted.requestId(), "accepted",
                        url(accepted.suiteId()), eventsUrl(accepted.suiteId()), accepted.duplicate()))
                .location(URI.create(url(accepted.suiteId())))
                .build());
    }

    @GET
    @Path("/{suiteId}")
    @RolesAllowed(Role.VIEWER_NAME)
    @WithSession
    @Operation(summary = "A suite of your tenant")
    public Uni<SuiteView> get(@PathParam("suiteId") @Pattern(regexp = ID_PATTERN,
            message = "must be a suite id") String suiteId) {
        Caller caller = Caller.of(identity);
        return suites.findForTenant(caller.tenant(), suiteId).map(suite -> {
            if (suite == null) {
                throw ProblemException.notFound("Suite " + suiteId);
            }
            return SuiteView.of(suite, mapper);
        });
    }
}
