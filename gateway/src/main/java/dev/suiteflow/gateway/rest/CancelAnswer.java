package dev.suiteflow.gateway.rest;

/** The 202 answer to a cancellation: the CancelSuite command is on its way; SuiteCancelled will follow. */
public record CancelAnswer(String suiteId, String status, String commandId, String eventsUrl) {
}
