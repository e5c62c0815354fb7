package dev.suiteflow.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Entry point of {@code ./suiteflow}: {@code up}, {@code down}, {@code status} and {@code demo [--exit]}.
 * Runs with {@code devstack/target/classes}, {@code devstack/target/kafka-lib/*} and {@code events/target/classes}
 * on its classpath.
 */
public final class Main {

    static final String GATEWAY = "http://127.0.0.1:8080";
    /** The gateway's built-in development key for tenant {@code demo}. */
    static final String DEMO_KEY = "demo-operator-key";
    static final String DEMO_REQUEST = "demo/suite-request.json";
    /** Statuses after which the demo stops watching a suite. */
    static final Set<String> FINISHED_STATES = Set.of("passed", "failed", "errored", "cancelled", "rejected");
    static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    static final Duration DEMO_TIMEOUT = Duration.ofMinutes(10);

    static final String USAGE = String.join("\n",
            "Usage: ./suiteflow <command>",
            "",
            "  demo [--exit]  bring everything up, submit the demo suite and watch it; Ctrl-C stops what it started",
            "                 (--exit: stop and exit once the suite has finished; exit code 0 when it did)",
            "  up             start PostgreSQL (if stopped), Kafka, the topics and the five services",
            "  down           stop the services and the Kafka broker that ./suiteflow started",
            "  status         show what runs: state, pid, port and memory of each component",
            "  help           this text",
            "",
            "(The commands submit, watch and select will come here.)",
            "Logs: .run/logs/<component>.log   Tests: ./mvnw verify   More: docs/operations.md");

    private final Console out;
    private final RunDir run;
    private final String gateway;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private KafkaBroker broker;
    private Services services;
    private final List<Services.Started> started = new ArrayList<>();
    /** Set when the processes started by this command must outlive it ({@code up}). */
    private volatile boolean leaveRunning;
    private final AtomicBoolean stopped = new AtomicBoolean();

    Main(Console out, RunDir run) {
        this(out, run, GATEWAY);
    }

    /** {@code gateway}: base URL of the gateway (tests use a fake one). */
    Main(Console out, RunDir run, String gateway) {
        this.out = out;
        this.run = run;
        this.gateway = gateway;
    }

    public static void main(String[] args) {
        // The Admin client logs through slf4j-simple (from kafka-lib): only errors, and not in the middle of our lines.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        Console console = Console.standard();
        String command = args.length == 0 ? "help" : args[0];
        if (List.of("help", "-h", "--help").contains(command)) {
            console.line(USAGE);
            System.exit(0);
        }
        if (!List.of("up", "down", "status", "demo").contains(command)) {
            console.error("Unknown command: " + command + "\n\n" + USAGE);
            System.exit(2);
        }
        Main main;
        try {
            main = new Main(console, RunDir.ofRepo());
        } catch (RuntimeException e) {
            console.error(e.getMessage());
            System.exit(1);
            return;
        }
        int code;
        try {
            code = switch (command) {
                case "up" -> main.up();
                case "down" -> main.down();
                case "status" -> main.status();
                default -> main.demo(List.of(args).subList(1, args.length));
            };
        } catch (RuntimeException e) {
            console.error("\nFailed: " + e.getMessage());
            main.stopStarted();
            code = 1;
        }
        System.exit(code);
    }

    // ---------------------------------------------------------------------------------------------------- up

    int up() {
        startAll();
        leaveRunning = true;
        out.line("");
        out.line("Suiteflow is running. Stop it with ./suiteflow down; see it with ./suiteflow status.");
        return 0;
    }

    /** PostgreSQL, Kafka, topics, services; a shutdown hook stops what it started if the command ends early. */
    private void startAll() {
        out.line("Starting Suiteflow: PostgreSQL, Kafka, its seven topics, then the five services.");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopStarted, "suiteflow-stop"));
        services = Services.standard(run, out::step);
        List<Services.Service> unbuilt = services.unbuilt();
        if (!unbuilt.isEmpty()) {
            throw new IllegalStateException("These services are not built:\n" + String.join("\n",
                    unbuilt.stream().map(s -> "    " + s.jar() + (Files.isDirectory(run.root().resolve(s.name()))
                            ? "" : "   (the module " + s.name() + "/ does not exist yet)")).toList())
                    + "\nBuild with: ./mvnw install -DskipTests");
        }

        Postgres.ensureReady(out::step);

        broker = KafkaBroker.standard(run, out::step).ensureRunning(run.kafkaData());
        out.step("Kafka: ready on " + broker.bootstrapServers() + pidAndRss(broker.pid().stream().boxed()
                .findFirst().orElse(null)) + (broker.startedHere() ? ", log " + run.show(broker.logFile()) : ""));

        TopicSetup.Outcome topics = TopicSetup.ensureTopics(broker.bootstrapServers());
        topics.warnings().forEach(w -> out.step("Kafka: warning: " + w));
        out.step("Kafka: " + TopicSetup.plan().size() + " topics ready (" + topics.created().size() + " created, "
                + topics.existing().size() + " already there)");

        out.step("Services: starting " + Services.ALL.size() + " (each up to " + Services.READY_TIMEOUT.toSeconds()
                + " s to be ready)");
        services.start(started::add);
        out.step(String.format("All five services ready: %.1f s after the command.", out.elapsed()));
        printUrls();
    }

    private void printUrls() {
        out.line("");
        String row = "  %-26s %s";
        out.line(String.format(row, "What", "Where"));
        out.line(String.format(row, "dashboard (gateway)", GATEWAY));
        out.line(String.format(row, "REST API", GATEWAY + "/api"));
        out.line(String.format(row, "OpenAPI document", GATEWAY + "/q/openapi"));
        for (Services.Service s : Services.ALL) {
            out.line(String.format(row, s.name() + " health", s.url() + "/q/health"));
            out.line(String.format(row, s.name() + " metrics", s.url() + "/q/metrics"));
        }
        out.line(String.format(row, "Kafka", KafkaBroker.HOST + ":" + KafkaBroker.PORT));
        out.line(String.format(row, "PostgreSQL", Postgres.HOST + ":" + Postgres.PORT + "/" + Postgres.DATABASE));
        out.line(String.format(row, "logs", run.show(run.logs()) + "/"));
    }

    /** Stops what this command started (services, then the broker), unless it must outlive the command. */
    void stopStarted() {
        if (leaveRunning || !stopped.compareAndSet(false, true)) {
            return;
        }
        boolean any = started.stream().anyMatch(Services.Started::startedHere)
                || (broker != null && broker.startedHere());
        if (!any) {
            return;
        }
        out.line("Stopping what this command started…");
        if (services != null) {
            List<String> names = services.stop(started);
            if (!names.isEmpty()) {
                out.step("Services stopped: " + String.join(", ", names));
            }
        }
        if (broker != null && broker.startedHere()) {
            broker.stop();
        }
        List<String> reused = started.stream().filter(s -> !s.startedHere()).map(s -> s.service().name()).toList();
        if (!reused.isEmpty()) {
            out.line("Left running (started earlier): " + String.join(", ", reused) + ". Stop with ./suiteflow down.");
        }
        out.line("Stopped.");
    }

    // -------------------------------------------------------------------------------------------------- down

    int down() {
        Services all = Services.standard(run, out::step);
        List<String> names = all.stopAll();
        out.step(names.isEmpty() ? "Services: none was running (started by ./suiteflow)"
                : "Services stopped: " + String.join(", ", names));
        var pid = KafkaBroker.stopRecorded(run.pidFile("kafka"));
        if (pid.isPresent()) {
            out.step("Kafka: stopped the broker (pid " + pid.getAsLong() + "); its data stays in "
                    + run.show(run.dir().resolve("kafka")) + "/");
        } else if (Procs.accepting(KafkaBroker.HOST, KafkaBroker.PORT)) {
            out.step("Kafka: the broker on " + KafkaBroker.HOST + ":" + KafkaBroker.PORT
                    + " was not started by ./suiteflow; left alone");
        } else {
            out.step("Kafka: no broker was running");
        }
        out.step("PostgreSQL: a system service, left running");
        return 0;
    }

    // ------------------------------------------------------------------------------------------------ status

    int status() {
        String row = "%-18s %-10s %-8s %-6s %s";
        out.line(String.format(row, "component", "state", "pid", "port", "RSS"));
        Long pgPid = boxed(Procs.listenerPid(Postgres.PORT));
        out.line(String.format(row, "postgresql", Procs.accepting(Postgres.HOST, Postgres.PORT) ? "up" : "down",
                dash(pgPid), Postgres.PORT, rss(pgPid)));
        boolean kafkaUp = Procs.accepting(KafkaBroker.HOST, KafkaBroker.PORT);
        Long kafkaPid = boxed(KafkaBroker.standard(run, line -> { }).pid());
        out.line(String.format(row, "kafka", kafkaUp ? "up" : kafkaPid != null ? "starting" : "down",
                dash(kafkaPid), KafkaBroker.PORT, rss(kafkaPid)));
        for (Services.Status s : Services.standard(run, line -> { }).status()) {
            out.line(String.format(row, s.name(), s.state(), dash(s.pid().orElse(null)), s.port(),
                    s.rssMb().map(mb -> mb + " MB").orElse("-")));
        }
        out.line("");
        out.line("Logs: " + run.show(run.logs()) + "/   Pid files: " + run.show(run.pids()) + "/");
        return 0;
    }

    // -------------------------------------------------------------------------------------------------- demo

    int demo(List<String> options) {
        boolean exit = options.contains("--exit");
        for (String option : options) {
            if (!option.equals("--exit")) {
                throw new IllegalArgumentException("Unknown option for demo: " + option + "\n\n" + USAGE);
            }
        }
        startAll();
        out.line("");
        String finalStatus = runDemoSuite();
        if (exit) {
            stopStarted();
            out.line("Demo finished: the suite ended " + finalStatus + ".");
            return 0;
        }
        out.line("");
        out.line("Suiteflow keeps running. Press Ctrl-C to stop what this command started.");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Submits the demo suite, watches it until it finishes, prints a summary; returns its final status. */
    String runDemoSuite() {
        Path requestFile = run.root().resolve(DEMO_REQUEST);
        ObjectNode request;
        try {
            request = (ObjectNode) json.readTree(requestFile.toFile());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("Cannot read " + DEMO_REQUEST + " (a JSON object): " + e.getMessage());
        }
        String requestId = "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        request.put("requestId", requestId);
        out.step("Demo: submitting " + DEMO_REQUEST + " as requestId " + requestId + " to POST " + gateway
                + "/api/suites");

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + "/api/suites"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("The gateway did not accept the demo suite: " + describe(response)
                    + (response.statusCode() == 401 || response.statusCode() == 403
                            ? "\nThe demo uses the development key '" + DEMO_KEY + "' of tenant 'demo'; "
                                    + "is the gateway running with its development configuration?"
                            : "")
                    + "\nMore in .run/logs/gateway.log and .run/logs/ingest-service.log.");
        }
        JsonNode accepted = parse(response);
        String suiteId = accepted.path("suiteId").asText(null);
        if (suiteId == null) {
            throw new IllegalStateException("The gateway answered 202 without a suiteId: " + response.body());
        }
        String suiteUrl = absolute(accepted.path("url").asText(gateway + "/api/suites/" + suiteId));
        String eventsUrl = absolute(accepted.path("eventsUrl").asText(suiteUrl + "/events"));
        out.step("Demo: accepted as suite " + suiteId + "; watching it (times from submission):");

        long submitted = System.nanoTime();
        String status;
        try {
            status = new SuiteWatcher(http, DEMO_KEY, out::step).watch(eventsUrl, submitted, DEMO_TIMEOUT);
        } catch (IllegalStateException e) {
            out.step((System.nanoTime() - submitted) / 1e9, "(no live stream: " + e.getMessage()
                    + "; following the suite's status instead)");
            status = poll(suiteId, submitted, accepted.path("status").asText("accepted"));
        }
        if (status == null) {
            throw new IllegalStateException("The demo suite has not finished after " + DEMO_TIMEOUT.toMinutes()
                    + " minutes. Look at .run/logs/planner-service.log and .run/logs/executor-service.log.");
        }

        out.line("");
        out.line("Demo suite " + suiteId + ": " + status);
        String row = "  %-22s %s";
        out.line(String.format(row, "suite", suiteUrl));
        out.line(String.format(row, "its events (SSE)", eventsUrl));
        if (status.equals("failed") || status.equals("errored")) {
            out.line(String.format(row, "re-run what failed", "curl -X POST -H 'Authorization: Bearer " + DEMO_KEY
                    + "' -H 'Content-Type: application/json' -d '{\"scope\": \"failed\"}' " + suiteUrl
                    + "/rerun"));
        }
        out.line(String.format(row, "gateway OpenAPI", gateway + "/q/openapi"));
        out.line(String.format(row, "what runs", "./suiteflow status"));
        out.line(String.format(row, "stop everything", "./suiteflow down"));
        out.line("  (the API needs the header: Authorization: Bearer " + DEMO_KEY + ")");
        return status;
    }

    /** Follows the suite's status by polling, when its event stream cannot be read. */
    private String poll(String suiteId, long submitted, String status) {
        out.step((System.nanoTime() - submitted) / 1e9, status);
        while (!FINISHED_STATES.contains(status)) {
            if ((System.nanoTime() - submitted) / 1e9 > DEMO_TIMEOUT.toSeconds()) {
                return null;
            }
            KafkaBroker.sleep(POLL_INTERVAL.toMillis());
            HttpResponse<String> poll = send(HttpRequest.newBuilder(
                    URI.create(gateway + "/api/suites/" + suiteId)).GET());
            if (poll.statusCode() != 200) {
                out.step((System.nanoTime() - submitted) / 1e9, "(GET answered " + describe(poll) + ")");
                continue;
            }
            String now = parse(poll).path("status").asText(status);
            if (!now.equals(status)) {
                status = now;
                out.step((System.nanoTime() - submitted) / 1e9, status);
            }
        }
        return status;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.header("Authorization", "Bearer " + DEMO_KEY)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(15)).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the gateway at " + built.uri() + " (" + e + "). Is it "
                    + "running? See ./suiteflow status and .run/logs/gateway.log.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted");
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("The gateway answered " + response.statusCode() + " with a body that is "
                    + "not JSON: " + abbreviate(response.body()));
        }
    }

    /** HTTP status plus, for an RFC 9457 problem body, its title, detail and field errors. */
    String describe(HttpResponse<String> response) {
        return describe(response.statusCode(), response.body());
    }

    /** HTTP status plus, for an RFC 9457 problem body, its title, detail and field errors. */
    String describe(int status, String body) {
        StringBuilder text = new StringBuilder("HTTP " + status);
        JsonNode problem;
        try {
            problem = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            problem = null;
        }
        if (problem == null || !problem.isObject()) {
            String plain = body == null ? "" : body.strip();
            return plain.isEmpty() ? text.toString() : text.append(": ").append(abbreviate(plain)).toString();
        }
        if (problem.hasNonNull("title")) {
            text.append(" ").append(problem.get("title").asText());
        }
        if (problem.hasNonNull("detail")) {
            text.append(": ").append(problem.get("detail").asText());
        }
        for (JsonNode error : problem.path("errors")) {
            text.append("\n    - ").append(error.path("field").asText("?")).append(": ")
                    .append(error.path("message").asText(error.toString()));
        }
        return text.toString();
    }

    private String absolute(String url) {
        return url.startsWith("/") ? gateway + url : url;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    // --------------------------------------------------------------------------------------------- helpers

    private static String pidAndRss(Long pid) {
        if (pid == null) {
            return "";
        }
        return " (pid " + pid + Procs.rssMb(pid).stream().mapToObj(mb -> ", " + mb + " MB").findFirst().orElse("")
                + ")";
    }

    private static Long boxed(java.util.OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static String dash(Long pid) {
        return pid == null ? "-" : pid.toString();
    }

    private static String rss(Long pid) {
        if (pid == null) {
            return "-";
        }
        var mb = Procs.rssMb(pid);
        return mb.isPresent() ? mb.getAsLong() + " MB" : "-";
    }
}
