package dev.suiteflow.ingest.service;

import dev.suiteflow.support.internal.InternalCalls;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.ingest.config.IngestConfig;
import dev.suiteflow.support.problem.ProblemException;

/**
 * Checks a synchronous call from the gateway: the shared token, and the tenant the gateway authenticated.
 * The tenant of the request is always the caller's, whatever the body says.
 */
@ApplicationScoped
public class InternalCaller {

    public static final String TENANT_HEADER = InternalCalls.TENANT_HEADER;
    public static final String TOKEN_HEADER = InternalCalls.TOKEN_HEADER;

    private final IngestConfig config;

    public InternalCaller(IngestConfig config) {
        this.config = config;
    }

    public SuiteRequested onBehalfOf(String tenant, String token, SuiteRequested body) {
        String owner = tenantOf(tenant, token);
        if (body == null) {
            throw ProblemException.validation(List.of(new FieldError("body",
                    "is required: send the suite request as JSON")));
        }
        return new SuiteRequested(body.requestId(), owner, body.project(), body.kinds(), body.priority(),
                body.failFast(), body.tests(), body.change(), body.approval(), body.requestedBy());
    }

    /** The tenant the gateway authenticated, after checking the shared token. */
    public String tenantOf(String tenant, String token) {
        return InternalCalls.tenantOf(config.internalToken(), tenant, token);
    }
}
