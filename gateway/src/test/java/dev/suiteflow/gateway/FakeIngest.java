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
 * A stand-in for ingest-service's {@code POST /suites} and project registry, so that the gateway's own part of a
 * submission or registration (keys, roles, tenant, mapping of ingest's answers) is tested alone; the real ingest is
 * in the system tests. Suites are answered by request id: {@code bad-*} → 400 with field errors, {@code broken-*}
 * → 500, anything else → 202. Projects ({@code PUT/GET /projects[/{project}]}) are kept per tenant header: a body
 * containing {@code "bad-command"} → 400 with a field error, a revision not higher than the registered one → 409,
 * else 201 (new) or 200 (changed) with {@code {"project","revision","registeredAt"}}.
 */
public class FakeIngest implements QuarkusTestResourceLifecycleManager {

    /** What the gateway sent: tenant header, token header, body. */
    public record Call(String tenant, String token, String body) {
    }

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    /** A call to the project registry. */
    public record ProjectCall(String method, String path, String tenant, String token, String contentType,
            String body) {
    }

    public static final List<ProjectCall> PROJECT_CALLS = new CopyOnWriteArrayList<>();
    private static final Map<String, Map<String, io.vertx.core.json.JsonObject>> PROJECTS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/suites", this::handle);
        server.createContext("/projects", this::projects);
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

    private void projects(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String tenant = exchange.getRequestHeaders().getFirst("X-Suiteflow-Tenant");
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        PROJECT_CALLS.add(new ProjectCall(method, path, tenant,
                exchange.getRequestHeaders().getFirst("X-Suiteflow-Token"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Map<String, io.vertx.core.json.JsonObject> registry = PROJECTS.computeIfAbsent(String.valueOf(tenant),
                t -> new java.util.concurrent.ConcurrentHashMap<>());
        String project = path.length() > "/projects/".length() ? path.substring("/projects/".length()) : null;
        if (method.equals("GET") && project == null) {
            io.vertx.core.json.JsonArray all = new io.vertx.core.json.JsonArray();
            registry.values().forEach(all::add);
            reply(exchange, 200, "application/json", all.encode());
            return;
        }
        if (method.equals("GET")) {
            io.vertx.core.json.JsonObject manifest = registry.get(project);
            if (manifest == null) {
                reply(exchange, 404, "application/problem+json", """
                        {"title": "Not found", "status": 404, "detail": "Project %s does not exist"}"""
                        .formatted(project));
            } else {
                reply(exchange, 200, "application/json", manifest.encode());
            }
            return;
        }
        if (body.contains("bad-command")) {
            reply(exchange, 400, "application/problem+json", """
                    {"type": "https://suiteflow.dev/problems/validation", "title": "Invalid manifest", "status": 400,
                     "detail": "1 field is not valid",
                     "errors": [{"field": "phases.unit.command[0]", "message": "must be a program name"}]}""");
            return;
        }
        java.util.regex.Matcher revision = java.util.regex.Pattern.compile("\"?revision\"?\\s*:\\s*(\\d+)")
                .matcher(body);
        int rev = revision.find() ? Integer.parseInt(revision.group(1)) : 0;
        io.vertx.core.json.JsonObject known = registry.get(project);
        if (known != null && known.getInteger("revision") >= rev) {
            reply(exchange, 409, "application/problem+json", """
                    {"title": "Conflict", "status": 409,
                     "detail": "revision %d is not higher than the registered revision %d"}"""
                    .formatted(rev, known.getInteger("revision")));
            return;
        }
        registry.put(project, new io.vertx.core.json.JsonObject().put("project", project).put("tenant", tenant)
                .put("revision", rev));
        reply(exchange, known == null ? 201 : 200, "application/json", new io.vertx.core.json.JsonObject()
                .put("project", project).put("revision", rev).put("registeredAt", java.time.Instant.now().toString())
                .encode());
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
