package dev.suiteflow.audit.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.suiteflow.audit.TrailEvent;
import dev.suiteflow.audit.service.HashChain;
import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.Topics;

/**
 * Reads a Kafka record as the trail records it. Never throws: a record that is no CloudEvent (structured JSON or
 * binary {@code ce_*} headers), nor bare SuiteRequested JSON on {@code suite-requests}, becomes an entry of type
 * {@value TrailEvent#UNDECODABLE} holding the original bytes, so that nothing read is left out of the trail.
 */
public final class RecordDecoder {

    private RecordDecoder() {
    }

    /** Where a record came from and what it carried, as the Kafka connector hands it over. */
    public record RawRecord(String topic, int partition, long offset, String key, Instant timestamp,
            Map<String, String> headers, byte[] value) {
    }

    public static TrailEvent decode(RawRecord record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        JsonNode json;
        try {
            json = value.length == 0 ? null : HashChain.parse(value);
        } catch (Exception e) {
            return undecodable(record, "not JSON: " + firstLine(e.getMessage()));
        }
        Map<String, String> headers = record.headers() == null ? Map.of() : record.headers();
        if (json != null && json.isObject() && json.has("specversion")) {
            return structured(record, json);
        }
        if (headers.containsKey("ce_id") && headers.containsKey("ce_type")) {
            if (json == null) {
                return undecodable(record, "binary CloudEvent without data");
            }
            return cloudEvent(record, headers.get("ce_id"), headers.get("ce_type"), headers.get("ce_source"),
                    headers.get("ce_subject"), headers.get("ce_time"), json);
        }
        if (json != null && json.isObject() && Topics.SUITE_REQUESTS.equals(record.topic())) {
            // A bare request from another system: no id, type or time of its own.
            String id = recordId("record", record);
            return cloudEvent(record, id, EventTypes.SUITE_REQUESTED, null, null, null, json);
        }
        if (json == null) {
            return undecodable(record, "empty record");
        }
        return undecodable(record, "not a CloudEvent (no specversion, no ce_id/ce_type headers)");
    }

    private static TrailEvent structured(RawRecord record, JsonNode ce) {
        String id = text(ce, "id");
        String type = text(ce, "type");
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            return undecodable(record, "CloudEvent without id or type");
        }
        JsonNode data = ce.get("data");
        if (data == null && ce.has("data_base64")) {
            ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
            wrapped.set("data_base64", ce.get("data_base64"));
            data = wrapped;
        }
        return cloudEvent(record, id, type, text(ce, "source"), text(ce, "subject"), text(ce, "time"), data);
    }

    private static TrailEvent cloudEvent(RawRecord record, String id, String type, String source, String subject,
            String time, JsonNode data) {
        Instant at = parseTime(time);
        if (at == null) {
            at = record.timestamp();
        }
        String tenant = text(data, "tenant");
        String suiteId = EventTypes.SUITE_REQUESTED.equals(type) ? text(data, "requestId") : text(data, "suiteId");
        suiteId = firstPresent(suiteId, subject, record.key(), TrailEvent.UNKNOWN_SUITE);
        for (String field : new String[] { id, type, source, subject, tenant, suiteId }) {
            if (field != null && field.indexOf('\0') >= 0) {
                return undecodable(record, "CloudEvent attribute or tenant/suiteId with a NUL character");
            }
        }
        return new TrailEvent(id, type, source, subject, record.topic(), record.partition(), record.offset(),
                HashChain.truncate(at), firstPresent(tenant, TrailEvent.UNKNOWN_TENANT), suiteId,
                HashChain.canonicalJson(data));
    }

    private static TrailEvent undecodable(RawRecord record, String reason) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("reason", reason);
        payload.put("key", record.key());
        payload.put("rawBase64", Base64.getEncoder().encodeToString(value));
        String text = utf8(value);
        if (text != null) {
            payload.put("rawText", text);
        }
        String id = recordId("undecodable", record);
        return new TrailEvent(id, TrailEvent.UNDECODABLE, null, null, record.topic(), record.partition(),
                record.offset(), HashChain.truncate(record.timestamp()), TrailEvent.UNKNOWN_TENANT,
                firstPresent(record.key() == null ? null : record.key().replace('\0', '?'), TrailEvent.UNKNOWN_SUITE),
                HashChain.canonicalJson(payload));
    }

    /**
     * An id for a record that carries none: its coordinates plus a digest of its time, key and bytes. A
     * redelivery of the record gives the same id; another record at the same coordinates — the topic of a
     * rebuilt Kafka cluster starts again at offset 0 — gives another.
     */
    static String recordId(String prefix, RawRecord record) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(record.timestamp() == null ? 0 : record.timestamp().toEpochMilli())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(String.valueOf(record.key()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(record.value() == null ? new byte[0] : record.value());
            String digest = java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            return prefix + ":" + record.topic() + ":" + record.partition() + ":" + record.offset() + ":" + digest;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant parseTime(String time) {
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String firstPresent(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
