package dev.suiteflow.audit.service;

import dev.suiteflow.support.internal.InternalCalls;


import jakarta.enterprise.context.ApplicationScoped;

import dev.suiteflow.audit.config.AuditConfig;

/**
 * Checks a call from the gateway: the shared token (when one is configured) and the tenant the gateway
 * authenticated. Every read is scoped to that tenant.
 */
@ApplicationScoped
public class InternalCaller {

    public static final String TENANT_HEADER = InternalCalls.TENANT_HEADER;
    public static final String TOKEN_HEADER = InternalCalls.TOKEN_HEADER;

    private final AuditConfig config;

    public InternalCaller(AuditConfig config) {
        this.config = config;
    }

    /** The caller's tenant; 401 for a wrong token, 400 when the tenant header is missing. */
    public String tenant(String tenant, String token) {
        return InternalCalls.tenantOf(config.internalToken(), tenant, token);
    }
}
