package dev.suiteflow.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ./suiteflow bench}: measures a running platform. See bench/README.md for what is measured and how.
 *
 * <ol>
 * <li>registers the project {@code bench} (K phases that each run {@code true}) through the gateway;</li>
 * <li>follows the tenant's event stream ({@code GET /api/events});</li>
 * <li>warm-up: a few suites, not counted;</li>
 * <li>probe: suites one at a time (the platform otherwise idle): latency without queueing;</li>
 * <li>load: N suites submitted at R suites/s: submit latency, end to end, phases/s, per-phase overhead;</li>
 * <li>the resident memory of every process ./suiteflow started, before and after.</li>
 * </ol>
 */
public final class Bench {

    static final List<String> SERVICES = List.of("gateway", "ingest-service", "planner-service", "executor-service",
            "audit-service");
    static final int[] PORTS = {8080, 8081, 8082, 8083, 8084};
    static final String PROJECT = "bench";
    static final String TENANT = "demo";
    static final String WORKSPACE = "demo/bench-workspace";
    static final List<String> COMMAND = List.of("true");

    /** Sender threads: enough for an open loop at 50/s with answers taking up to a few seconds. */
    static final int SENDERS = 128;

    static final double TARGET_OVERHEAD_P50_MS = 10;
    static final double TARGET_OVERHEAD_P99_MS = 50;
    static final double TARGET_PHASES_PER_S = 100;
    static final double TARGET_SUBMIT_P99_MS = 50;
    static final double TARGET_SUBMIT_RATE = 50;
    static final double TARGET_RSS_MB = 2048;

    /** Command-line options. */
    record Options(int suites, int phases, double rate, boolean json, int warmup, int probe, int timeoutSeconds,
            String url, String key) {

        static Options parse(String[] args) {
            int suites = 200;
            int phases = 5;
            double rate = 50;
            boolean json = false;
            int warmup = 5;
            int probe = 10;
            int timeout = 300;
            String url = "http://127.0.0.1:8080";
            String key = "demo-operator-key";
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--json" -> json = true;
                    case "--suites" -> suites = positive(a, value(args, ++i, a));
                    case "--phases" -> phases = positive(a, value(args, ++i, a));
                    case "--rate" -> {
                        rate = Double.parseDouble(value(args, ++i, a));
                        if (!(rate > 0)) {
                            throw new IllegalArgumentException("--rate must be above 0");
                        }
                    }
                    case "--warmup" -> warmup = nonNegative(a, value(args, ++i, a));
                    case "--probe" -> probe = nonNegative(a, value(args, ++i, a));
                    case "--timeout" -> timeout = positive(a, value(args, ++i, a));
                    case "--url" -> url = value(args, ++i, a).replaceAll("/+$", "");
                    case "--key" -> key = value(args, ++i, a);
                    case "-h", "--help" -> throw new IllegalArgumentException("");
                    default -> throw new IllegalArgumentException("Unknown option " + a);
                }
            }
            if (phases > 50) {
                throw new IllegalArgumentException("--phases is at most 50");
            }
            return new Options(suites, phases, rate, json, warmup, probe, timeout, url, key);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String option, String v) {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1");
            }
            return n;
        }

        private static int nonNegative(String option, String v) {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new IllegalArgumentException(option + " must be at least 0");
            }
            return n;
        }
    }

    static final String USAGE = """
            Usage: ./suiteflow bench [--suites N] [--phases K] [--rate R] [--json]
                                     [--warmup W] [--probe P] [--timeout S] [--url URL] [--key KEY]

              --suites N   suites of the load run (default 200)
              --phases K   phases per suite, each running `true` (default 5, at most 50)
              --rate R     submissions per second of the load run (default 50)
              --json       the report as JSON on stdout (the table then goes to stderr)
              --warmup W   suites run first and not counted (default 5)
              --probe P    suites run one at a time before the load, unloaded latency (default 10; 0: none)
              --timeout S  seconds to wait for the last suite after the last submission (default 300)
              --url URL    the gateway (default http://127.0.0.1:8080)
              --key KEY    an operator key of tenant demo (default demo-operator-key)

            Needs the platform running (./suiteflow up). What it measures: bench/README.md.
            """;

    /** A failure that ends the benchmark with a message and an exit code. */
    static final class Failure extends RuntimeException {
        final int code;

        Failure(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** One submission and what came back. */
    static final class Submitted {
        final String requestId;
        long sentNanos;
        Instant sentAt;
        long answeredNanos;
        long startLagNanos;
        int status;
        String suiteId;
        String error;

        Submitted(String requestId) {
            this.requestId = requestId;
        }

        boolean accepted() {
            return status == 202 && suiteId != null;
        }

        double httpMs() {
            return (answeredNanos - sentNanos) / 1e6;
        }
    }

    private final Options o;
    private final Path root;
    private final PrintStream out;
    private final PrintStream info = System.err;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HttpClient http;
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> {
        Thread t = new Thread(r, "bench-submit");
        t.setDaemon(true);
        return t;
    });
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final List<String> kinds = new ArrayList<>();
    private DirectRun direct;
    private EventStream events;
    private int revision;
    private boolean projectReused;

    Bench(Options o) {
        this.o = o;
        this.root = Path.of("").toAbsolutePath();
        this.out = o.json() ? System.err : System.out;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 1; i <= o.phases(); i++) {
            kinds.add("p" + i);
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && !e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
                System.err.println();
                System.err.print(USAGE);
                System.exit(2);
            }
            System.out.print(USAGE);
            System.exit(0);
            return;
        }
        try {
            System.exit(new Bench(options).run());
        } catch (Failure f) {
            System.err.println(f.getMessage());
            System.exit(f.code);
        } catch (Exception e) {
            System.err.println("The benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    int run() throws Exception {
        String loadBefore = loadavg();
        checkReady();
        Map<String, Long> rssBefore = rss();
        Path workspace = ensureWorkspace();
        direct = new DirectRun(COMMAND, workspace);
        direct.runTimes(3);
        register();
        info.printf("Project %s: revision %d (%s), %d phase%s each running %s, workspace %s%n", PROJECT, revision,
                projectReused ? "already registered" : "registered now", o.phases(), o.phases() == 1 ? "" : "s",
                COMMAND, WORKSPACE);

        events = new EventStream(http, o.url(), o.key(), mapper, info);
        events.start();

        if (o.warmup() > 0) {
            info.printf("Warm-up: %d suite(s), not counted…%n", o.warmup());
            List<Submitted> warm = submitAtRate("w", o.warmup(), Math.min(o.rate(), 10));
            await(warm, 120);
        }

        Batch probe = null;
        if (o.probe() > 0) {
            info.printf("Probe: %d suite(s) one at a time (no other load)…%n", o.probe());
            probe = new Batch("probe");
            for (int i = 0; i < o.probe(); i++) {
                Submitted s = new Submitted("bench-" + runId + "-q" + i);
                submit(s);
                probe.submitted.add(s);
                if (s.accepted()) {
                    await(List.of(s), 60);
                }
                probe.direct.add(direct.runTimes(o.phases()) / 1e6);
            }
        }

        info.printf("Load: %d suite(s) of %d phase(s) at %.1f suites/s…%n", o.suites(), o.phases(), o.rate());
        Batch load = new Batch("load");
        DirectSampler sampler = new DirectSampler(load.direct);
        sampler.start();
        load.submitted.addAll(submitAtRate("s", o.suites(), o.rate()));
        List<String> open = await(load.submitted, o.timeoutSeconds());
        sampler.stop();
        if (!open.isEmpty()) {
            info.printf("  %d suite(s) did not finish within %d s after the last submission%n", open.size(),
                    o.timeoutSeconds());
        }
        Map<String, Long> rssAfter = rss();
        String loadAfter = loadavg();

        Report report = new Report(probe == null ? null : probe.compute(), load.compute(), rssBefore, rssAfter,
                loadBefore, loadAfter);
        report.print();
        if (o.json()) {
            System.out.println(mapper.writeValueAsString(report.json()));
        }
        events.close();
        boolean clean = open.isEmpty() && load.submitted.stream().allMatch(Submitted::accepted);
        return clean ? 0 : 1;
    }

    // ---------------------------------------------------------------- platform checks

    private void checkReady() {
        List<String> problems = new ArrayList<>();
        HttpClient quick = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < SERVICES.size(); i++) {
            String url = "http://127.0.0.1:" + PORTS[i] + "/q/health/ready";
            try {
                HttpResponse<String> r = quick.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    problems.add(String.format("  %-17s %s answered %d", SERVICES.get(i), url, r.statusCode()));
                }
            } catch (IOException e) {
                problems.add(String.format("  %-17s %s: %s", SERVICES.get(i), url,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(1, "interrupted");
            }
        }
        if (!problems.isEmpty()) {
            throw new Failure(3, "The platform is not ready, so there is nothing to measure:\n"
                    + String.join("\n", problems) + "\n\n"
                    + "Start it with   ./suiteflow up      (and check it with ./suiteflow status),\n"
                    + "then run        ./suiteflow bench   again. A service that stays unready: .run/logs/<service>.log");
        }
    }

    private Path ensureWorkspace() throws IOException {
        Path dir = root.resolve(WORKSPACE);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("README.md"),
                    "The workspace of the project `bench` (./suiteflow bench). Keep it tiny.\n");
        }
        return dir;
    }

    // ---------------------------------------------------------------- the project

    /** The manifest as the registry shows it, without its revision. */
    private ObjectNode desiredManifest() {
        ObjectNode m = mapper.createObjectNode();
        m.put("project", PROJECT);
        m.put("tenant", TENANT);
        m.put("description", description());
        m.putObject("workspace").put("path", WORKSPACE);
        ObjectNode phases = m.putObject("phases");
        for (String k : kinds) {
            ObjectNode p = phases.putObject(k);
            ArrayNode c = p.putArray("command");
            COMMAND.forEach(c::add);
            p.put("workingDir", ".");
            p.put("timeoutSeconds", 60);
        }
        return m;
    }

    private String description() {
        return "Registered by ./suiteflow bench: " + o.phases() + " phases, each runs " + String.join(" ", COMMAND);
    }

    private String yaml(int rev) {
        StringBuilder y = new StringBuilder();
        y.append("# Registered by ./suiteflow bench (see bench/README.md): trivial phases to measure the platform.\n");
        y.append("project: ").append(PROJECT).append('\n');
        y.append("tenant: ").append(TENANT).append('\n');
        y.append("revision: ").append(rev).append('\n');
        y.append("description: \"").append(description()).append("\"\n");
        y.append("workspace:\n  path: ").append(WORKSPACE).append('\n');
        y.append("phases:\n");
        for (String k : kinds) {
            y.append("  ").append(k).append(": {command: [");
            for (int i = 0; i < COMMAND.size(); i++) {
                y.append(i == 0 ? "" : ", ").append('"').append(COMMAND.get(i)).append('"');
            }
            y.append("], workingDir: \".\", timeoutSeconds: 60}\n");
        }
        return y.toString();
    }

    /** GET the manifest; reuse it if it is the one wanted, else PUT it with the next revision. */
    private void register() throws IOException, InterruptedException {
        HttpResponse<String> got = http.send(api("/api/projects/" + PROJECT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        int next;
        if (got.statusCode() == 200) {
            JsonNode current = mapper.readTree(got.body());
            int rev = current.path("revision").asInt();
            if (normalize(current).equals(normalize(desiredManifest()))) {
                revision = rev;
                projectReused = true;
                return;
            }
            next = rev + 1;
        } else if (got.statusCode() == 404) {
            next = 1;
        } else {
            throw httpFailure("GET /api/projects/" + PROJECT, got);
        }
        HttpResponse<String> put = http.send(api("/api/projects/" + PROJECT)
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml(next), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200 && put.statusCode() != 201) {
            throw httpFailure("PUT /api/projects/" + PROJECT + " (revision " + next + ")", put);
        }
        revision = next;
    }

    /** Without revision, nulls, empty lists and empty objects, so that defaults shown by the registry match. */
    private static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().equals("revision")) {
                    continue;
                }
                JsonNode v = normalize(f.getValue());
                if (v.isNull() || v.isMissingNode() || (v.isContainerNode() && v.isEmpty())) {
                    continue;
                }
                copy.set(f.getKey(), v);
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(v -> copy.add(normalize(v)));
            return copy;
        }
        if (node.isNumber()) {
            return node.numberType() == com.fasterxml.jackson.core.JsonParser.NumberType.LONG
                    || node.numberType() == com.fasterxml.jackson.core.JsonParser.NumberType.INT
                    ? com.fasterxml.jackson.databind.node.LongNode.valueOf(node.asLong()) : node;
        }
        return node;
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(o.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + o.key());
    }

    private static Failure httpFailure(String what, HttpResponse<String> r) {
        String hint = r.statusCode() == 401 || r.statusCode() == 403
                ? "\nThe key must be an operator key of tenant demo (./suiteflow up creates demo-operator-key)." : "";
        return new Failure(1, what + " answered " + r.statusCode() + ": " + r.body() + hint);
    }

    // ---------------------------------------------------------------- submissions

    private String requestBody(String requestId) {
        ObjectNode b = mapper.createObjectNode();
        b.put("requestId", requestId);
        b.put("project", PROJECT);
        ArrayNode k = b.putArray("kinds");
        kinds.forEach(k::add);
        b.put("priority", "normal");
        b.put("failFast", true);
        b.put("requestedBy", "suiteflow bench");
        return b.toString();
    }

    /** POSTs one suite; records the HTTP call's duration and the answer. */
    private void submit(Submitted s) {
        HttpRequest request = api("/api/suites").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(s.requestId))).build();
        s.sentAt = Instant.now();
        s.sentNanos = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            s.answeredNanos = System.nanoTime();
            s.status = r.statusCode();
            if (r.statusCode() == 202) {
                s.suiteId = mapper.readTree(r.body()).path("suiteId").asText(null);
            } else {
                s.error = r.body();
            }
        } catch (IOException e) {
            s.answeredNanos = System.nanoTime();
            s.error = e.toString();
        } catch (InterruptedException e) {
            s.answeredNanos = System.nanoTime();
            s.error = "interrupted";
            Thread.currentThread().interrupt();
        }
    }

    /** Submits {@code n} suites open-loop: the i-th is sent at t0 + i/rate, whatever the earlier ones do. */
    private List<Submitted> submitAtRate(String tag, int n, double rate) throws InterruptedException {
        List<Submitted> list = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = t0 + (long) (i * 1e9 / rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Submitted s = new Submitted("bench-" + runId + "-" + tag + i);
            list.add(s);
            senders.execute(() -> {
                s.startLagNanos = System.nanoTime() - due;
                submit(s);
                done.countDown();
            });
        }
        done.await();
        return list;
    }

    /** Waits for the final event of every accepted suite; returns the suite ids still open at the deadline. */
    private List<String> await(List<Submitted> list, int seconds) throws InterruptedException {
        List<String> ids = list.stream().filter(Submitted::accepted).map(s -> s.suiteId).toList();
        return events.awaitFinal(ids, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
    }

    /** Side by side with the load: K direct runs every 250 ms on its own thread. */
    private final class DirectSampler {
        private final List<Double> samples;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-direct");
            t.setDaemon(true);
            return t;
        });

        DirectSampler(List<Double> samples) {
            this.samples = samples;
        }

        /** One direct run, then the next 250 ms after it ends, until stopped or a run fails. */
        void start() {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    double ms = direct.runTimes(o.phases()) / 1e6;
                    synchronized (samples) {
                        samples.add(ms);
                    }
                } catch (IOException e) {
                    info.println("  direct run failed: " + e.getMessage());
                    timer.shutdown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------- results

    /** A set of suites measured together (probe or load). */
    final class Batch {
        final String name;
        final List<Submitted> submitted = new ArrayList<>();
        final List<Double> direct = Collections.synchronizedList(new ArrayList<>());

        Batch(String name) {
            this.name = name;
        }

        Result compute() {
            Result r = new Result(name);
            int k = o.phases();
            List<Double> httpMs = new ArrayList<>();
            long firstSent = Long.MAX_VALUE;
            long lastAnswer = Long.MIN_VALUE;
            long lastFinal = Long.MIN_VALUE;
            double maxLag = 0;
            for (Submitted s : submitted) {
                httpMs.add(s.httpMs());
                firstSent = Math.min(firstSent, s.sentNanos);
                lastAnswer = Math.max(lastAnswer, s.answeredNanos);
                maxLag = Math.max(maxLag, s.startLagNanos / 1e6);
                if (s.accepted()) {
                    r.accepted++;
                } else {
                    r.errors.merge(s.status == 0 ? "no answer" : "HTTP " + s.status, 1, Integer::sum);
                    if (r.firstError == null) {
                        r.firstError = s.requestId + ": " + s.error;
                    }
                }
            }
            r.submitted = submitted.size();
            r.http = Dist.of(httpMs);
            r.maxStartLagMs = maxLag;
            r.submitSeconds = (lastAnswer - firstSent) / 1e9;
            r.acceptedPerSecond = r.submitSeconds > 0 ? r.accepted / r.submitSeconds : Double.NaN;
            List<Double> directCopy;
            synchronized (direct) {
                directCopy = new ArrayList<>(direct);
            }
            r.directK = Dist.of(directCopy);
            double d = r.directK.p50();

            List<Double> e2e = new ArrayList<>();
            List<Double> e2ePlatform = new ArrayList<>();
            List<Double> overhead = new ArrayList<>();
            List<Double> overheadRunning = new ArrayList<>();
            List<Double> toAccepted = new ArrayList<>();
            List<Double> toStarted = new ArrayList<>();
            List<Double> handoff = new ArrayList<>();
            List<Double> queueWait = new ArrayList<>();
            List<Double> run = new ArrayList<>();
            List<Double> startedToCompleted = new ArrayList<>();
            List<Double> finish = new ArrayList<>();
            List<Double> sseLag = new ArrayList<>();
            for (Submitted s : submitted) {
                if (!s.accepted()) {
                    continue;
                }
                EventStream.SuiteTrace t = events.trace(s.suiteId);
                if (t == null || !t.isFinal()) {
                    r.unfinished++;
                    continue;
                }
                r.outcomes.merge(t.outcome == null ? t.finalType : t.outcome, 1, Integer::sum);
                List<EventStream.PhaseTrace> phases;
                synchronized (t) {
                    phases = t.chosenPhases();
                    for (EventStream.PhaseTrace p : t.phases.values()) {
                        if (p.completedAt != null) {
                            r.phaseAttempts++;
                        }
                    }
                    r.phasesDone += (int) phases.stream().filter(p -> p.completedAt != null).count();
                    if (!"passed".equals(t.outcome) && r.firstFailure == null) {
                        r.firstFailure = s.suiteId + " " + t.finalType + " " + t.outcome + ": "
                                + phases.stream().filter(p -> p.remediation != null && !p.remediation.isBlank())
                                        .map(p -> p.phase + ": " + p.failureClass + ": " + p.remediation)
                                        .findFirst().orElse(t.reason == null ? "" : t.reason);
                    }
                    lastFinal = Math.max(lastFinal, t.finalReceivedNanos);
                    double ms = (t.finalReceivedNanos - s.sentNanos) / 1e6;
                    e2e.add(ms);
                    overhead.add((ms - d) / k);
                    e2ePlatform.add(between(s.sentAt, t.completedAt));
                    toAccepted.add(between(s.sentAt, t.acceptedAt));
                    toStarted.add(between(t.acceptedAt, t.startedAt));
                    if (t.startedAt != null && t.completedAt != null) {
                        overheadRunning.add((between(t.startedAt, t.completedAt) - d) / k);
                    }
                    finish.add(phases.isEmpty() ? Double.NaN
                            : between(phases.get(phases.size() - 1).completedAt, t.completedAt));
                    sseLag.add(between(t.completedAt, t.finalReceivedAt));
                    Instant previous = t.startedAt;
                    for (EventStream.PhaseTrace p : phases) {
                        if (p.startedAt != null && p.queueWaitMs >= 0) {
                            Instant queued = p.startedAt.minusMillis(p.queueWaitMs);
                            handoff.add(between(previous, queued));
                            queueWait.add((double) p.queueWaitMs);
                        }
                        if (p.durationMs >= 0) {
                            run.add((double) p.durationMs);
                        }
                        startedToCompleted.add(between(p.startedAt, p.completedAt));
                        previous = p.completedAt;
                    }
                }
            }
            r.e2e = Dist.of(e2e);
            r.e2ePlatform = Dist.of(e2ePlatform);
            r.overhead = Dist.of(overhead);
            r.overheadRunning = Dist.of(overheadRunning);
            r.toAccepted = Dist.of(toAccepted);
            r.toStarted = Dist.of(toStarted);
            r.handoff = Dist.of(handoff);
            r.queueWait = Dist.of(queueWait);
            r.run = Dist.of(run);
            r.startedToCompleted = Dist.of(startedToCompleted);
            r.finish = Dist.of(finish);
            r.sseLag = Dist.of(sseLag);
            r.wallSeconds = lastFinal == Long.MIN_VALUE ? Double.NaN : (lastFinal - firstSent) / 1e9;
            r.phasesPerSecond = r.wallSeconds > 0 ? r.phasesDone / r.wallSeconds : Double.NaN;
            return r;
        }
    }

    private static double between(Instant a, Instant b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        return Duration.between(a, b).toNanos() / 1e6;
    }

    /** The figures of one batch. */
    static final class Result {
        final String name;
        int submitted;
        int accepted;
        int unfinished;
        int phaseAttempts;
        int phasesDone;
        final Map<String, Integer> errors = new TreeMap<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        String firstError;
        String firstFailure;
        double maxStartLagMs;
        double submitSeconds;
        double acceptedPerSecond;
        double wallSeconds;
        double phasesPerSecond;
        Dist http;
        Dist directK;
        Dist e2e;
        Dist e2ePlatform;
        Dist overhead;
        Dist overheadRunning;
        Dist toAccepted;
        Dist toStarted;
        Dist handoff;
        Dist queueWait;
        Dist run;
        Dist startedToCompleted;
        Dist finish;
        Dist sseLag;

        Result(String name) {
            this.name = name;
        }
    }

    // ---------------------------------------------------------------- memory and machine

    /** VmRSS in kB of every process with a pid file in .run/pids (the services and the broker). */
    private Map<String, Long> rss() {
        Map<String, Long> result = new TreeMap<>();
        Path pids = root.resolve(".run/pids");
        if (!Files.isDirectory(pids)) {
            return result;
        }
        try (var files = Files.list(pids)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
                long kb = -1;
                try {
                    String pid = Files.readString(f).trim();
                    for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                        if (line.startsWith("VmRSS:")) {
                            kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    kb = -1; // not running
                }
                result.put(name, kb);
            }
        } catch (IOException e) {
            // no pid files: nothing to report
        }
        return result;
    }

    private static String loadavg() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static long memTotalMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- the report

    /** One target and how the run compares. */
    record Target(String what, String target, double value, String unit, boolean pass, String note) {
    }

    final class Report {
        final Result probe;
        final Result load;
        final Map<String, Long> rssBefore;
        final Map<String, Long> rssAfter;
        final String loadBefore;
        final String loadAfter;
        final List<Target> targets = new ArrayList<>();

        Report(Result probe, Result load, Map<String, Long> rssBefore, Map<String, Long> rssAfter,
                String loadBefore, String loadAfter) {
            this.probe = probe;
            this.load = load;
            this.rssBefore = rssBefore;
            this.rssAfter = rssAfter;
            this.loadBefore = loadBefore;
            this.loadAfter = loadAfter;
            String atRate = Math.abs(o.rate() - TARGET_SUBMIT_RATE) < 1e-9 ? ""
                    : "measured at " + fmtRate(o.rate()) + " suites/s, target is at 50";
            targets.add(new Target("per-phase overhead p50 (load)", "<= 10 ms", load.overhead.p50(), "ms",
                    load.overhead.p50() <= TARGET_OVERHEAD_P50_MS, ""));
            targets.add(new Target("per-phase overhead p99 (load)", "<= 50 ms", load.overhead.p99(), "ms",
                    load.overhead.p99() <= TARGET_OVERHEAD_P99_MS, ""));
            targets.add(new Target("trivial phases/s end to end (load)", ">= 100/s", load.phasesPerSecond, "/s",
                    load.phasesPerSecond >= TARGET_PHASES_PER_S, ""));
            targets.add(new Target("submit p99", "<= 50 ms at 50/s", load.http.p99(), "ms",
                    load.http.p99() <= TARGET_SUBMIT_P99_MS, atRate));
            double totalMb = Math.max(totalMb(rssBefore), totalMb(rssAfter));
            targets.add(new Target("total RSS, services + broker", "<= 2048 MB", totalMb, "MB",
                    totalMb <= TARGET_RSS_MB, ""));
            if (probe != null) {
                targets.add(new Target("per-phase overhead p50 (probe, unloaded)", "<= 10 ms", probe.overhead.p50(),
                        "ms", probe.overhead.p50() <= TARGET_OVERHEAD_P50_MS, "for comparison"));
                targets.add(new Target("per-phase overhead p99 (probe, unloaded)", "<= 50 ms", probe.overhead.p99(),
                        "ms", probe.overhead.p99() <= TARGET_OVERHEAD_P99_MS, "for comparison"));
            }
        }

        private double totalMb(Map<String, Long> rss) {
            return rss.values().stream().filter(v -> v > 0).mapToLong(Long::longValue).sum() / 1024.0;
        }

        void print() {
            out.println();
            out.printf("Suiteflow benchmark — %d suites × %d phases (`%s`) at %s suites/s, %d warm-up, %d probe%n",
                    o.suites(), o.phases(), String.join(" ", COMMAND), fmtRate(o.rate()), o.warmup(), o.probe());
            out.printf("Machine: %d cpu (%s), %d MB RAM, Java %s; load average %s before, %s after%n",
                    Runtime.getRuntime().availableProcessors(), cpuModel(), memTotalMb(),
                    System.getProperty("java.version"), loadBefore, loadAfter);
            out.printf("Project %s revision %d; events followed on %s/api/events (%d events, %d reconnects)%n",
                    PROJECT, revision, o.url(), events.events(), events.reconnects());
            out.println();
            for (Result r : probe == null ? List.of(load) : List.of(probe, load)) {
                printResult(r);
                out.println();
            }
            out.println("Memory (VmRSS)              before      after");
            for (String name : rssAfter.keySet()) {
                out.printf("  %-24s %7s MB %7s MB%n", name, mb(rssBefore.getOrDefault(name, -1L)),
                        mb(rssAfter.get(name)));
            }
            out.printf("  %-24s %7.0f MB %7.0f MB   (PostgreSQL not counted: not started by ./suiteflow)%n",
                    "total", totalMb(rssBefore), totalMb(rssAfter));
            out.println();
            out.println("Targets");
            for (Target t : targets) {
                out.printf("  %-4s %-42s %-17s measured %s %s%s%n", t.pass() ? "PASS" : "MISS", t.what(), t.target(),
                        Dist.fmt(t.value()), t.unit(), t.note().isEmpty() ? "" : "  (" + t.note() + ")");
            }
        }

        private void printResult(Result r) {
            int k = o.phases();
            out.printf("%s: %d submitted, %d accepted%s, %d finished %s, %d phases run%s%n",
                    r.name.equals("probe") ? "Probe (one suite at a time)"
                            : "Load (" + fmtRate(o.rate()) + " suites/s open loop)",
                    r.submitted, r.accepted, r.errors.isEmpty() ? "" : " " + r.errors,
                    r.accepted - r.unfinished, r.outcomes, r.phasesDone, r.phaseAttempts == r.phasesDone ? ""
                            : " (" + r.phaseAttempts + " attempts: " + (r.phaseAttempts - r.phasesDone)
                            + " phase(s) ran more than once)");
            if (r.firstError != null) {
                out.println("  first refusal: " + cut(r.firstError));
            }
            if (r.firstFailure != null) {
                out.println("  first suite not passed: " + cut(r.firstFailure));
            }
            if (r.unfinished > 0) {
                out.printf("  %d suite(s) had no final event before the timeout%n", r.unfinished);
            }
            out.println("  " + " ".repeat(46) + "     n      p50      p99      max  (ms)");
            row("submit: HTTP POST /api/suites", r.http);
            if (r.name.equals("load")) {
                out.printf("  %-46s %s suites/s accepted (%d in %.2f s; sender lag max %.1f ms)%n", "",
                        fmtRate(r.acceptedPerSecond), r.accepted, r.submitSeconds, r.maxStartLagMs);
            }
            row("end to end: submit → SuiteCompleted on SSE", r.e2e);
            row("direct: " + k + " × `" + String.join(" ", COMMAND) + "` (ProcessBuilder)", r.directK);
            row("overhead per phase = (e2e − direct)/" + k, r.overhead);
            row("  same, SuiteStarted → completed only", r.overheadRunning);
            out.println("  split (platform timestamps):");
            row("  submit → SuiteAccepted (ingest)", r.toAccepted);
            row("  SuiteAccepted → SuiteStarted (plan, admission)", r.toStarted);
            row("  per phase: previous → queued at executor", r.handoff);
            row("  per phase: queueWaitMs (queued → claimed)", r.queueWait);
            row("  per phase: durationMs (copy, run, delete)", r.run);
            row("  per phase: PhaseStarted → PhaseCompleted", r.startedToCompleted);
            row("  last PhaseCompleted → SuiteCompleted", r.finish);
            row("  SuiteCompleted → received on SSE", r.sseLag);
            out.printf("  %-46s %s phases/s (%d phases in %.2f s, first submit → last SuiteCompleted)%n",
                    "throughput", fmtRate(r.phasesPerSecond), r.phasesDone, r.wallSeconds);
        }

        private void row(String label, Dist d) {
            out.printf("  %-46s %5d %8s %8s %8s%n", label, d.n(), Dist.fmt(d.p50()), Dist.fmt(d.p99()),
                    Dist.fmt(d.max()));
        }

        ObjectNode json() {
            ObjectNode j = mapper.createObjectNode();
            ObjectNode opts = j.putObject("options");
            opts.put("suites", o.suites());
            opts.put("phases", o.phases());
            opts.put("rate", o.rate());
            opts.put("warmup", o.warmup());
            opts.put("probe", o.probe());
            opts.putArray("command").add(String.join(" ", COMMAND));
            ObjectNode m = j.putObject("machine");
            m.put("nproc", Runtime.getRuntime().availableProcessors());
            m.put("cpu", cpuModel());
            m.put("memTotalMb", memTotalMb());
            m.put("java", System.getProperty("java.version"));
            m.put("loadBefore", loadBefore);
            m.put("loadAfter", loadAfter);
            j.put("projectRevision", revision);
            if (probe != null) {
                j.set("probe", result(probe));
            }
            j.set("load", result(load));
            ObjectNode mem = j.putObject("rssKb");
            ObjectNode before = mem.putObject("before");
            rssBefore.forEach(before::put);
            ObjectNode after = mem.putObject("after");
            rssAfter.forEach(after::put);
            mem.put("totalBeforeMb", Math.round(totalMb(rssBefore)));
            mem.put("totalAfterMb", Math.round(totalMb(rssAfter)));
            ArrayNode t = j.putArray("targets");
            for (Target target : targets) {
                ObjectNode n = t.addObject();
                n.put("what", target.what());
                n.put("target", target.target());
                if (Double.isNaN(target.value())) {
                    n.putNull("measured");
                } else {
                    n.put("measured", Math.round(target.value() * 100) / 100.0);
                }
                n.put("unit", target.unit());
                n.put("pass", target.pass());
                if (!target.note().isEmpty()) {
                    n.put("note", target.note());
                }
            }
            return j;
        }

        private ObjectNode result(Result r) {
            ObjectNode n = mapper.createObjectNode();
            n.put("submitted", r.submitted);
            n.put("accepted", r.accepted);
            n.put("unfinished", r.unfinished);
            ObjectNode errors = n.putObject("errors");
            r.errors.forEach(errors::put);
            ObjectNode outcomes = n.putObject("outcomes");
            r.outcomes.forEach(outcomes::put);
            n.put("phases", r.phasesDone);
            n.put("phaseAttempts", r.phaseAttempts);
            n.put("acceptedPerSecond", round(r.acceptedPerSecond));
            n.put("phasesPerSecond", round(r.phasesPerSecond));
            n.put("wallSeconds", round(r.wallSeconds));
            Map<String, Dist> ms = new LinkedHashMap<>();
            ms.put("submitHttp", r.http);
            ms.put("endToEnd", r.e2e);
            ms.put("endToEndPlatformClock", r.e2ePlatform);
            ms.put("directK", r.directK);
            ms.put("overheadPerPhase", r.overhead);
            ms.put("overheadPerPhaseStartedToCompleted", r.overheadRunning);
            ms.put("submitToAccepted", r.toAccepted);
            ms.put("acceptedToStarted", r.toStarted);
            ms.put("phaseHandoff", r.handoff);
            ms.put("phaseQueueWait", r.queueWait);
            ms.put("phaseDuration", r.run);
            ms.put("phaseStartedToCompleted", r.startedToCompleted);
            ms.put("lastPhaseToSuiteCompleted", r.finish);
            ms.put("sseDelivery", r.sseLag);
            ObjectNode d = n.putObject("ms");
            ms.forEach((name, dist) -> d.set(name, dist.json()));
            return n;
        }
    }

    private static double round(double v) {
        return Double.isNaN(v) ? -1 : Math.round(v * 100) / 100.0;
    }

    private static String mb(Long kb) {
        return kb == null || kb < 0 ? "-" : String.format("%.0f", kb / 1024.0);
    }

    private static String fmtRate(double r) {
        return Double.isNaN(r) ? "-" : r == Math.rint(r) ? String.format("%.0f", r) : String.format("%.1f", r);
    }

    private static String cut(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
