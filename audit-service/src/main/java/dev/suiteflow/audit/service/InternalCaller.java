package dev.suiteflow.audit.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.suiteflow.audit.config.AuditConfig;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.support.problem.ProblemException;

/**
 * Checks a call from the gateway: the shared token (when one is configured) and the tenant the gateway
 * authenticated. Every read is scoped to that tenant.
 */
@ApplicationScoped
public class InternalCaller {

    public static final String TENANT_HEADER = "X-Suiteflow-Tenant";
    public static final String TOKEN_HEADER = "X-Suiteflow-Token";

    private final AuditConfig config;

    public InternalCaller(AuditConfig config) {
        this.config = config;
    }

    /** The caller's tenant; 401 for a wrong token, 400 when the tenant header is missing. */
    public String tenant(String tenant, String token) {
        String expected = config.internalToken().orElse("");
        if (!expected.isEmpty() && (token == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))) {
            throw new ProblemException(401, "unauthorized", "Unauthorized",
                    "This endpoint is for the gateway: send the shared token in " + TOKEN_HEADER, null, null);
        }
        if (tenant == null || tenant.isBlank()) {
            throw ProblemException.validation(List.of(new FieldError(TENANT_HEADER, "is required")));
        }
        return tenant;
    }
}
