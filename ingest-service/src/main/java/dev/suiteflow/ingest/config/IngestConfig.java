package dev.suiteflow.ingest.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** The approval gate of a request. */
    Approval approval();

    interface Approval {

        /**
         * Shortest {@code approval.timeoutSeconds} a request may ask for (1 to 604800). 60 by default; tests of the
         * timeout path lower it so that a suite times out within seconds.
         */
        @WithDefault("60")
        long minTimeoutSeconds();
    }
}
