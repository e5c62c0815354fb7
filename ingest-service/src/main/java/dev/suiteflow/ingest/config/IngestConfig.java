package dev.suiteflow.ingest.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Configuration of ingest-service, keys under {@code suiteflow.ingest}. */
@ConfigMapping(prefix = "suiteflow.ingest")
public interface IngestConfig {

    /** Manifest files, or folders of *.yaml / *.yml manifests, read at start-up: the projects requests may name. */
    List<String> manifests();

    /**
     * Shared secret the gateway sends in {@code X-Suiteflow-Token}. Empty disables the check, for local
     * development only; deployments set {@code SUITEFLOW_INGEST_INTERNAL_TOKEN}.
     */
    Optional<String> internalToken();
}
