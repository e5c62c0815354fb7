package dev.suiteflow.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Publishes records to the real broker, as other services and systems would. */
public final class TestEvents implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;

    public TestEvents() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    public static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A structured CloudEvent (JSON) of the contract. */
    public static String cloudEvent(String id, String type, String subject, Map<String, Object> data) {
        ObjectNode ce = MAPPER.createObjectNode();
        ce.put("specversion", "1.0");
        ce.put("id", id);
        ce.put("source", "/suiteflow/tests");
        ce.put("type", type);
        ce.put("subject", subject);
        ce.put("time", Instant.now().toString());
        ce.put("datacontenttype", "application/json");
        ce.set("data", MAPPER.valueToTree(data));
        return ce.toString();
    }

    public void send(String topic, String key, String value) {
        send(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
