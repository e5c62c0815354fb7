package dev.suiteflow.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The five services as processes: {@code java -jar <module>/target/quarkus-app/quarkus-run.jar}, working directory
 * the repository root, output to {@code .run/logs/<service>.log}, pid to {@code .run/pids/<service>.pid}.
 */
public final class Services {

    /**
     * One service: its name (= its module folder), its HTTP port, and JVM options of its own on top of
     * {@link #JVM_OPTIONS}.
     */
    public record Service(String name, int port, List<String> jvmOptions) {
        public Service(String name, int port) {
            this(name, port, List.of());
        }

        /** The runnable, relative to the repository root. */
        public String jar() {
            return name + "/target/quarkus-app/quarkus-run.jar";
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public URI readyUri() {
            return URI.create(url() + "/q/health/ready");
        }
    }

    /** The five services, in the order they start and are listed. */
    public static final List<Service> ALL = List.of(
            new Service("gateway", 8080),
            new Service("ingest-service", 8081),
            // the planner parses Java sources (impact-based selection) with JavaParser, whose generated parser
            // methods are larger than the JIT compiles by default: they would stay interpreted
            new Service("planner-service", 8082, List.of("-XX:-DontCompileHugeMethods")),
            new Service("executor-service", 8083),
            new Service("audit-service", 8084));

    /** JVM options of every service: small heap and stacks, C1 only, fast start on a small machine. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k");
    /** The JVM options of one service: {@link #JVM_OPTIONS}, then its own. */
    public static List<String> jvmOptions(Service service) {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.addAll(service.jvmOptions());
        return options;
    }

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** A service process started by {@link #start}. */
    public record Started(Service service, ProcessHandle process, boolean startedHere) {
    }

    /** One line of {@link #status}. */
    public record Status(String name, int port, String state, Optional<Long> pid, Optional<Long> rssMb) {
    }

    private final RunDir run;
    private final List<Service> services;
    private final Map<String, List<String>> extraJvmArgs;
    private final Duration readyTimeout;
    private final Consumer<String> say;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * @param extraJvmArgs per service name, JVM options or {@code -D} system properties added before {@code -jar}
     *                     (tests use it to pass configuration)
     */
    public Services(RunDir run, List<Service> services, Map<String, List<String>> extraJvmArgs,
            Duration readyTimeout, Consumer<String> say) {
        this.run = run;
        this.services = List.copyOf(services);
        this.extraJvmArgs = Map.copyOf(extraJvmArgs);
        this.readyTimeout = readyTimeout;
        this.say = say;
    }

    /** The five standard services. */
    public static Services standard(RunDir run, Consumer<String> say) {
        return new Services(run, ALL, Map.of("gateway", gatewayKeys(System.getenv())), READY_TIMEOUT, say);
    }

    /**
     * The development API keys of tenant {@code demo} (an operator key for the demo and a viewer key), unless
     * {@code SUITEFLOW_GATEWAY_BOOTSTRAP_KEYS} is set: then the gateway takes that and nothing is added.
     */
    static List<String> gatewayKeys(Map<String, String> env) {
        if (env.getOrDefault("SUITEFLOW_GATEWAY_BOOTSTRAP_KEYS", "").isBlank()) {
            return List.of("-Dsuiteflow.gateway.bootstrap-keys=" + DEMO_KEYS);
        }
        return List.of();
    }

    /** key:tenant:role:name entries, as suiteflow.gateway.bootstrap-keys reads them. */
    public static final String DEMO_KEYS = "demo-operator-key:demo:operator:demo-operator,"
            + "demo-viewer-key:demo:viewer:demo-viewer";

    public List<Service> services() {
        return services;
    }

    /** The command line that starts {@code service}. */
    List<String> command(Service service) {
        List<String> command = new ArrayList<>();
        command.add(KafkaBroker.javaExecutable());
        command.addAll(jvmOptions(service));
        command.addAll(extraJvmArgs.getOrDefault(service.name(), List.of()));
        command.add("-jar");
        command.add(service.jar());
        return command;
    }

    /** Services whose runnable has not been built. */
    public List<Service> unbuilt() {
        return services.stream().filter(s -> !Files.isRegularFile(run.root().resolve(s.jar()))).toList();
    }

    /**
     * Starts every service that is not already running (one started by an earlier {@code up} is reused), then
     * waits, in parallel and for at most the ready timeout in total, until each answers {@code /q/health/ready}
     * with 200. Throws naming the services that did not, with the tail of their logs; {@code onStarted} has
     * then already been told of every process started, so that the caller can stop them.
     */
    public List<Started> start(Consumer<Started> onStarted) {
        List<Service> missing = unbuilt();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built yet: " + String.join(", ",
                    missing.stream().map(Service::jar).toList())
                    + ". Build with: ./mvnw install -DskipTests (./suiteflow up does it for you).");
        }
        List<Started> started = new ArrayList<>();
        for (Service service : services) {
            Optional<ProcessHandle> running = Procs.livePid(pidFile(service), service.jar());
            if (running.isPresent()) {
                say.accept(service.name() + ": already running (pid " + running.get().pid() + "), reusing it");
                started.add(new Started(service, running.get(), false));
                continue;
            }
            if (Procs.accepting("127.0.0.1", service.port())) {
                throw new IllegalStateException("Port " + service.port() + " (" + service.name()
                        + ") is already in use" + KafkaBroker.holder(service.port())
                        + ". Stop that process (or ./suiteflow down), then try again.");
            }
            Process process = Procs.spawn(command(service), run.root(), logFile(service), Map.of());
            Procs.writePid(pidFile(service), process.pid());
            Started s = new Started(service, process.toHandle(), true);
            started.add(s);
            onStarted.accept(s);
        }
        say.accept("Services: waiting for " + String.join(", ", services.stream().map(Service::name).toList())
                + " to be ready (logs: " + run.show(run.logs()) + "/<service>.log)");
        awaitReady(started);
        return started;
    }

    private void awaitReady(List<Started> started) {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        Map<String, Started> pending = new LinkedHashMap<>();
        started.forEach(s -> pending.put(s.service().name(), s));
        Map<String, String> lastProblem = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            Map<String, CompletableFuture<String>> probes = new LinkedHashMap<>();
            for (Started s : pending.values()) {
                probes.put(s.service().name(), probe(s.service()));
            }
            for (Started s : List.copyOf(pending.values())) {
                String name = s.service().name();
                String problem = probes.get(name).join();
                if (problem == null) {
                    pending.remove(name);
                    say.accept(name + ": ready on " + s.service().url() + " (pid " + s.process().pid()
                            + Procs.rssMb(s.process().pid()).stream().mapToObj(mb -> ", " + mb + " MB")
                                    .findFirst().orElse("")
                            + ")");
                } else if (!s.process().isAlive()) {
                    throw new IllegalStateException(name + " exited while starting. Last lines of "
                            + run.show(logFile(s.service())) + ":\n" + Procs.tailText(logFile(s.service()), 30));
                } else {
                    lastProblem.put(name, problem);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder message = new StringBuilder("Not ready within " + readyTimeout.toSeconds() + " s: "
                        + String.join(", ", pending.keySet()) + ".");
                for (Started s : pending.values()) {
                    message.append("\n").append(s.service().name()).append(" (")
                            .append(lastProblem.getOrDefault(s.service().name(), "?")).append("), last lines of ")
                            .append(run.show(logFile(s.service()))).append(":\n")
                            .append(Procs.tailText(logFile(s.service()), 20));
                }
                throw new IllegalStateException(message.toString());
            }
            KafkaBroker.sleep(250);
        }
    }

    /** Null when the service answers ready, else what is wrong. */
    private CompletableFuture<String> probe(Service service) {
        HttpRequest request = HttpRequest.newBuilder(service.readyUri()).timeout(Duration.ofSeconds(2)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 200 ? null : "ready check answered " + r.statusCode())
                .exceptionally(e -> "no answer on port " + service.port());
    }

    /**
     * Stops every service recorded in a pid file (that still runs its jar): SIGTERM, up to 20 s, then SIGKILL,
     * all at once. Returns the names of the services stopped.
     */
    public List<String> stopAll() {
        List<CompletableFuture<String>> stops = new ArrayList<>();
        for (Service service : services) {
            Optional<ProcessHandle> running = Procs.livePid(pidFile(service), service.jar());
            if (running.isEmpty()) {
                Procs.deletePid(pidFile(service));
                continue;
            }
            stops.add(CompletableFuture.supplyAsync(() -> {
                boolean killed = Procs.stop(running.get(), STOP_GRACE);
                Procs.deletePid(pidFile(service));
                return service.name() + " (pid " + running.get().pid() + (killed ? ", killed after 20 s" : "")
                        + ")";
            }));
        }
        return stops.stream().map(CompletableFuture::join).toList();
    }

    /** Stops the given processes (those this command started), all at once. */
    public List<String> stop(List<Started> started) {
        List<CompletableFuture<String>> stops = new ArrayList<>();
        for (Started s : started) {
            if (!s.startedHere() || !s.process().isAlive()) {
                continue;
            }
            stops.add(CompletableFuture.supplyAsync(() -> {
                boolean killed = Procs.stop(s.process(), STOP_GRACE);
                Procs.deletePid(pidFile(s.service()));
                return s.service().name() + (killed ? " (killed after 20 s)" : "");
            }));
        }
        return stops.stream().map(CompletableFuture::join).toList();
    }

    /** Per service: up (ready), not ready (answers, but not ready), starting (process, no answer), or down. */
    public List<Status> status() {
        List<Status> lines = new ArrayList<>();
        for (Service service : services) {
            Optional<Long> pid = Procs.livePid(pidFile(service), service.jar()).map(ProcessHandle::pid);
            if (pid.isEmpty()) {
                var listener = Procs.listenerPid(service.port());
                pid = listener.isPresent() ? Optional.of(listener.getAsLong()) : Optional.empty();
            }
            String state;
            String problem = probe(service).join();
            if (problem == null) {
                state = "up";
            } else if (problem.startsWith("ready check")) {
                state = "not ready";
            } else {
                state = pid.isPresent() ? "starting" : "down";
            }
            Optional<Long> rss = pid.flatMap(p -> {
                var mb = Procs.rssMb(p);
                return mb.isPresent() ? Optional.of(mb.getAsLong()) : Optional.empty();
            });
            lines.add(new Status(service.name(), service.port(), state, pid, rss));
        }
        return lines;
    }

    public Path logFile(Service service) {
        return run.log(service.name());
    }

    public Path pidFile(Service service) {
        return run.pidFile(service.name());
    }
}
