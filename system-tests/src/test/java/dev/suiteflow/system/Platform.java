package dev.suiteflow.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.suiteflow.devstack.DevStack;
import dev.suiteflow.devstack.RunDir;
import dev.suiteflow.devstack.Services;

/**
 * The running platform for the system tests: PostgreSQL, Kafka and the five services started from their built
 * jars (processes started here are stopped by {@link #close}), with small clients for its HTTP API and topics.
 */
final class Platform implements AutoCloseable {

    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String AUDIT = "http://127.0.0.1:8084";
    static final String OPERATOR_KEY = "demo-operator-key";
    static final ObjectMapper JSON = new ObjectMapper();

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /**
     * What the services started here are given on top of their defaults: the demo keys (unless
     * SUITEFLOW_GATEWAY_BOOTSTRAP_KEYS is set), and an approval gate that can time out within seconds — ingest
     * accepts approval timeouts from 1 s, the planner looks for expired approvals every second and starts every
     * planned suite at once (no queue limit: tests elsewhere leave suites running in the database). (A service that
     * already runs is reused as it is.)
     */
    static final Map<String, List<String>> SERVICE_PROPERTIES = Map.of(
            "gateway", System.getenv().getOrDefault("SUITEFLOW_GATEWAY_BOOTSTRAP_KEYS", "").isBlank()
                    ? List.of("-Dsuiteflow.gateway.bootstrap-keys=" + Services.DEMO_KEYS) : List.of(),
            "ingest-service", List.of("-Dsuiteflow.ingest.approval.min-timeout-seconds=1"),
            // suites other test modules left running on the shared database must not hold up the queue
            "planner-service", List.of("-Dsuiteflow.planner.approval-check=1s",
                    "-Dsuiteflow.planner.max-running-suites=10000"));

    private final Services services;
    /** The processes started here (services that already ran are reused and left running). */
    private final List<Services.Started> started;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final KafkaProducer<String, String> producer;

    private Platform(Services services, List<Services.Started> started, KafkaProducer<String, String> producer) {
        this.services = services;
        this.started = started;
        this.producer = producer;
    }

    static Platform start() {
        String bootstrap = DevStack.ensureInfrastructure().bootstrapServers();
        Services services = new Services(RunDir.ofRepo(), Services.ALL, SERVICE_PROPERTIES, READY_TIMEOUT,
                line -> System.out.println("[system-tests] " + line));
        List<Services.Started> startedHere = new CopyOnWriteArrayList<>();
        try {
            services.start(startedHere::add);
        } catch (RuntimeException e) {
            services.stop(startedHere);
            throw e;
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new Platform(services, startedHere, new KafkaProducer<>(props));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        services.stop(started);
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Answer get(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    Answer post(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> operator() {
        return Map.of("Authorization", "Bearer " + OPERATOR_KEY);
    }

    // ------------------------------------------------------------------------------------------------ Kafka

    /** Publishes {@code data} as a structured CloudEvent, as another system would. */
    void publishCloudEvent(String topic, String key, String type, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "urn:suiteflow:system-tests").put("type", type).put("subject", key)
                .put("time", Instant.now().toString()).put("datacontenttype", "application/json");
        event.set("data", data);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, event.toString());
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** Reads a topic from its beginning on a background thread; tests look for their own fresh ids in it. */
    Follower follow(String topic) {
        return new Follower(DevStack.ensureInfrastructure().bootstrapServers(), topic);
    }

    static final class Follower implements AutoCloseable {
        private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Follower(String bootstrap, String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                    }
                }
            }, "follow-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        /** CloudEvents read so far whose data field {@code field} equals {@code value}. */
        List<JsonNode> withData(String field, String value) {
            List<JsonNode> found = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                try {
                    JsonNode event = JSON.readTree(record.value());
                    if (value.equals(event.path("data").path(field).asText(null))) {
                        found.add(event);
                    }
                } catch (IOException e) {
                    // not JSON: not one of ours
                }
            }
            return found;
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
