package dev.suiteflow.gateway.rest;

/**
 * The 202 answer to a submission.
 *
 * @param duplicate true when this request id was submitted before: the suite is the one it gave then
 */
public record SubmitAnswer(String suiteId, String requestId, String status, String url, String eventsUrl,
        boolean duplicate) {
}
