package dev.suiteflow.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** Log lines of suites. */
    Logs logs();

    /** The SSE streams. */
    Sse sse();

    /** Project registration passed through to ingest. */
    Projects projects();

    /** Re-runs of finished suites. */
    Rerun rerun();

    interface Logs {

        /** Lines stored per suite; later lines are dropped (counted, and flagged in the PhaseLog event). */
        @WithDefault("50000")
        long maxLinesPerSuite();

        /** Characters kept of one line; the rest is cut. */
        @WithDefault("8192")
        int maxLineLength();

        /** Lines per page of {@code GET /api/suites/{id}/logs} when {@code limit} is not given. */
        @WithDefault("500")
        int defaultPage();

        /** Largest {@code limit} of {@code GET /api/suites/{id}/logs}. */
        @WithDefault("5000")
        int maxPage();
    }

    interface Sse {

        /** A comment line is sent after this much silence, so that proxies keep the connection open. */
        @WithDefault("15s")
        Duration keepAlive();

        /**
         * Safety net: a stream looks for new events this often even without a notification (a missed NOTIFY while
         * the listener reconnected, say).
         */
        @WithDefault("5s")
        Duration pollInterval();

        /**
         * A suite's stream ends this long after the suite became final (once everything is sent): phase results and
         * log lines travel on other topics and may arrive just after the final lifecycle event.
         */
        @WithDefault("2s")
        Duration finalGrace();

        /** Events read from the database per query while a stream catches up. */
        @WithDefault("200")
        int batchSize();
    }

    interface Rerun {

        /**
         * A re-run asked for through the gateway is pending until the planner's new plan revision arrives, for at
         * most this long: meanwhile the suite's SSE stream stays open (a client that connects right after asking
         * sees the re-run) and a second re-run request is a 409. After it, the request counts as lost.
         */
        @WithDefault("60s")
        Duration pendingWindow();
    }

    interface Projects {

        /** Largest manifest body accepted by {@code PUT /api/projects/{project}}, in bytes. */
        @WithDefault("262144")
        int maxManifestBytes();
    }
}
