package dev.suiteflow.audit.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.audit.AuditEntry;
import dev.suiteflow.audit.service.AuditService;
import dev.suiteflow.audit.service.InternalCaller;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Reads of a suite's audit trail for the gateway, scoped to the caller's tenant. */
@Path("/audit/suites/{suiteId}")
@Tag(name = "audit")
public class AuditResource {

    public static final String NDJSON = "application/x-ndjson";
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;

    private final AuditService audit;
    private final InternalCaller caller;
    private final ObjectMapper mapper;

    public AuditResource(AuditService audit, InternalCaller caller, ObjectMapper mapper) {
        this.audit = audit;
        this.caller = caller;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The suite's trail in seq order, a page at a time (limit 1..1000, default 200; afterSeq)")
    public Uni<EntryPage> list(@PathParam("suiteId") String suiteId,
            @HeaderParam(InternalCaller.TENANT_HEADER) String tenant,
            @HeaderParam(InternalCaller.TOKEN_HEADER) String token,
            @QueryParam("limit") String limit, @QueryParam("afterSeq") String afterSeq) {
        String owner = caller.tenant(tenant, token);
        int pageSize = (int) number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        long after = number("afterSeq", afterSeq, 0, 0, Long.MAX_VALUE);
        return audit.page(owner, suiteId, after, pageSize).map(entries -> new EntryPage(suiteId, entries,
                entries.size() == pageSize ? entries.get(entries.size() - 1).seq() : null));
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recompute every hash of the suite's chain and report the first broken entry, if any")
    public Uni<AuditService.Verification> verify(@PathParam("suiteId") String suiteId,
            @HeaderParam(InternalCaller.TENANT_HEADER) String tenant,
            @HeaderParam(InternalCaller.TOKEN_HEADER) String token) {
        return audit.verify(caller.tenant(tenant, token), suiteId);
    }

    @GET
    @Path("/export")
    @Produces(NDJSON)
    @Operation(summary = "The whole chain as NDJSON, one entry per line with its hashes, for outside verification")
    public Uni<Response> export(@PathParam("suiteId") String suiteId,
            @HeaderParam(InternalCaller.TENANT_HEADER) String tenant,
            @HeaderParam(InternalCaller.TOKEN_HEADER) String token) {
        return audit.all(caller.tenant(tenant, token), suiteId)
                .map(entries -> Response.ok(ndjson(entries), NDJSON).build());
    }

    private String ndjson(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (AuditEntry entry : entries) {
            try {
                out.append(mapper.writeValueAsString(entry)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write entry " + entry.seq(), e);
            }
        }
        return out.toString();
    }

    private static long number(String field, String value, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.validation(List.of(new FieldError(field, max == Long.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max)));
    }
}
