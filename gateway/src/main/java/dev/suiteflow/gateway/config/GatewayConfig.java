package dev.suiteflow.gateway.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Configuration of the gateway, keys under {@code suiteflow.gateway}. */
@ConfigMapping(prefix = "suiteflow.gateway")
public interface GatewayConfig {

    /**
     * API keys created (or kept) at start-up, each {@code key:tenant:role[:name]}; role is viewer, submitter
     * or operator. Empty by default; the local launcher passes development keys.
     */
    Optional<List<String>> bootstrapKeys();

    /** Shared secret sent to ingest in {@code X-Suiteflow-Token}; empty in local development. */
    Optional<String> internalToken();
}
