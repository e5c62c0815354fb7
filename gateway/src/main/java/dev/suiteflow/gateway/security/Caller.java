package dev.suiteflow.gateway.security;

import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated caller: every read and write is scoped to its tenant. */
public record Caller(String name, String tenant) {

    public static Caller of(SecurityIdentity identity) {
        String tenant = identity.getAttribute(ApiKeyIdentityProvider.TENANT);
        if (tenant == null) {
            throw new IllegalStateException("An authenticated caller without a tenant");
        }
        return new Caller(identity.getPrincipal().getName(), tenant);
    }
}
