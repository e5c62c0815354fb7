package dev.suiteflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one JVM) run from Apache Kafka's own jars in
 * {@code devstack/target/kafka-lib}, or the broker that already listens on its port.
 *
 * <p>Its output goes to a log file, never to ours, and its pid to a pid file, so that {@code ./suiteflow down}
 * (or CI's clean-up) can stop a broker that an earlier command started.
 */
public final class KafkaBroker {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 9092;
    public static final int CONTROLLER_PORT = 9093;
    /** What {@code /proc/<pid>/cmdline} of a broker contains. */
    public static final String MAIN_CLASS = "kafka.Kafka";
    /** Heap and GC of the broker JVM: measured at about 350 MB resident. */
    static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS");
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path kafkaLib;
    private final Path logFile;
    private final Path pidFile;
    private final int port;
    private final int controllerPort;
    private final Consumer<String> say;

    private Process process;
    private Path dataDir;
    private volatile boolean stopped;

    public KafkaBroker(Path kafkaLib, Path logFile, Path pidFile, int port, int controllerPort,
            Consumer<String> say) {
        this.kafkaLib = kafkaLib;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.port = port;
        this.controllerPort = controllerPort;
        this.say = say;
    }

    /** The broker on 127.0.0.1:9092, its log in {@code .run/logs/kafka.log}, its pid in {@code .run/pids}. */
    public static KafkaBroker standard(RunDir run, Consumer<String> say) {
        return new KafkaBroker(kafkaLib(run.root()), run.log("kafka"), run.pidFile("kafka"), PORT,
                CONTROLLER_PORT, say);
    }

    /**
     * Apache Kafka's jars: the system property {@code suiteflow.kafka.lib}, else {@code devstack/target/kafka-lib}
     * (filled by the devstack build).
     */
    public static Path kafkaLib(Path root) {
        String explicit = System.getProperty("suiteflow.kafka.lib");
        return explicit != null ? Path.of(explicit) : root.resolve("devstack/target/kafka-lib");
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    /** True when this object started the broker (and so may stop it). */
    public boolean startedHere() {
        return process != null;
    }

    /** The broker's pid: the one started here, else the one listening on the port (when visible). */
    public OptionalLong pid() {
        if (process != null) {
            return OptionalLong.of(process.pid());
        }
        Optional<ProcessHandle> recorded = Procs.livePid(pidFile, MAIN_CLASS);
        return recorded.isPresent() ? OptionalLong.of(recorded.get().pid()) : Procs.listenerPid(port);
    }

    /**
     * Makes sure a broker answers on the port: reuses the one that already does, else starts one with its data in
     * {@code dataDir} (formatting the storage the first time) and waits until an Admin client sees the cluster.
     */
    public synchronized KafkaBroker ensureRunning(Path dataDir) {
        if (Procs.accepting(HOST, port)) {
            say.accept("Kafka: reusing the broker that listens on " + bootstrapServers());
            awaitReady(null, Duration.ofSeconds(30));
            return this;
        }
        Optional<ProcessHandle> starting = Procs.livePid(pidFile, MAIN_CLASS);
        if (starting.isPresent()) {
            say.accept("Kafka: a broker (pid " + starting.get().pid() + ") is starting; waiting for it");
            awaitReady(null, START_TIMEOUT);
            return this;
        }
        if (Procs.accepting(HOST, controllerPort)) {
            throw new IllegalStateException("Kafka cannot start: port " + controllerPort
                    + " (its controller port) is already in use" + holder(controllerPort)
                    + ". Stop that process, then try again.");
        }
        requireKafkaLib();
        this.dataDir = dataDir.toAbsolutePath();
        Path properties = writeServerProperties(this.dataDir);
        if (!Files.exists(this.dataDir.resolve("data/meta.properties"))) {
            format(properties);
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(kafkaLib.toAbsolutePath() + "/*");
        command.add(MAIN_CLASS);
        command.add(properties.toString());
        say.accept("Kafka: starting a broker on " + bootstrapServers() + " (log: " + logFile + ")");
        process = Procs.spawn(command, this.dataDir, logFile, Map.of());
        Procs.writePid(pidFile, process.pid());
        try {
            awaitReady(process, START_TIMEOUT);
        } catch (RuntimeException e) {
            Procs.stop(process.toHandle(), Duration.ofSeconds(5));
            Procs.deletePid(pidFile);
            process = null;
            throw e;
        }
        return this;
    }

    /** Stops the broker if this object started it: SIGTERM, then SIGKILL after 20 s. */
    public synchronized void stop() {
        if (process == null || stopped) {
            return;
        }
        stopped = true;
        boolean killed = Procs.stop(process.toHandle(), STOP_GRACE);
        Procs.deletePid(pidFile);
        say.accept("Kafka: stopped the broker (pid " + process.pid() + ")" + (killed ? ", killed after 20 s" : ""));
    }

    /**
     * For tests: stop the broker this object started when the JVM exits, and delete its data directory when
     * {@code deleteData} (a temporary one).
     */
    public void stopOnExit(boolean deleteData) {
        if (process == null) {
            return;
        }
        Path data = dataDir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop();
            if (deleteData && data != null) {
                deleteRecursively(data);
            }
        }, "suiteflow-kafka-stop"));
    }

    /**
     * Stops the broker recorded in {@code pidFile} by an earlier command, if it still runs and still is a Kafka
     * broker. Returns its pid when one was stopped.
     */
    public static OptionalLong stopRecorded(Path pidFile) {
        Optional<ProcessHandle> broker = Procs.livePid(pidFile, MAIN_CLASS);
        if (broker.isEmpty()) {
            Procs.deletePid(pidFile);
            return OptionalLong.empty();
        }
        Procs.stop(broker.get(), STOP_GRACE);
        Procs.deletePid(pidFile);
        return OptionalLong.of(broker.get().pid());
    }

    /** The content of {@code server.properties} for a single-node KRaft broker with its data in {@code dataDir}. */
    static String serverProperties(Path dataDir, int port, int controllerPort) {
        return String.join("\n",
                "# Generated by dev.suiteflow.devstack.KafkaBroker: a single-node KRaft broker for local runs and tests.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir.toAbsolutePath().resolve("data"),
                "num.partitions=1",
                "default.replication.factor=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "num.network.threads=2",
                "num.io.threads=4",
                "");
    }

    private Path writeServerProperties(Path dir) {
        try {
            Files.createDirectories(dir.resolve("data"));
            Path file = dir.resolve("server.properties");
            Files.writeString(file, serverProperties(dir, port, controllerPort));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the broker's configuration in " + dir, e);
        }
    }

    private void format(Path properties) {
        String clusterId = Uuid.randomUuid().toString();
        List<String> command = List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", kafkaLib.toAbsolutePath() + "/*", "kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", properties.toString(), "--ignore-formatted");
        say.accept("Kafka: formatting new storage in " + properties.getParent() + " (cluster id " + clusterId + ")");
        Procs.Result result = Procs.run(command, null, Map.of(), Duration.ofSeconds(60));
        if (!result.ok()) {
            throw new IllegalStateException("Kafka storage format failed (exit " + result.exitCode() + "):\n"
                    + result.output().lines().skip(Math.max(0, result.output().lines().count() - 30))
                            .map(l -> "    | " + l).reduce((a, b) -> a + "\n" + b).orElse(""));
        }
    }

    private void awaitReady(Process started, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin = null;
        String lastProblem = "port " + port + " not open yet";
        try {
            while (System.nanoTime() < deadline) {
                if (started != null && !started.isAlive()) {
                    throw new IllegalStateException("The Kafka broker exited with code " + started.exitValue()
                            + " while starting. Last lines of " + logFile + ":\n" + Procs.tailText(logFile, 30));
                }
                if (Procs.accepting(HOST, port)) {
                    if (admin == null) {
                        admin = admin(bootstrapServers());
                    }
                    try {
                        DescribeClusterResult cluster = admin.describeCluster(
                                new DescribeClusterOptions().timeoutMs(3000));
                        if (!cluster.nodes().get(4, TimeUnit.SECONDS).isEmpty()
                                && cluster.clusterId().get(4, TimeUnit.SECONDS) != null) {
                            return;
                        }
                        lastProblem = "the cluster has no nodes yet";
                    } catch (Exception e) {
                        lastProblem = String.valueOf(e.getCause() != null ? e.getCause() : e);
                    }
                }
                sleep(200);
            }
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
        throw new IllegalStateException("Kafka on " + bootstrapServers() + " was not ready within "
                + timeout.toSeconds() + " s (" + lastProblem + ")."
                + (started != null ? " Last lines of " + logFile + ":\n" + Procs.tailText(logFile, 30)
                        : " Something else may be using port " + port + holder(port) + "."));
    }

    /** An Admin client with short timeouts, for set-up work against a local broker. */
    static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "suiteflow-devstack");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "100");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        return Admin.create(props);
    }

    private void requireKafkaLib() {
        boolean present;
        try (Stream<Path> jars = Files.isDirectory(kafkaLib) ? Files.list(kafkaLib) : Stream.empty()) {
            present = jars.anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            throw new IllegalStateException("Apache Kafka's jars are missing from " + kafkaLib
                    + ". Build the devstack module first: ./mvnw -pl devstack install");
        }
    }

    static String holder(int port) {
        OptionalLong pid = Procs.listenerPid(port);
        if (pid.isEmpty()) {
            return " (see: ss -ltnp 'sport = :" + port + "')";
        }
        String cmd = Procs.cmdline(pid.getAsLong());
        return " by pid " + pid.getAsLong() + " (" + (cmd.length() > 80 ? cmd.substring(0, 80) + "…" : cmd) + ")";
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
