package dev.suiteflow.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Follows a suite's server-sent events ({@code GET /api/suites/{id}/events}) and tells a person what happens:
 * the plan, phases starting and finishing, every test's result, failures with their remediation, the outcome.
 * Reconnects with {@code Last-Event-ID} when the stream drops before the suite has finished.
 */
public final class SuiteWatcher {

    /** Events after which a suite changes no more. */
    static final Set<String> FINAL_EVENTS = Set.of("SuiteCompleted", "SuiteCancelled", "SuiteRejected");

    /** One server-sent event. */
    public record Sse(String id, String event, String data) {
    }

    private final HttpClient http;
    private final String apiKey;
    private final ObjectMapper json = new ObjectMapper();
    /** Phase run id → "unit [1/2]" for the shards of the plans seen so far. */
    private final Map<String, String> shardLabels = new HashMap<>();
    private final BiConsumer<Double, String> say;

    /** @param say receives (seconds since submission, line) */
    public SuiteWatcher(HttpClient http, String apiKey, BiConsumer<Double, String> say) {
        this.http = http;
        this.apiKey = apiKey;
        this.say = say;
    }

    /** Watches until the suite ends or {@code timeout} passes; returns the final status, or null on timeout. */
    public String watch(String eventsUrl, long submittedNanos, Duration timeout) {
        String lastId = null;
        String outcome = null;
        long deadline = submittedNanos + timeout.toNanos();
        int failures = 0;
        while (outcome == null && System.nanoTime() < deadline) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(eventsUrl))
                    .header("Authorization", "Bearer " + apiKey).header("Accept", "text/event-stream")
                    .timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (lastId != null) {
                request.header("Last-Event-ID", lastId);
            }
            try {
                HttpResponse<Stream<String>> response = http.send(request.GET().build(),
                        HttpResponse.BodyHandlers.ofLines());
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
                    // 204: a finished suite with nothing left to send; anything else: no stream to follow
                    response.body().close();
                    throw new IllegalStateException("the gateway answered " + response.statusCode() + " "
                            + type + " to " + eventsUrl);
                }
                Iterator<String> lines = response.body().iterator();
                for (Sse event : (Iterable<Sse>) () -> events(lines)) {
                    lastId = event.id() != null ? event.id() : lastId;
                    double at = (System.nanoTime() - submittedNanos) / 1e9;
                    JsonNode data = parse(event.data());
                    render(event.event(), data, shardLabels).forEach(line -> say.accept(at, line));
                    if (FINAL_EVENTS.contains(event.event())) {
                        outcome = finalStatus(event.event(), data);
                        break;
                    }
                }
                failures = 0;
            } catch (IOException e) {
                if (++failures > 5) {
                    throw new IllegalStateException("Lost the event stream " + eventsUrl + ": " + e.getMessage());
                }
                KafkaBroker.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return outcome;
    }

    /** Server-sent events read from lines: {@code id:}, {@code event:}, {@code data:}, blank line ends one. */
    public static Iterator<Sse> events(Iterator<String> lines) {
        return new Iterator<>() {
            private Sse next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                String id = null;
                String event = null;
                StringBuilder data = null;
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.isEmpty()) {
                        if (data != null || event != null) {
                            next = new Sse(id, event == null ? "message" : event, data == null ? "" : data.toString());
                            return true;
                        }
                        continue;
                    }
                    if (line.startsWith(":")) {
                        continue;
                    }
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                        }
                    }
                }
                return false;
            }

            @Override
            public Sse next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Sse result = next;
                next = null;
                return result;
            }
        };
    }

    private JsonNode parse(String data) {
        try {
            JsonNode node = json.readTree(data);
            // the stream sends the CloudEvent (type, time, data) or the payload alone
            return node != null && node.has("data") && node.get("data").isObject() ? node.get("data") : node;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    static String finalStatus(String event, JsonNode data) {
        return switch (event) {
            case "SuiteCompleted" -> data.path("outcome").asText("completed");
            case "SuiteCancelled" -> "cancelled";
            default -> "rejected";
        };
    }

    /** What a person sees for one event; nothing for the events that would only be noise (log lines). */
    static List<String> render(String event, JsonNode d) {
        return render(event, d, new HashMap<>());
    }

    /**
     * The lines for one event. {@code shardLabels} remembers, from each plan, the phase runs of sharded phases
     * ({@code unit [1/2]}), so that their start and end read apart.
     */
    static List<String> render(String event, JsonNode d, Map<String, String> shardLabels) {
        if (event.equals("SuitePlanned")) {
            for (JsonNode phase : d.path("phases")) {
                int count = phase.path("shards").size();
                for (JsonNode shard : phase.path("shards")) {
                    if (count > 1) {
                        shardLabels.put(shard.path("phaseRunId").asText(), phase.path("name").asText() + " ["
                                + shard.path("index").asInt() + "/" + count + "]");
                    }
                }
            }
        }
        String phaseLabel = shardLabels.getOrDefault(d.path("phaseRunId").asText(), d.path("phase").asText());
        List<String> lines = new ArrayList<>();
        switch (event) {
            case "SuiteAccepted" -> lines.add("accepted (" + d.path("origin").asText("?") + ")");
            case "SuiteRejected" -> {
                lines.add("rejected: " + d.path("reason").asText());
                d.path("errors").forEach(e -> lines.add("    " + e.path("field").asText() + ": "
                        + e.path("message").asText()));
            }
            case "SuitePlanned" -> lines.add((d.path("planRevision").asInt(1) > 1
                    ? "re-planned (plan revision " + d.path("planRevision").asInt() + ", "
                            + d.path("cause").asText("rerun") + "; manifest revision "
                    : "planned (manifest revision ") + d.path("manifestRevision").asText("?") + "): "
                    + planOrder(d.path("phases")));
            case "SuiteStarted" -> lines.add("started");
            case "PhaseStarted" -> lines.add("▶ " + phaseLabel + " started"
                    + (d.path("attempt").asInt(1) > 1 ? " (attempt " + d.path("attempt").asInt() + ")" : "")
                    + " on " + d.path("worker").asText("a worker"));
            case "PhaseHeartbeat" -> {
                // the first beat comes as the phase starts, possibly before PhaseStarted (another topic): say
                // "still running" only once the phase has run a while
                if (d.path("elapsedMs").asLong() >= 1000) {
                    lines.add("… " + phaseLabel + " still running ("
                            + seconds(d.path("elapsedMs").asLong()) + ")");
                }
            }
            case "PhaseCompleted" -> lines.addAll(phaseCompleted(d, phaseLabel));
            case "SuiteCompleted" -> {
                JsonNode t = d.path("totals");
                lines.add("finished: " + d.path("outcome").asText().toUpperCase(Locale.ROOT) + " — "
                        + t.path("phasesPassed").asInt() + "/" + t.path("phases").asInt() + " phases passed, "
                        + t.path("testsPassed").asInt() + "/" + t.path("tests").asInt() + " tests passed"
                        + (t.path("testsSkipped").asInt() > 0 ? " (" + t.path("testsSkipped").asInt() + " skipped)" : "")
                        + ", " + seconds(d.path("durationMs").asLong()));
            }
            case "SuiteCancelled" -> lines.add("cancelled by " + d.path("cancelledBy").asText("?") + ": "
                    + d.path("reason").asText(""));
            default -> {
            }
        }
        return lines;
    }

    private static List<String> phaseCompleted(JsonNode d, String phaseLabel) {
        List<String> lines = new ArrayList<>();
        String status = d.path("status").asText();
        String mark = switch (status) {
            case "passed" -> "✔";
            case "cancelled" -> "■";
            default -> "✘";
        };
        int total = 0;
        int failed = 0;
        for (JsonNode test : d.path("tests")) {
            total++;
            failed += test.path("status").asText().matches("failed|errored") ? 1 : 0;
        }
        lines.add(mark + " " + phaseLabel + " " + status
                + (d.hasNonNull("failureClass") ? " (" + d.path("failureClass").asText() + ")" : "")
                + " in " + seconds(d.path("durationMs").asLong())
                + (total > 0 ? ": " + total + " tests, " + failed + " failed" : "")
                + (d.hasNonNull("exitCode") ? ", exit code " + d.path("exitCode").asInt() : ""));
        for (JsonNode test : d.path("tests")) {
            String s = test.path("status").asText();
            String testMark = switch (s) {
                case "passed" -> "✔";
                case "skipped" -> "↷";
                default -> "✘";
            };
            String name = test.path("className").asText("") .isEmpty() ? test.path("id").asText()
                    : simple(test.path("className").asText()) + "#" + test.path("name").asText();
            lines.add("    " + testMark + " " + name + " (" + test.path("durationMs").asLong() + " ms)"
                    + (s.equals("passed") || s.equals("skipped") && test.path("message").asText("").isEmpty()
                            ? "" : " — " + firstLine(test.path("message").asText(""))));
        }
        if (!"passed".equals(status) && d.hasNonNull("remediation")) {
            lines.add("    what to do: " + d.path("remediation").asText());
        }
        return lines;
    }

    private static String planOrder(JsonNode phases) {
        StringBuilder text = new StringBuilder();
        int group = Integer.MIN_VALUE;
        for (JsonNode phase : phases) {
            int g = phase.path("group").asInt();
            if (text.length() > 0) {
                text.append(g == group ? " ∥ " : " → ");
            }
            text.append(phase.path("name").asText());
            int shards = phase.path("shards").size();
            if (shards > 1) {
                text.append(" (").append(shards).append(" shards)");
            }
            group = g;
        }
        return text.toString();
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "…" : line;
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
