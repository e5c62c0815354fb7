package dev.suiteflow.executor.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.CancelSuite;
import dev.suiteflow.events.CommandSpec;
import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.PhaseCompleted;
import dev.suiteflow.events.PhaseHeartbeat;
import dev.suiteflow.events.PhaseLog;
import dev.suiteflow.events.PhaseRequested;
import dev.suiteflow.events.PhaseStarted;
import dev.suiteflow.events.SuiteEvent;
import dev.suiteflow.events.TestResult;
import dev.suiteflow.events.Topics;
import dev.suiteflow.executor.run.JUnitReportsTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The whole path on the real broker and database: phase-requests in, phase-results and phase-progress out. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class ExecutorFlowTest {

    private static final KafkaCompanion KAFKA = new KafkaCompanion("127.0.0.1:9092");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ConsumerTask<String, String> out;

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    @Inject
    WorkerPool workers;

    @BeforeAll
    static void listen() {
        out = KAFKA.consumeStrings().fromTopics(Topics.PHASE_RESULTS, Topics.PHASE_PROGRESS);
    }

    @AfterAll
    static void stopListening() {
        out.close();
    }

    // ---- helpers ----

    private Path workspace(String script) throws Exception {
        Path dir = Files.createTempDirectory("suiteflow-ws");
        Files.writeString(dir.resolve("run.sh"), script);
        return dir;
    }

    private static PhaseRequested request(String suiteId, String tenant, String runId, Path workspace,
            List<String> args, List<String> reports, long timeout) {
        CommandSpec spec = new CommandSpec(null, args, workspace.toString(), null, ".", Map.of("CI", "true"),
                reports, List.of(), List.of());
        return new PhaseRequested(suiteId, tenant, runId, "unit", 1, "normal", spec, List.of(), timeout,
                Instant.now());
    }

    private void publish(String topic, String eventId, SuiteEvent event) throws Exception {
        String value = new JsonObject().put("specversion", "1.0").put("id", eventId).put("source", "urn:test:executor")
                .put("type", EventTypes.type(event.getClass())).put("subject", event.suiteId())
                .put("time", Instant.now().toString()).put("data", new JsonObject(mapper.writeValueAsString(event)))
                .encode();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.suiteId(), value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        KAFKA.produceStrings().fromRecords(record).awaitCompletion();
    }

    private <T extends SuiteEvent> List<T> events(Class<T> type, String suiteId, Predicate<T> filter) {
        List<T> found = new ArrayList<>();
        for (ConsumerRecord<String, String> r : out.getRecords()) {
            if (!suiteId.equals(r.key())) {
                continue;
            }
            JsonObject ce = new JsonObject(r.value());
            if (!EventTypes.type(type).equals(ce.getString("type"))) {
                continue;
            }
            try {
                T event = mapper.readValue(ce.getJsonObject("data").encode(), type);
                if (filter.test(event)) {
                    found.add(event);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private PhaseCompleted awaitCompleted(String suiteId, String runId, int attempt) {
        return Awaitility.await().atMost(WAIT).until(() -> events(PhaseCompleted.class, suiteId,
                c -> c.phaseRunId().equals(runId) && c.attempt() == attempt), l -> !l.isEmpty()).get(0);
    }

    private List<Row> query(String sql, Object... params) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(5)).forEach(rows::add);
        return rows;
    }

    private int permitsInUse(String tenant) {
        List<Row> rows = query("SELECT in_use FROM tenant_permit WHERE tenant = $1", tenant);
        return rows.isEmpty() ? 0 : rows.get(0).getInteger("in_use");
    }

    private static String reportScript(String report, int exit) {
        return "echo running the tests\nmkdir -p reports\ncat > reports/TEST-shop.xml <<'XML'\n" + report
                + "\nXML\necho 'some tests failed' >&2\nexit " + exit + "\n";
    }

    private static final String REPORT = JUnitReportsTest.REPORT.replace(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");

    // ---- tests ----

    @Test
    void runsAPhaseAndPublishesStartedLogsAndPerTestResults() throws Exception {
        String suiteId = UUID.randomUUID().toString();
        String runId = "run-" + suiteId;
        Path ws = workspace(reportScript(REPORT, 1));
        publish(Topics.PHASE_REQUESTS, UUID.randomUUID().toString(), request(suiteId, "demo", runId, ws,
                List.of("bash", "run.sh"), List.of("reports/TEST-*.xml"), 60));

        PhaseCompleted completed = awaitCompleted(suiteId, runId, 1);
        assertThat(completed.status()).isEqualTo("failed");
        assertThat(completed.failureClass()).isEqualTo("test_failure");
        assertThat(completed.exitCode()).isEqualTo(1);
        assertThat(completed.remediation()).contains("shop.CartTest#removes (expected 2 but was 3)");
        assertThat(completed.tests()).extracting(TestResult::status)
                .containsExactly("passed", "failed", "errored", "skipped");
        assertThat(completed.logExcerpt()).contains("running the tests").contains("some tests failed");

        List<PhaseStarted> started = events(PhaseStarted.class, suiteId, s -> s.phaseRunId().equals(runId));
        assertThat(started).singleElement().satisfies(s -> {
            assertThat(s.worker()).contains("/executor-worker-");
            assertThat(s.queueWaitMs()).isNotNegative();
        });
        Awaitility.await().atMost(WAIT).until(() -> events(PhaseLog.class, suiteId, l -> true).stream()
                .flatMap(l -> l.lines().stream()).map(PhaseLog.Line::text).toList(),
                lines -> lines.containsAll(List.of("running the tests", "some tests failed")));
        PhaseLog first = events(PhaseLog.class, suiteId, l -> l.batch() == 0).get(0);
        assertThat(first.firstLine()).isZero();
        assertThat(first.lines().get(0)).isEqualTo(new PhaseLog.Line("stdout", "running the tests"));
        assertThat(permitsInUse("demo")).isZero();
    }

    @Test
    void aMalformedReportIsAMisconfiguration() throws Exception {
        String suiteId = UUID.randomUUID().toString();
        Path ws = workspace(reportScript("<testsuite><testcase name='x'>", 1));
        publish(Topics.PHASE_REQUESTS, UUID.randomUUID().toString(), request(suiteId, "demo", "run-" + suiteId, ws,
                List.of("bash", "run.sh"), List.of("reports/*.xml"), 60));

        PhaseCompleted completed = awaitCompleted(suiteId, "run-" + suiteId, 1);
        assertThat(completed.failureClass()).isEqualTo("misconfiguration");
        assertThat(completed.remediation()).startsWith("report reports/TEST-shop.xml is not valid JUnit XML: ");
    }

    @Test
    void aRedeliveredRequestRunsOnce() throws Exception {
        String suiteId = UUID.randomUUID().toString();
        String runId = "run-" + suiteId;
        Path ws = workspace("echo once\n");
        PhaseRequested request = request(suiteId, "demo", runId, ws, List.of("bash", "run.sh"), List.of(), 60);
        String eventId = UUID.randomUUID().toString();
        publish(Topics.PHASE_REQUESTS, eventId, request);
        publish(Topics.PHASE_REQUESTS, eventId, request);                       // a redelivery
        publish(Topics.PHASE_REQUESTS, UUID.randomUUID().toString(), request);  // the same attempt, new event id
        // Same key, same partition: once this one completed, the three above were consumed.
        publish(Topics.PHASE_REQUESTS, UUID.randomUUID().toString(), request(suiteId, "demo", runId + "-sentinel", ws,
                List.of("bash", "run.sh"), List.of(), 60));

        assertThat(awaitCompleted(suiteId, runId, 1).status()).isEqualTo("passed");
        awaitCompleted(suiteId, runId + "-sentinel", 1);
        Awaitility.await().atMost(WAIT).until(() -> query("SELECT 1 FROM phase_attempt WHERE phase_run_id = $1"
                + " AND status <> 'finished'", runId + "-sentinel").isEmpty());
        assertThat(query("SELECT status FROM phase_attempt WHERE phase_run_id = $1", runId)).hasSize(1);
        assertThat(events(PhaseStarted.class, suiteId, s -> s.phaseRunId().equals(runId))).hasSize(1);
        assertThat(events(PhaseCompleted.class, suiteId, s -> s.phaseRunId().equals(runId))).hasSize(1);
    }

    @Test
    void cancellingTheSuiteKillsItsRunningPhase() throws Exception {
        String suiteId = UUID.randomUUID().toString();
        String runId = "run-" + suiteId;
        Path ws = workspace("sleep 60 &\necho child=$!\nwait\n");
        publish(Topics.PHASE_REQUESTS, UUID.randomUUID().toString(), request(suiteId, "demo", runId, ws,
                List.of("bash", "run.sh"), List.of(), 120));
        List<PhaseLog> logs = Awaitility.await().atMost(WAIT).until(() -> events(PhaseLog.class, suiteId, l -> true),
                l -> !l.isEmpty());
        long child = Long.parseLong(logs.get(0).lines().get(0).text().substring("child=".length()));
        // A heartbeat arrives while it runs (every second in tests).
        Awaitility.await().atMost(WAIT).until(() -> !events(PhaseHeartbeat.class, suiteId, h -> true).isEmpty());

        publish(Topics.SUITE_COMMANDS, UUID.randomUUID().toString(),
                new CancelSuite(suiteId, "demo", "alice", "wrong branch", Instant.now()));

        PhaseCompleted completed = awaitCompleted(suiteId, runId, 1);
        assertThat(completed.status()).isEqualTo("cancelled");
        assertThat(completed.failureClass()).isEqualTo("cancelled");
        assertThat(completed.exitCode()).isNull();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true) || zombie(child));

        // A request of the cancelled suite that arrives later is not run.
        publish(Topics.PHASE_REQUESTS, UUID.randomUUID().toString(), request(suiteId, "demo", runId + "-late", ws,
                List.of("bash", "run.sh"), List.of(), 120));
        assertThat(awaitCompleted(suiteId, runId + "-late", 1).status()).isEqualTo("cancelled");
        assertThat(events(PhaseStarted.class, suiteId, s -> s.phaseRunId().equals(runId + "-late"))).isEmpty();
    }

    @Test
    void tenantPermitsLimitConcurrencyAndAreReleasedAfterFailures() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String suiteId = UUID.randomUUID().toString();
        Path ws = workspace("sleep 1\nexit 3\n");
        List<PhaseRequested> requests = List.of(
                request(suiteId, tenant, "a-" + suiteId, ws, List.of("bash", "run.sh"), List.of(), 60),
                request(suiteId, tenant, "b-" + suiteId, ws, List.of("bash", "run.sh"), List.of(), 60),
                request(suiteId, tenant, "c-" + suiteId, ws, List.of("bash", "run.sh"), List.of(), 60),
                request(suiteId, tenant, "d-" + suiteId, ws, List.of("no-such-command-xyz"), List.of(), 60),
                request(suiteId, tenant, "e-" + suiteId, ws, List.of("sleep", "30"), List.of(), 1));
        for (PhaseRequested r : requests) {
            publish(Topics.PHASE_REQUESTS, UUID.randomUUID().toString(), r);
        }
        List<PhaseCompleted> done = Awaitility.await().atMost(WAIT).until(
                () -> events(PhaseCompleted.class, suiteId, c -> true), l -> l.size() == requests.size());

        assertThat(done).extracting(PhaseCompleted::failureClass).containsExactlyInAnyOrder("infrastructure",
                "infrastructure", "infrastructure", "missing_dependency", "timeout");
        assertThat(permitsInUse(tenant)).isZero();
        // Never more than two at once: each attempt starts only after an earlier one finished, from the third on.
        List<Row> rows = query("SELECT started_at, completed_at FROM phase_attempt WHERE tenant = $1"
                + " ORDER BY started_at", tenant);
        for (int i = 2; i < rows.size(); i++) {
            var startedAt = rows.get(i).getOffsetDateTime("started_at");
            long finishedBefore = rows.subList(0, i).stream()
                    .filter(r -> !r.getOffsetDateTime("completed_at").isAfter(startedAt)).count();
            assertThat(finishedBefore).as("attempts finished before attempt %d started", i).isGreaterThanOrEqualTo(i - 1);
        }
    }

    @Test
    void anAttemptWhoseWorkerDiedRunsAgainAsTheNextAttempt() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String suiteId = UUID.randomUUID().toString();
        String runId = "run-" + suiteId;
        Path ws = workspace("echo second try\n");
        PhaseRequested request = request(suiteId, tenant, runId, ws, List.of("bash", "run.sh"), List.of(), 60);
        query("INSERT INTO tenant_permit (tenant, in_use) VALUES ($1, 1)", tenant);
        query("INSERT INTO phase_attempt (id, phase_run_id, attempt, suite_id, tenant, phase, priority, priority_rank,"
                + " request, status, requested_at, queued_at, worker, started_at, lease_until, permit_held)"
                + " VALUES ($1, $2, 1, $3, $4, 'unit', 'normal', 2, $5, 'running', now(), now(), 'gone-host/1/w',"
                + " now() - interval '2 minutes', now() - interval '1 minute', true)",
                UUID.randomUUID(), runId, suiteId, tenant, mapper.writeValueAsString(request));

        workers.recoverExpired();

        PhaseCompleted dead = awaitCompleted(suiteId, runId, 1);
        assertThat(dead.status()).isEqualTo("errored");
        assertThat(dead.failureClass()).isEqualTo("infrastructure");
        assertThat(dead.remediation())
                .isEqualTo("the worker stopped while running the phase; it runs again as attempt 2");
        PhaseCompleted again = awaitCompleted(suiteId, runId, 2);
        assertThat(again.status()).isEqualTo("passed");
        assertThat(again.logExcerpt()).contains("second try");
        assertThat(permitsInUse(tenant)).isZero();
    }

    @Test
    void attemptsStartByPriorityThenRequestTime() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String suiteId = UUID.randomUUID().toString();
        Path ws = workspace("true\n");
        // The tenant's permits are all taken while the attempts are queued...
        query("INSERT INTO tenant_permit (tenant, in_use) VALUES ($1, 2)", tenant);
        String[][] queued = { { "low", "1" }, { "normal", "2" }, { "high", "3" }, { "urgent", "4" } };
        for (String[] q : queued) {
            PhaseRequested r = request(suiteId, tenant, q[0] + "-" + suiteId, ws, List.of("true"), List.of(), 60);
            query("INSERT INTO phase_attempt (id, phase_run_id, attempt, suite_id, tenant, phase, priority,"
                    + " priority_rank, request, status, requested_at, queued_at) VALUES ($1, $2, 1, $3, $4, 'unit',"
                    + " $5, $6, $7, 'queued', now() - make_interval(mins => 10 - $8), now())",
                    UUID.randomUUID(), r.phaseRunId(), suiteId, tenant, q[0],
                    dev.suiteflow.executor.PhaseAttempt.rank(q[0]), mapper.writeValueAsString(r),
                    Integer.parseInt(q[1]));
        }
        // ...then one frees up (the other stays taken): they run one at a time, in priority order.
        query("UPDATE tenant_permit SET in_use = 1 WHERE tenant = $1", tenant);
        workers.wake();
        Awaitility.await().atMost(WAIT).until(() -> events(PhaseCompleted.class, suiteId, c -> true).size() == 4);
        List<String> order = query("SELECT priority FROM phase_attempt WHERE tenant = $1 ORDER BY started_at", tenant)
                .stream().map(r -> r.getString("priority")).toList();
        assertThat(order).containsExactly("urgent", "high", "normal", "low");
        assertThat(permitsInUse(tenant)).isEqualTo(1);
        query("UPDATE tenant_permit SET in_use = 0 WHERE tenant = $1", tenant);
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception e) {
            return true;
        }
    }
}
