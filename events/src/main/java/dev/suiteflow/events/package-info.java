/**
 * Suiteflow's wire contract: one record per event payload, {@link dev.suiteflow.events.EventTypes} (the
 * CloudEvent {@code type} of each payload and its topic) and {@link dev.suiteflow.events.Topics}.
 *
 * <p>Every record on Kafka is a structured-mode CloudEvent 1.0 ({@code schemas/CloudEvent.v1.json} in this jar)
 * whose {@code data} is one of these payloads, serialised with Jackson (ISO-8601 instants), and validated by
 * {@code schemas/<Event>.v1.json}. The topics, messages and the services that send or receive them are
 * described in {@code asyncapi.yaml}. Consumers ignore unknown fields and unknown event types; a breaking
 * change is a new {@code .v2} type (see the module's README).
 */
package dev.suiteflow.events;
