package dev.suiteflow.support.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.support.problem.ProblemException;

/**
 * The check of a call from the gateway to a service's internal REST: the shared token (when one is configured)
 * and the tenant the gateway authenticated, from which every read and write is scoped.
 */
public final class InternalCalls {

    public static final String TENANT_HEADER = "X-Suiteflow-Tenant";
    public static final String TOKEN_HEADER = "X-Suiteflow-Token";

    private InternalCalls() {
    }

    /**
     * The caller's tenant; 401 when a token is configured and the call does not carry it, 400 without a tenant.
     *
     * @param expected the configured shared secret; empty disables the check (development only)
     */
    public static String tenantOf(Optional<String> expected, String tenant, String token) {
        String secret = expected.orElse("");
        if (!secret.isEmpty() && (token == null || !MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))) {
            throw new ProblemException(401, "unauthorized", "Unauthorized",
                    "This endpoint is for the gateway: send the shared token in " + TOKEN_HEADER, null, null);
        }
        if (tenant == null || tenant.isBlank()) {
            throw ProblemException.validation(List.of(new FieldError(TENANT_HEADER, "is required")));
        }
        return tenant;
    }
}
