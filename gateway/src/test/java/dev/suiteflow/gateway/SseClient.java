package dev.suiteflow.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/** A plain SSE reader on java.net.http: parses {@code id:}, {@code event:}, {@code data:} and comment lines. */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, String data) {

        JsonObject json() {
            return new JsonObject(data);
        }
    }

    private static final Event END = new Event(null, null, null);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int status;
    final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} with the API key as a bearer token (null: none) and an optional Last-Event-ID. */
    static SseClient open(String path, String key, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            ended = true;
            events.add(END);
        }
    }

    /** The next event, or null when the stream ended; fails after the timeout. */
    Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no SSE event within " + timeout);
            }
            if (event == END) {
                events.add(END);
                return null;
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event until the server ends the stream. */
    List<Event> readToEnd(Duration timeout) {
        List<Event> all = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Event e = next(timeout); e != null; e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
            all.add(e);
        }
        return all;
    }

    /** The next {@code n} events. */
    List<Event> take(int n, Duration timeout) {
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event e = next(timeout);
            if (e == null) {
                throw new AssertionError("the stream ended after " + all.size() + " events; expected " + n);
            }
            all.add(e);
        }
        return all;
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
