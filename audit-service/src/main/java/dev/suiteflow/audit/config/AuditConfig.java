package dev.suiteflow.audit.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Configuration of audit-service, keys under {@code suiteflow.audit}. */
@ConfigMapping(prefix = "suiteflow.audit")
public interface AuditConfig {

    /**
     * Shared secret the gateway sends in {@code X-Suiteflow-Token}. Empty disables the check, for local
     * development only; deployments set {@code SUITEFLOW_AUDIT_INTERNAL_TOKEN}.
     */
    Optional<String> internalToken();
}
