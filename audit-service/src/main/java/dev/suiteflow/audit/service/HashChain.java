package dev.suiteflow.audit.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.suiteflow.audit.AuditEntry;

/**
 * The hash chain of a suite's trail, defined precisely so that anyone can re-verify an export:
 *
 * <pre>
 * hash(n) = hex(SHA-256( field("suiteflow.audit.v1") || field(prevHash) || field(seq) || field(eventId)
 *                        || field(type) || field(source) || field(time) || field(tenant) || field(suiteId)
 *                        || field(payload) ))
 * field(s) = ASCII decimal length of UTF-8(s) || ":" || UTF-8(s)        (null is the empty string)
 * prevHash(1) = 64 zeros; prevHash(n) = hash(n - 1)
 * </pre>
 *
 * {@code seq} is written in decimal, {@code time} as {@link #formatTime}, and {@code payload} is the canonical JSON
 * text of the CloudEvent's data ({@link #canonicalJson}), kept verbatim in the trail. Length-prefixing makes the
 * encoding unambiguous whatever the fields contain, and needs no JSON library to reproduce.
 */
public final class HashChain {

    /** prevHash of the first entry of every chain. */
    public static final String GENESIS = "0".repeat(64);

    /** Version tag hashed first, so that a future definition cannot be confused with this one. */
    public static final String VERSION = "suiteflow.audit.v1";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * Canonical JSON: object keys sorted (Java {@link String} order, i.e. by UTF-16 code units; byte order for
     * ASCII keys) at every level, array order kept, no insignificant whitespace, numbers with a fraction kept as
     * the exact decimal sent (no float rounding), strings escaped as Jackson does. The tree is sorted explicitly;
     * ORDER_MAP_ENTRIES_BY_KEYS and SORT_PROPERTIES_ALPHABETICALLY are set as well, for anything that is not a tree.
     */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private HashChain() {
    }

    /** Parses JSON text into the tree {@link #canonicalJson(JsonNode)} expects (exact decimals). */
    public static JsonNode parse(byte[] json) throws java.io.IOException {
        return CANONICAL.readTree(json);
    }

    /** The canonical JSON text of a tree; the same data in any key order gives the same text. */
    public static String canonicalJson(JsonNode node) {
        try {
            return CANONICAL.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /** The canonical JSON text of JSON text. */
    public static String canonicalJson(String json) {
        try {
            return canonicalJson(CANONICAL.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = CANONICAL.createObjectNode();
            for (String name : names) {
                copy.set(name, sorted(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = CANONICAL.createArrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                copy.add(sorted(it.next()));
            }
            return copy;
        }
        return node;
    }

    /** The instant at the precision the trail keeps (PostgreSQL timestamptz: microseconds). */
    public static Instant truncate(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} in UTC, always six fraction digits; null for null. */
    public static String formatTime(Instant time) {
        return time == null ? null : TIME.format(truncate(time));
    }

    /** The hash of an entry, from its fields and the hash of the entry before it. */
    public static String hash(String prevHash, long seq, String eventId, String type, String source, String time,
            String tenant, String suiteId, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (payload == null ? 0 : payload.length()));
        for (String field : new String[] { VERSION, prevHash, Long.toString(seq), eventId, type, source, time, tenant,
                suiteId, payload }) {
            byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            out.write(':');
            out.writeBytes(bytes);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** The hash an entry should have, recomputed from its stored fields. */
    public static String hashOf(AuditEntry e) {
        return hash(e.prevHash(), e.seq(), e.eventId(), e.type(), e.source(), e.time(), e.tenant(), e.suiteId(),
                e.payload());
    }
}
