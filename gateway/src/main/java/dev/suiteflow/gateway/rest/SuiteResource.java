package dev.suiteflow.gateway.rest;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.gateway.security.Caller;
import dev.suiteflow.gateway.security.Role;
import dev.suiteflow.gateway.service.EventStreamService;
import dev.suiteflow.gateway.service.SubmissionService;
import dev.suiteflow.gateway.service.SuiteService;
import dev.suiteflow.support.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Submit, list, read, follow and cancel suites, scoped to the caller's tenant. */
@Path("/api/suites")
@Tag(name = "suites")
@Produces(MediaType.APPLICATION_JSON)
public class SuiteResource {

    static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,128}";
    static final String ID_MESSAGE = "must be a suite id";
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final SubmissionService submissions;
    private final SuiteService suites;
    private final EventStreamService streams;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public SuiteResource(SubmissionService submissions, SuiteService suites, EventStreamService streams,
            SecurityIdentity identity, ObjectMapper mapper) {
        this.submissions = submissions;
        this.suites = suites;
        this.streams = streams;
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
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Your tenant's suites, newest first: limit (1-200, default 50), cursor from the previous"
            + " page, filters status, project and since (ISO-8601 instant)")
    public Uni<SuitePage> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @QueryParam("status") String status, @QueryParam("project") String project,
            @QueryParam("since") String since) {
        return suites.list(Caller.of(identity), limit, cursor, status, project, since);
    }

    @GET
    @Path("/{suiteId}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A suite of your tenant with its plan, phases, timings, exit codes, failure classes,"
            + " remediation, per-test results and totals")
    public Uni<SuiteView> get(@PathParam("suiteId") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
            String suiteId) {
        return suites.get(Caller.of(identity), suiteId);
    }

    @GET
    @Path("/{suiteId}/logs")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A page of the suite's log lines after afterLine (limit 1-5000, default 500),"
            + " optionally of one phase and/or one phase run (a shard of one plan revision)")
    public Uni<LogPage> logs(@PathParam("suiteId") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
            String suiteId, @QueryParam("phase") String phase, @QueryParam("phaseRunId") String phaseRunId,
            @QueryParam("afterLine") String afterLine, @QueryParam("limit") String limit) {
        return suites.logs(Caller.of(identity), suiteId, phase, phaseRunId, afterLine, limit);
    }

    @GET
    @Path("/{suiteId}/plans/{revision}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One plan revision of the suite: its cause, phases with their shards and runs, coverage"
            + " and outcome; 404 for an unknown revision")
    public Uni<PlanView> plan(@PathParam("suiteId") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
            String suiteId, @PathParam("revision") String revision) {
        return suites.plan(Caller.of(identity), suiteId, revision);
    }

    @POST
    @Path("/{suiteId}/rerun")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Run a finished suite again (optional JSON body {\"scope\": \"all\" | \"failed\"},"
            + " default all): 202 once RerunSuite is on its way; 409 while it has not finished, or with scope"
            + " failed when nothing failed")
    public Uni<Response> rerun(@PathParam("suiteId") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
            String suiteId, String body) {
        return suites.rerun(Caller.of(identity), suiteId, RerunRequest.parse(body, mapper))
                .map(rerun -> Response.accepted(new RerunAnswer(rerun.suiteId(), "rerun_requested", rerun.scope(),
                        rerun.fromRevision(), rerun.commandId(), url(suiteId), eventsUrl(suiteId)))
                        .location(URI.create(url(suiteId))).build());
    }

    @POST
    @Path("/{suiteId}/cancel")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Cancel a suite (optional JSON body {\"reason\"}): 202 once CancelSuite is on its way;"
            + " 409 when the suite is already final")
    public Uni<Response> cancel(@PathParam("suiteId") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
            String suiteId, String body) {
        return suites.cancel(Caller.of(identity), suiteId, CancelRequest.parse(body, mapper))
                .map(cancelled -> Response.accepted(new CancelAnswer(cancelled.suiteId(), "cancel_requested",
                        cancelled.commandId(), eventsUrl(suiteId))).build());
    }

    @POST
    @Path("/{suiteId}/approve")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Approve a suite that awaits approval (optional JSON body {\"comment\"}): 202 once"
            + " DecideApproval is on its way; 409 when the suite does not await approval")
    public Uni<Response> approve(@PathParam("suiteId") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
            String suiteId, String body) {
        return decide(suiteId, true, body);
    }

    @POST
    @Path("/{suiteId}/reject")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Reject a suite that awaits approval (optional JSON body {\"comment\"}): 202 once"
            + " DecideApproval is on its way; 409 when the suite does not await approval")
    public Uni<Response> reject(@PathParam("suiteId") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
            String suiteId, String body) {
        return decide(suiteId, false, body);
    }

    private Uni<Response> decide(String suiteId, boolean approve, String body) {
        return suites.decide(Caller.of(identity), suiteId, approve, DecisionRequest.parse(body, mapper))
                .map(sent -> Response.accepted(new CancelAnswer(sent.suiteId(), approve ? "approval_sent"
                        : "rejection_sent", sent.commandId(), eventsUrl(suiteId))).build());
    }

    @GET
    @Path("/{suiteId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Role.VIEWER_NAME)
    @Blocking
    @Operation(summary = "The suite's events as SSE: everything after Last-Event-ID (header, or lastEventId),"
            + " then live; ends once the suite is final. 204 when it is final and nothing is left")
    public Multi<OutboundSseEvent> events(@PathParam("suiteId") @Pattern(regexp = ID_PATTERN,
            message = ID_MESSAGE) String suiteId, @HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @QueryParam("lastEventId") String lastEventId, @Context Sse sse) {
        Long after = lastEventId(lastEventIdHeader, lastEventId);
        // decided before the response starts (on a worker thread), so that 404 and 204 are real statuses
        EventStreamService.Start start = streams.suite(sse, Caller.of(identity).tenant(), suiteId,
                after == null ? 0 : after).await().atMost(START_TIMEOUT);
        if (start.status() == 204) {
            throw new StreamMappers.NothingLeft();
        }
        return RestMulti.fromMultiData(start.events())
                .header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no").build();
    }

    /** The header wins: a browser reconnects to the same URL (with its old query) and sends the header. */
    static Long lastEventId(String header, String query) {
        String value = header != null && !header.isBlank() ? header : query;
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProblemException.validation(List.of(new FieldError("Last-Event-ID",
                "must be the id of an event this stream sent (a whole number)")));
    }
}
