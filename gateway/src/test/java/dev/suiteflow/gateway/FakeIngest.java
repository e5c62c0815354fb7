package dev.suiteflow.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for ingest-service's {@code POST /suites}, so that the gateway's own part of a submission (keys,
 * roles, tenant, mapping of ingest's answers) is tested alone; the real ingest is in the system tests. It answers
 * by request id: {@code bad-*} → 400 with field errors, {@code broken-*} → 500, anything else → 202.
 */
public class FakeIngest implements QuarkusTestResourceLifecycleManager {

    /** What the gateway sent: tenant header, token header, body. */
    public record Call(String tenant, String token, String body) {
    }

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/suites", this::handle);
        server.start();
        return Map.of("quarkus.rest-client.ingest.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "suiteflow.gateway.internal-token", "test-internal-token");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(new Call(exchange.getRequestHeaders().getFirst("X-Suiteflow-Tenant"),
                exchange.getRequestHeaders().getFirst("X-Suiteflow-Token"), body));
        String requestId = new io.vertx.core.json.JsonObject(body).getString("requestId", "");
        if (requestId.startsWith("bad-")) {
            reply(exchange, 400, "application/problem+json", """
                    {"type": "https://suiteflow.dev/problems/validation", "title": "Invalid request", "status": 400,
                     "detail": "1 field is not valid",
                     "errors": [{"field": "project", "message": "unknown project 'nope'"}]}""");
        } else if (requestId.startsWith("broken-")) {
            reply(exchange, 500, "application/problem+json", """
                    {"title": "Internal error", "status": 500, "detail": "boom"}""");
        } else {
            reply(exchange, 202, "application/json", """
                    {"suiteId": "%s", "requestId": "%s", "status": "accepted", "duplicate": false}"""
                    .formatted(UUID.randomUUID(), requestId));
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
