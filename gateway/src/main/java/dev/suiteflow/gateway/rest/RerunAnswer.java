package dev.suiteflow.gateway.rest;

/**
 * The 202 answer to a re-run: RerunSuite is on its way; a SuitePlanned of revision {@code fromRevision + 1} (cause
 * rerun or rerun-failed) will follow on the suite's stream.
 */
public record RerunAnswer(String suiteId, String status, String scope, Integer fromRevision, String commandId,
        String url, String eventsUrl) {
}
