package dev.suiteflow.ingest.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.ingest.service.Intake;
import dev.suiteflow.ingest.service.IntakeService;
import dev.suiteflow.support.problem.ProblemMappers;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Suite requests other systems publish on {@code suite-requests}. A record may be a structured CloudEvent
 * ({@code specversion} + {@code data}), a binary-mode CloudEvent ({@code ce_*} headers) or the bare
 * request JSON. A valid request is accepted (idempotently on tenant + request id) and answered with
 * SuiteAccepted. An invalid one is answered with SuiteRejected when it names a tenant and request id,
 * and goes to {@code suite-requests-dlq} with its original bytes and the reason in headers; a record
 * that is not JSON goes to the DLQ only. Either way the consumer goes on with the next record.
 */
@ApplicationScoped
public class SuiteRequestConsumer {

    private final IntakeService intake;
    private final ObjectMapper mapper;

    public SuiteRequestConsumer(IntakeService intake, ObjectMapper mapper) {
        this.intake = intake;
        this.mapper = mapper;
    }

    @Incoming("suite-requests")
    public Uni<Void> consume(Message<byte[]> message) {
        byte[] bytes = message.getPayload();
        JsonNode request;
        try {
            request = unwrap(bytes, message);
        } catch (InvalidRecordException e) {
            Log.warnf("Sent a record of suite-requests to the DLQ: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        SuiteRequested raw;
        try {
            raw = mapper.treeToValue(request, SuiteRequested.class);
        } catch (JsonProcessingException e) {
            return rejectAndDeadLetter(message, lenient(request), List.of(ProblemMappers.jsonError(e)));
        }
        MDC.put("tenant", String.valueOf(raw.tenant()));
        return intake.submit(raw, "kafka").chain(outcome -> outcome instanceof Intake.Rejected r
                ? rejectAndDeadLetter(message, raw, r.errors())
                : Uni.createFrom().completionStage(message.ack()))
                .eventually(() -> MDC.remove("tenant"));
    }

    private Uni<Void> rejectAndDeadLetter(Message<byte[]> message, SuiteRequested raw, List<FieldError> errors) {
        String reason = "invalid suite request: " + errors.stream().map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("");
        return intake.reject(raw, "The request is not valid", errors)
                .invoke(answered -> Log.warnf("Rejected a suite request from the topic (%s); answered: %s",
                        reason, answered))
                .chain(() -> Uni.createFrom().completionStage(message.nack(new InvalidRecordException(reason))));
    }

    /** Best effort: the tenant and request id of a request whose other fields are broken, to answer it. */
    private SuiteRequested lenient(JsonNode request) {
        String tenant = request.path("tenant").isTextual() ? request.path("tenant").asText() : null;
        String requestId = request.path("requestId").isTextual() ? request.path("requestId").asText() : null;
        return new SuiteRequested(requestId, tenant, null, null, null, null, null, null, null, null);
    }

    private JsonNode unwrap(byte[] bytes, Message<byte[]> message) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException("empty record");
        }
        JsonNode json;
        try {
            json = mapper.readTree(bytes);
        } catch (Exception e) {
            throw new InvalidRecordException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (json == null || !json.isObject()) {
            throw new InvalidRecordException("not a JSON object");
        }
        Optional<String> binaryType = header(message, "ce_type");
        if (json.has("specversion")) {
            checkType(json.path("type").asText(null));
            JsonNode data = json.get("data");
            if (data == null || !data.isObject()) {
                throw new InvalidRecordException("CloudEvent without an object in data");
            }
            return data;
        }
        binaryType.ifPresent(this::checkType);
        return json;
    }

    private void checkType(String type) {
        if (!EventTypes.SUITE_REQUESTED.equals(type)) {
            throw new InvalidRecordException("CloudEvent type must be " + EventTypes.SUITE_REQUESTED + ", was " + type);
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> header(Message<byte[]> message, String name) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(md -> md.getHeaders().lastHeader(name))
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8));
    }

    /** A record that cannot be a suite request; it goes to the DLQ. */
    static class InvalidRecordException extends RuntimeException {
        InvalidRecordException(String message) {
            super(message, null, false, false);
        }
    }
}
