package dev.suiteflow.events;

/** One problem with one field of a request, written for the person who sent it. */
public record FieldError(String field, String message) {
}
