package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void serverPropertiesDescribeASingleNodeKraftBrokerOnLoopback() throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(KafkaBroker.serverProperties(dir, 9092, 9093)));

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("log.dirs", dir.toAbsolutePath().resolve("data").toString());
    }

    @Test
    void serverPropertiesFollowTheGivenPorts() throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(KafkaBroker.serverProperties(dir, 19092, 19093)));

        assertThat(props.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
    }

    /** A second, private broker on free ports: started, recorded in its pid file, stopped, gone. */
    @Test
    void startsABrokerThatAnAdminClientSeesAndStopsItCleanly() throws Exception {
        int port = ServicesTest.freePort();
        int controllerPort = ServicesTest.freePort();
        Path pidFile = dir.resolve("pids/kafka-test.pid");
        Path log = dir.resolve("kafka-test.log");
        List<String> said = new ArrayList<>();
        KafkaBroker broker = new KafkaBroker(KafkaBroker.kafkaLib(RepoRoot.find()), log, pidFile, port,
                controllerPort, said::add);

        long start = System.nanoTime();
        broker.ensureRunning(dir.resolve("kafka"));
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            long pid = broker.pid().orElseThrow();
            System.out.printf("[devstack] test broker ready in %.1f s (format included), %d MB resident%n",
                    seconds, Procs.rssMb(pid).orElse(-1));
            assertThat(broker.startedHere()).isTrue();
            assertThat(Procs.readPid(pidFile)).hasValue(pid);
            assertThat(Procs.cmdline(pid)).contains(KafkaBroker.MAIN_CLASS, "-Xmx384m");
            assertThat(dir.resolve("kafka/data/meta.properties")).exists();
            try (Admin admin = KafkaBroker.admin(broker.bootstrapServers())) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
            }
        } finally {
            broker.stop();
        }
        assertThat(Procs.accepting(KafkaBroker.HOST, port)).isFalse();
        assertThat(pidFile).doesNotExist();
        assertThat(said).anyMatch(line -> line.startsWith("Kafka: stopped the broker"));
    }

    @Test
    void stopRecordedLeavesAProcessAloneWhenItIsNotAKafkaBroker() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "60").start();
        Path pidFile = dir.resolve("kafka.pid");
        try {
            Procs.writePid(pidFile, stranger.pid());

            assertThat(KafkaBroker.stopRecorded(pidFile)).isEmpty();
            assertThat(stranger.isAlive()).isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            stranger.destroyForcibly();
            stranger.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesToStartWithoutKafkasJars() {
        KafkaBroker broker = new KafkaBroker(dir.resolve("no-kafka-lib"), dir.resolve("k.log"),
                dir.resolve("k.pid"), 1, 2, line -> { });

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> broker.ensureRunning(dir.resolve("data")))
                .hasMessageContaining("./mvnw -pl devstack install");
        assertThat(Files.exists(dir.resolve("k.pid"))).isFalse();
    }
}
