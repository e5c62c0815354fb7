package dev.suiteflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The infrastructure that tests need, once per JVM: PostgreSQL ready (database, roles, schemas), a Kafka broker on
 * 127.0.0.1:9092 (reused when one runs, else started in a fresh temporary directory and stopped when the JVM
 * exits) and the seven topics.
 */
public final class DevStack {

    private static final Consumer<String> SAY = line -> System.out.println("[devstack] " + line);
    /**
     * Set once the infrastructure is ready: a system property, not only a static field, because Quarkus may load
     * this class in more than one class loader of the same JVM.
     */
    static final String READY_PROPERTY = "suiteflow.devstack.ready";
    private static KafkaBroker broker;

    private DevStack() {
    }

    /** For any test: makes sure PostgreSQL, Kafka and the topics are there. Runs once per JVM. */
    public static synchronized KafkaBroker ensureInfrastructure() {
        if (broker != null) {
            return broker;
        }
        if (System.getProperty(READY_PROPERTY) != null) {
            broker = KafkaBroker.standard(RunDir.ofRepo(), SAY);
            return broker;
        }
        long start = System.nanoTime();
        Postgres.ensureReady(SAY);
        RunDir run = RunDir.ofRepo();
        KafkaBroker kafka = KafkaBroker.standard(run, SAY);
        if (Procs.accepting(KafkaBroker.HOST, kafka.port())) {
            kafka.ensureRunning(run.kafkaData());
        } else {
            kafka.ensureRunning(tempDir());
            kafka.stopOnExit(true);
        }
        TopicSetup.Outcome topics = TopicSetup.ensureTopics(kafka.bootstrapServers());
        topics.warnings().forEach(SAY);
        List<String> running = Services.ALL.stream().filter(s -> Procs.accepting("127.0.0.1", s.port()))
                .map(Services.Service::name).toList();
        if (!running.isEmpty()) {
            SAY.accept("WARNING: " + String.join(", ", running) + " already run on this machine and share the broker"
                    + " and the database with the tests: they take part of the tests' events and results. Stop them"
                    + " (./suiteflow down) for a clean run.");
        }
        SAY.accept(String.format("ready in %.1f s (topics created: %d, already there: %d)",
                (System.nanoTime() - start) / 1e9, topics.created().size(), topics.existing().size()));
        broker = kafka;
        System.setProperty(READY_PROPERTY, "true");
        return broker;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("suiteflow-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for Kafka", e);
        }
    }
}
