package dev.suiteflow.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The Jackson set-up services use for the wire (ISO-8601 instants, unknown fields tolerated), and resource reading. */
final class Json {

    /** As a service's ObjectMapper: JavaTimeModule, dates as ISO-8601 strings, unknown properties ignored. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Json() {
    }

    /** Serialises a value to a JSON tree, the way a producer puts it on the wire. */
    static JsonNode toTree(Object value) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a classpath resource (absolute, e.g. {@code /schemas/SuiteAccepted.v1.json}) as a JSON or YAML tree. */
    static JsonNode resource(String path) {
        try (InputStream in = Json.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No classpath resource " + path);
            }
            return (path.endsWith(".yaml") || path.endsWith(".yml") ? YAML : MAPPER).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
