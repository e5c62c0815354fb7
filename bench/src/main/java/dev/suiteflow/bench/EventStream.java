package dev.suiteflow.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Follows the tenant's event stream ({@code GET /api/events}, operator key) and keeps, per suite, the timestamps
 * the benchmark needs: SuiteAccepted/Started/Completed and per phase attempt PhaseStarted/PhaseCompleted. Opened
 * before the first submission (the stream starts with events committed from then on); reconnects with
 * {@code Last-Event-ID} if the connection drops, so nothing is missed.
 */
final class EventStream {

    /** What one phase attempt's events say. */
    static final class PhaseTrace {
        String phase;
        int attempt;
        Instant startedAt;
        long queueWaitMs = -1;
        Instant completedAt;
        long durationMs = -1;
        String status;
        String failureClass;
        String remediation;
        int duplicateCompletions;
    }

    /** What a suite's events say, with the local time at which its final event arrived. */
    static final class SuiteTrace {
        final String suiteId;
        Instant acceptedAt;
        Instant plannedAt;
        Instant startedAt;
        Instant completedAt;
        String finalType;
        String outcome;
        String reason;
        long finalReceivedNanos;
        Instant finalReceivedAt;
        final Map<String, PhaseTrace> phases = new ConcurrentHashMap<>();

        SuiteTrace(String suiteId) {
            this.suiteId = suiteId;
        }

        boolean isFinal() {
            return finalType != null;
        }

        /**
         * One attempt per phase, ordered by start time: the first attempt that passed (the one the suite went on
         * with), else the latest attempt.
         */
        synchronized List<PhaseTrace> chosenPhases() {
            Map<String, PhaseTrace> chosen = new java.util.HashMap<>();
            for (PhaseTrace p : phases.values()) {
                PhaseTrace seen = chosen.get(p.phase);
                boolean passed = "passed".equals(p.status);
                boolean seenPassed = seen != null && "passed".equals(seen.status);
                if (seen == null || (passed && (!seenPassed || p.attempt < seen.attempt))
                        || (!passed && !seenPassed && p.attempt > seen.attempt)) {
                    chosen.put(p.phase, p);
                }
            }
            List<PhaseTrace> list = new ArrayList<>(chosen.values());
            list.sort((a, b) -> a.startedAt == null || b.startedAt == null ? 0 : a.startedAt.compareTo(b.startedAt));
            return list;
        }
    }

    private final HttpClient client;
    private final URI uri;
    private final String key;
    private final ObjectMapper mapper;
    private final PrintStream log;
    private final Map<String, SuiteTrace> suites = new ConcurrentHashMap<>();
    private final Object monitor = new Object();
    private volatile String lastId;
    private volatile boolean closed;
    private volatile long events;
    private volatile int reconnects;
    private Iterator<String> lines;
    private Stream<String> body;

    EventStream(HttpClient client, String baseUrl, String key, ObjectMapper mapper, PrintStream log) {
        this.client = client;
        this.uri = URI.create(baseUrl + "/api/events");
        this.key = key;
        this.mapper = mapper;
        this.log = log;
    }

    /** Connects (returns once the gateway answered 200) and follows the stream on a daemon thread. */
    void start() throws IOException, InterruptedException {
        connect();
        Thread reader = new Thread(this::follow, "bench-sse");
        reader.setDaemon(true);
        reader.start();
    }

    private void connect() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream");
        if (lastId != null) {
            request.header("Last-Event-ID", lastId);
        }
        HttpResponse<Stream<String>> response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String text = String.join("\n", response.body().limit(20).toList());
            throw new IOException("GET /api/events answered " + response.statusCode() + ": " + text);
        }
        body = response.body();
        lines = body.iterator();
    }

    private void follow() {
        while (!closed) {
            try {
                read();
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.println("  event stream: " + e.getMessage() + "; reconnecting after id " + lastId);
            }
            if (closed) {
                return;
            }
            reconnects++;
            try {
                Thread.sleep(500);
                connect();
            } catch (IOException e) {
                log.println("  event stream: reconnect failed: " + e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads events until the stream ends (an exception or the end of the body). */
    private void read() {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    dispatch(type, data.toString());
                    if (id != null) {
                        lastId = id;
                    }
                }
                id = null;
                type = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                continue;
            } else if (line.startsWith("id:")) {
                id = value(line, 3);
            } else if (line.startsWith("event:")) {
                type = value(line, 6);
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(value(line, 5));
            }
        }
    }

    private static String value(String line, int from) {
        String v = line.substring(from);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    private void dispatch(String eventName, String json) {
        long receivedNanos = System.nanoTime();
        Instant receivedAt = Instant.now();
        events++;
        JsonNode event;
        try {
            event = mapper.readTree(json);
        } catch (IOException e) {
            log.println("  event stream: not JSON: " + json.substring(0, Math.min(200, json.length())));
            return;
        }
        String type = eventName != null ? eventName : shortType(event.path("type").asText());
        String suiteId = event.path("suiteId").asText(null);
        JsonNode d = event.path("data");
        if (suiteId == null) {
            suiteId = d.path("suiteId").asText(null);
        }
        if (suiteId == null) {
            return;
        }
        SuiteTrace s = suites.computeIfAbsent(suiteId, SuiteTrace::new);
        boolean becameFinal = false;
        synchronized (s) {
            switch (type) {
                case "SuiteAccepted" -> s.acceptedAt = instant(d, "acceptedAt");
                case "SuitePlanned" -> s.plannedAt = instant(d, "plannedAt");
                case "SuiteStarted" -> s.startedAt = instant(d, "startedAt");
                case "PhaseStarted" -> {
                    PhaseTrace p = phase(s, d);
                    p.startedAt = instant(d, "startedAt");
                    p.queueWaitMs = d.path("queueWaitMs").asLong(-1);
                }
                case "PhaseCompleted" -> {
                    PhaseTrace p = phase(s, d);
                    if (p.completedAt != null) {
                        // a second PhaseCompleted of one attempt (seen when a lost update re-opened a finished
                        // attempt): the first is the one the suite went on with
                        p.duplicateCompletions++;
                        break;
                    }
                    p.completedAt = instant(d, "completedAt");
                    p.durationMs = d.path("durationMs").asLong(-1);
                    p.status = d.path("status").asText(null);
                    p.failureClass = d.path("failureClass").asText(null);
                    p.remediation = d.path("remediation").asText(null);
                    if (p.queueWaitMs < 0) {
                        p.queueWaitMs = d.path("queueWaitMs").asLong(-1);
                    }
                }
                case "SuiteCompleted", "SuiteCancelled", "SuiteRejected" -> {
                    if (s.finalType == null) {
                        s.finalType = type;
                        s.finalReceivedNanos = receivedNanos;
                        s.finalReceivedAt = receivedAt;
                        becameFinal = true;
                    }
                    s.outcome = switch (type) {
                        case "SuiteCompleted" -> d.path("outcome").asText(null);
                        case "SuiteCancelled" -> "cancelled";
                        default -> "rejected";
                    };
                    s.completedAt = instant(d, type.equals("SuiteCompleted") ? "completedAt"
                            : type.equals("SuiteCancelled") ? "cancelledAt" : "rejectedAt");
                    s.reason = d.path("reason").asText(null);
                }
                default -> {
                    // PhaseLog, PhaseHeartbeat, approvals: not measured
                }
            }
        }
        if (becameFinal) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    private static PhaseTrace phase(SuiteTrace s, JsonNode d) {
        String key = d.path("phaseRunId").asText() + "#" + d.path("attempt").asInt();
        PhaseTrace p = s.phases.computeIfAbsent(key, k -> new PhaseTrace());
        p.phase = d.path("phase").asText();
        p.attempt = d.path("attempt").asInt();
        return p;
    }

    private static Instant instant(JsonNode d, String field) {
        String text = d.path(field).asText(null);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String shortType(String type) {
        // suiteflow.<Event>.v1
        String[] parts = type.split("\\.");
        return parts.length >= 2 ? parts[1] : type;
    }

    SuiteTrace trace(String suiteId) {
        return suites.get(suiteId);
    }

    /**
     * Waits until every suite in {@code ids} has its final event, or the deadline passes. Local waiting on the
     * stream's notifications; the platform is not polled. Returns the ids still not final.
     */
    List<String> awaitFinal(Collection<String> ids, long deadlineNanos) throws InterruptedException {
        while (true) {
            List<String> open = new ArrayList<>();
            for (String id : ids) {
                SuiteTrace s = suites.get(id);
                if (s == null || !s.isFinal()) {
                    open.add(id);
                }
            }
            long left = deadlineNanos - System.nanoTime();
            if (open.isEmpty() || left <= 0) {
                return open;
            }
            synchronized (monitor) {
                monitor.wait(Math.max(1, Math.min(200, left / 1_000_000)));
            }
        }
    }

    long events() {
        return events;
    }

    int reconnects() {
        return reconnects;
    }

    void close() {
        closed = true;
        try {
            if (body != null) {
                body.close();
            }
        } catch (RuntimeException e) {
            // closing a live HTTP body stream: nothing to do about a failure
        }
    }

}
