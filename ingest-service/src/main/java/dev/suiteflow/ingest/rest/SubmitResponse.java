package dev.suiteflow.ingest.rest;

/**
 * The answer to an accepted request.
 *
 * @param duplicate true when this request id was accepted before: the suite is the one it gave then
 */
public record SubmitResponse(String suiteId, String requestId, String status, boolean duplicate) {
}
