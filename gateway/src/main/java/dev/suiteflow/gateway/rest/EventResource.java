package dev.suiteflow.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.suiteflow.gateway.security.Caller;
import dev.suiteflow.gateway.security.Role;
import dev.suiteflow.gateway.service.EventStreamService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;

/** Every event of the caller's tenant, live. */
@Path("/api/events")
@Tag(name = "events")
public class EventResource {

    private final EventStreamService streams;
    private final SecurityIdentity identity;

    public EventResource(EventStreamService streams, SecurityIdentity identity) {
        this.streams = streams;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "All events of your tenant as SSE (ids are global): after Last-Event-ID (header, or"
            + " lastEventId; 0 replays everything), else from now on; never ends")
    public Multi<OutboundSseEvent> events(@HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @QueryParam("lastEventId") String lastEventId, @Context Sse sse) {
        Long after = SuiteResource.lastEventId(lastEventIdHeader, lastEventId);
        return streams.tenant(sse, Caller.of(identity).tenant(), after);
    }
}
