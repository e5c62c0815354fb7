package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class MainTest {

    private final Main main = new Main(new Console(System.currentTimeMillis(), System.out, System.err),
            new RunDir(Path.of("/tmp"), Path.of("/tmp/.run")));

    @Test
    void describesAProblemBodyWithItsTitleDetailAndFieldErrors() {
        String body = """
                {"type":"about:blank","title":"Invalid suite request","status":400,
                 "detail":"2 fields are invalid",
                 "errors":[{"field":"kinds[0]","message":"unknown kind 'smoke'"},
                           {"field":"project","message":"must not be blank"}]}""";

        assertThat(main.describe(400, body)).isEqualTo("HTTP 400 Invalid suite request: 2 fields are invalid\n"
                + "    - kinds[0]: unknown kind 'smoke'\n"
                + "    - project: must not be blank");
    }

    @Test
    void describesABodyThatIsNotJsonAsIs() {
        assertThat(main.describe(502, "Bad Gateway")).isEqualTo("HTTP 502: Bad Gateway");
        assertThat(main.describe(503, "")).isEqualTo("HTTP 503");
    }

    @Test
    void demoWatchesUntilOneOfTheFinishedStates() {
        assertThat(Main.FINISHED_STATES).contains("passed", "failed", "errored", "cancelled", "rejected")
                .doesNotContain("planned", "running");
    }

    @Test
    void demoRequestIsASuiteRequestForTheDemoProject() throws IOException {
        JsonNode request = new ObjectMapper().readTree(RepoRoot.find().resolve(Main.DEMO_REQUEST).toFile());

        assertThat(request.path("project").asText()).isEqualTo("demo");
        assertThat(request.path("requestId").asText()).startsWith("demo-");
        assertThat(request.path("kinds")).extracting(JsonNode::asText)
                .containsExactly("structure", "dependencies", "unit", "integration", "e2e");
        assertThat(request.path("failFast").asBoolean(true)).isFalse();
    }

    @Test
    void consoleStampsEachStepWithTheSecondsSinceTheCommand() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console console = new Console(System.currentTimeMillis() - 2500, new PrintStream(bytes, true,
                StandardCharsets.UTF_8), System.err);

        console.step("Kafka: ready");
        console.step(0.4, "accepted");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).matches(
                "(?s)\\[  2\\.[5-9]s\\] Kafka: ready\n\\[  0\\.4s\\] accepted\n");
    }

    // ------------------------------------------------------------------ the demo against a fake gateway

    private HttpServer gateway;
    private final List<String> requests = new ArrayList<>();

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void withoutAnEventStreamTheDemoPollsAndPrintsEachStatusChangeUntilTheSuiteFinishes() throws IOException {
        List<String> statuses = List.of("received", "received", "running", "running", "passed");
        AtomicInteger polls = new AtomicInteger();
        startGateway(exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 202, "{\"suiteId\":\"s-42\",\"status\":\"received\","
                        + "\"url\":\"/api/suites/s-42\",\"eventsUrl\":\"/api/suites/s-42/events\"}");
            } else {
                String status = statuses.get(Math.min(polls.getAndIncrement(), statuses.size() - 1));
                respond(exchange, 200, "{\"suiteId\":\"s-42\",\"status\":\"" + status + "\"}");
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        String result = demoMain(bytes).runDemoSuite();

        assertThat(result).isEqualTo("passed");
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().filter(l -> l.matches("\\[ *\\d+\\.\\ds\\] (received|running|passed)")))
                .extracting(l -> l.substring(l.indexOf(']') + 2)).containsExactly("received", "running", "passed");
        String base = "http://127.0.0.1:" + gateway.getAddress().getPort();
        assertThat(printed).contains("Demo suite s-42: passed", base + "/api/suites/s-42",
                base + "/api/suites/s-42/events", base + "/q/openapi", "./suiteflow status", "./suiteflow down");
        String submitted = requests.get(0);
        assertThat(submitted).startsWith("POST /api/suites Bearer demo-operator-key application/json ");
        JsonNode body = new ObjectMapper().readTree(submitted.substring(submitted.indexOf('{')));
        assertThat(body.path("requestId").asText()).matches("demo-\\d{8}-\\d{6}");
        assertThat(body.path("project").asText()).isEqualTo("demo");
        assertThat(requests.get(1)).startsWith("GET /api/suites/s-42/events Bearer ");
        assertThat(requests.subList(2, requests.size())).allMatch(r -> r.startsWith("GET /api/suites/s-42 Bearer "));
    }

    @Test
    void demoFollowsTheSuitesEventStreamAndShowsPhasesAndTests() throws IOException {
        startGateway(exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 202, "{\"suiteId\":\"s-7\",\"status\":\"accepted\","
                        + "\"url\":\"/api/suites/s-7\",\"eventsUrl\":\"/api/suites/s-7/events\"}");
                return;
            }
            byte[] stream = String.join("\n",
                    "id: 1", "event: SuitePlanned", "data: {\"type\":\"suiteflow.SuitePlanned.v1\",\"data\":"
                            + "{\"manifestRevision\":2,\"phases\":[{\"name\":\"unit\",\"group\":0}]}}", "",
                    "id: 2", "event: PhaseStarted", "data: {\"phase\":\"unit\",\"attempt\":1,\"worker\":\"w-1\"}", "",
                    "id: 3", "event: PhaseCompleted", "data: {\"phase\":\"unit\",\"status\":\"passed\",\"durationMs\":"
                            + "1500,\"exitCode\":0,\"tests\":[{\"name\":\"parses\",\"className\":\"a.ParserTest\","
                            + "\"status\":\"passed\",\"durationMs\":4}]}", "",
                    "id: 4", "event: SuiteCompleted", "data: {\"outcome\":\"passed\",\"durationMs\":2000,"
                            + "\"totals\":{\"phases\":1,\"phasesPassed\":1,\"tests\":1,\"testsPassed\":1}}", "", "")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, stream.length);
            try (var out = exchange.getResponseBody()) {
                out.write(stream);
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        String result = demoMain(bytes).runDemoSuite();

        assertThat(result).isEqualTo("passed");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("planned (manifest revision 2): unit",
                "▶ unit started on w-1", "✔ unit passed in 1.5 s: 1 tests, 0 failed, exit code 0",
                "    ✔ ParserTest#parses (4 ms)", "finished: PASSED — 1/1 phases passed, 1/1 tests passed, 2.0 s",
                "Demo suite s-7: passed");
        assertThat(requests.get(1)).startsWith("GET /api/suites/s-7/events Bearer demo-operator-key");
    }

    @Test
    void demoFailsWithTheProblemDetailsWhenTheGatewayRefusesTheSuite() throws IOException {
        startGateway(exchange -> respond(exchange, 400, "{\"title\":\"Invalid suite request\",\"status\":400,"
                + "\"detail\":\"1 field is invalid\",\"errors\":[{\"field\":\"project\","
                + "\"message\":\"unknown project 'demo'\"}]}"));

        assertThatThrownBy(() -> demoMain(new ByteArrayOutputStream()).runDemoSuite())
                .hasMessageContaining("HTTP 400 Invalid suite request: 1 field is invalid")
                .hasMessageContaining("- project: unknown project 'demo'")
                .hasMessageContaining(".run/logs/gateway.log");
    }

    private Main demoMain(ByteArrayOutputStream bytes) {
        Path root = RepoRoot.find();
        return new Main(new Console(System.currentTimeMillis(), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                System.err), new RunDir(root, root.resolve(".run")),
                "http://127.0.0.1:" + gateway.getAddress().getPort());
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void startGateway(Handler handler) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            }
            handler.handle(exchange);
        });
        gateway.start();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json"
                : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
