package dev.suiteflow.gateway;

import static dev.suiteflow.gateway.TestEvents.accepted;
import static dev.suiteflow.gateway.TestEvents.awaitStatus;
import static dev.suiteflow.gateway.TestEvents.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.PhaseLog;
import dev.suiteflow.events.PhaseStarted;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuiteStarted;
import dev.suiteflow.events.SuiteTotals;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The SSE streams: replay after Last-Event-ID, live delivery, no gap and no duplicate, tenant scoping. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class EventStreamTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String VIEWER = SuiteApiTest.VIEWER;

    private static List<Long> ids(List<SseClient.Event> events) {
        return events.stream().map(e -> Long.parseLong(e.id())).toList();
    }

    private static List<Long> range(long from, long to) {
        List<Long> all = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            all.add(i);
        }
        return all;
    }

    @Test
    void aFinishedSuitesStreamReplaysEverythingInOrderAndCloses() {
        String suiteId = PhaseReadModelTest.wholeSuite("demo", "demo");
        PhaseReadModelTest.awaitWholeSuite(suiteId);

        List<SseClient.Event> all;
        try (SseClient sse = SseClient.open("/api/suites/" + suiteId + "/events", VIEWER, null)) {
            assertThat(sse.status).isEqualTo(200);
            all = sse.readToEnd(WAIT);
        }
        // 11 events on three topics; every one once, numbered 1..11 in order of arrival at the gateway (which
        // keeps each topic's order, not an order across topics)
        assertThat(ids(all)).isEqualTo(range(1, 11));
        List<String> names = all.stream().map(SseClient.Event::name).toList();
        assertThat(names.stream().filter(n -> n.startsWith("Suite")))
                .containsExactly("SuiteAccepted", "SuitePlanned", "SuiteStarted", "SuiteCompleted");
        assertThat(names.stream().filter(n -> n.startsWith("Phase") && !n.equals("PhaseLog")
                && !n.equals("PhaseHeartbeat"))).containsExactly("PhaseStarted", "PhaseCompleted", "PhaseStarted",
                        "PhaseCompleted");
        assertThat(names.stream().filter(n -> n.equals("PhaseHeartbeat") || n.equals("PhaseLog")))
                .containsExactly("PhaseHeartbeat", "PhaseLog", "PhaseLog");
        SseClient.Event accepted = all.get(names.indexOf("SuiteAccepted"));
        assertThat(accepted.json().getString("type")).isEqualTo("suiteflow.SuiteAccepted.v1");
        assertThat(accepted.json().getString("suiteId")).isEqualTo(suiteId);
        assertThat(accepted.json().getJsonObject("data").getJsonObject("manifest").getInteger("revision"))
                .isEqualTo(7);
        for (SseClient.Event e : all) {
            assertThat(e.json().getLong("seq")).isEqualTo(Long.parseLong(e.id()));
        }

        // reconnecting after event 4 gets exactly 5..11
        try (SseClient sse = SseClient.open("/api/suites/" + suiteId + "/events", VIEWER, "4")) {
            List<SseClient.Event> rest = sse.readToEnd(WAIT);
            assertThat(ids(rest)).isEqualTo(range(5, 11));
            assertThat(rest).isEqualTo(all.subList(4, 11));
        }
        // nothing left after the last one: 204 tells EventSource to stop reconnecting
        try (SseClient sse = SseClient.open("/api/suites/" + suiteId + "/events?lastEventId=11", VIEWER, null)) {
            assertThat(sse.status).isEqualTo(204);
        }
    }

    @Test
    void aLiveStreamAndAReconnectWhileEventsKeepArrivingHaveNoGapAndNoDuplicate() throws Exception {
        String suiteId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(accepted(suiteId, "demo", "demo", now));
        awaitStatus(VIEWER, suiteId, "accepted");

        List<SseClient.Event> seen = new ArrayList<>();
        SseClient first = SseClient.open("/api/suites/" + suiteId + "/events?api_key=" + VIEWER, null, null);
        assertThat(first.status).isEqualTo(200);
        seen.addAll(first.take(1, WAIT));
        publish(new SuiteStarted(suiteId, "demo", 1, now));
        publish(new PhaseStarted(suiteId, "demo", "run-1", "unit", 1, "w", 1, now));
        seen.addAll(first.take(2, WAIT));
        first.close();

        // while disconnected, and while reconnecting, events keep coming
        Thread producer = new Thread(() -> {
            for (int batch = 0; batch < 20; batch++) {
                publish(new PhaseLog(suiteId, "demo", "run-1", "unit", 1, batch, batch,
                        List.of(new PhaseLog.Line("stdout", "line " + batch)), now));
            }
            // the logs travel on another topic than SuiteCompleted: let them land first, so that all are in the
            // stream before it ends
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Integer.valueOf(20).equals(given().auth()
                    .oauth2(VIEWER).get("/api/suites/" + suiteId).path("logs.stored")));
            publish(new SuiteCompleted(suiteId, "demo", "passed", new SuiteTotals(1, 1, 0, 0, 0, 0, 0), 10, now));
        });
        producer.start();
        String last = seen.get(seen.size() - 1).id();
        try (SseClient second = SseClient.open("/api/suites/" + suiteId + "/events", VIEWER, last)) {
            List<SseClient.Event> rest = second.readToEnd(WAIT);
            seen.addAll(rest);
        }
        producer.join();

        // accepted, started, phase started, 20 logs, completed: 1..24, each once, in order
        assertThat(ids(seen)).isEqualTo(range(1, 24));
        assertThat(seen.get(seen.size() - 1).name()).isEqualTo("SuiteCompleted");
        assertThat(seen.stream().map(SseClient.Event::name).toList().subList(0, 3))
                .containsExactlyInAnyOrder("SuiteAccepted", "SuiteStarted", "PhaseStarted");
        List<String> lines = seen.stream().filter(e -> e.name().equals("PhaseLog"))
                .map(e -> e.json().getJsonObject("data").getJsonArray("lines").getJsonObject(0).getString("text"))
                .toList();
        assertThat(lines).hasSize(20).first().isEqualTo("line 0");
    }

    @Test
    void aQuietStreamGetsKeepAliveComments() {
        String suiteId = UUID.randomUUID().toString();
        publish(accepted(suiteId, "demo", "demo", Instant.now()));
        awaitStatus(VIEWER, suiteId, "accepted");
        try (SseClient sse = SseClient.open("/api/suites/" + suiteId + "/events", VIEWER, "1")) {
            // the test profile sends one after 2 s of silence (15 s by default)
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> sse.comments.contains("keep-alive"));
            assertThat(sse.ended()).isFalse();
        }
    }

    @Test
    void anotherTenantsSuiteStreamIsNotFoundAndAViewerCannotFollowTheTenant() {
        String suiteId = UUID.randomUUID().toString();
        publish(accepted(suiteId, "acme", "demo", Instant.now()));
        awaitStatus(SuiteApiTest.ACME, suiteId, "accepted");

        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId + "/events").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(VIEWER).when().get("/api/suites/nope-" + suiteId + "/events").then().statusCode(404);
        given().when().get("/api/suites/" + suiteId + "/events").then().statusCode(401);
        given().auth().oauth2(VIEWER).when().get("/api/events").then().statusCode(403);
        given().auth().oauth2(VIEWER).header("Last-Event-ID", "abc").when()
                .get("/api/suites/" + suiteId + "/events").then().statusCode(400);
    }

    @Test
    void theTenantStreamCarriesOnlyTheCallersTenant() {
        try (SseClient tenant = SseClient.open("/api/events", SuiteApiTest.OPERATOR, null)) {
            assertThat(tenant.status).isEqualTo(200);
            // acme's events first (and consumed), then demo's: the demo stream must show demo's only
            String acme = UUID.randomUUID().toString();
            publish(accepted(acme, "acme", "demo", Instant.now()));
            awaitStatus(SuiteApiTest.ACME, acme, "accepted");
            String demo = UUID.randomUUID().toString();
            Instant now = Instant.now();
            publish(accepted(demo, "demo", "demo", now));
            publish(new SuiteCompleted(demo, "demo", "passed", new SuiteTotals(0, 0, 0, 0, 0, 0, 0), 1, now));

            List<SseClient.Event> events = new ArrayList<>();
            while (events.isEmpty() || !(events.get(events.size() - 1).name().equals("SuiteCompleted")
                    && events.get(events.size() - 1).json().getString("suiteId").equals(demo))) {
                events.add(tenant.next(WAIT));
            }
            assertThat(events).allSatisfy(e -> assertThat(e.json().getString("suiteId")).isNotEqualTo(acme));
            assertThat(events.stream().filter(e -> e.json().getString("suiteId").equals(demo)).map(SseClient.Event::name))
                    .containsExactly("SuiteAccepted", "SuiteCompleted");
            List<Long> ids = ids(events);
            assertThat(ids).isSorted().doesNotHaveDuplicates();

            // reconnecting with the last global id replays from there
            try (SseClient again = SseClient.open("/api/events", SuiteApiTest.OPERATOR,
                    Long.toString(ids.get(0) - 1))) {
                List<SseClient.Event> replay = again.take(events.size(), WAIT);
                assertThat(ids(replay)).isEqualTo(ids);
            }
        }
    }

    @Test
    void aClientConnectingAfterAskingForARerunFollowsTheRerunAndTheTenantStreamCarriesIt() {
        String suiteId = RerunTest.finished("failed");
        List<SseClient.Event> first;
        try (SseClient sse = SseClient.open("/api/suites/" + suiteId + "/events", VIEWER, null)) {
            first = sse.readToEnd(WAIT);
        }
        String last = first.get(first.size() - 1).id();
        assertThat(first.get(first.size() - 1).name()).isEqualTo("SuiteCompleted");

        try (SseClient tenant = SseClient.open("/api/events", SuiteApiTest.OPERATOR, null)) {
            given().auth().oauth2(SuiteApiTest.OPERATOR).when().post("/api/suites/" + suiteId + "/rerun").then()
                    .statusCode(202);
            // the suite is still final until the planner's new revision arrives: the stream waits for it (no 204)
            try (SseClient sse = SseClient.open("/api/suites/" + suiteId + "/events", VIEWER, last)) {
                assertThat(sse.status).isEqualTo(200);
                Instant now = Instant.now();
                publish(PlanRevisionTest.plan(suiteId, 2, "rerun", List.of(PlanRevisionTest.phase("unit", 0,
                        List.of(PlanRevisionTest.shard(1, suiteId + "-r2"))))));
                publish(new SuiteStarted(suiteId, "demo", 2, now));
                publish(new SuiteCompleted(suiteId, "demo", "passed", new SuiteTotals(1, 1, 0, 0, 0, 0, 0), 5, now));
                List<SseClient.Event> rerun = sse.readToEnd(WAIT);
                assertThat(rerun).extracting(SseClient.Event::name).containsExactly("SuitePlanned", "SuiteStarted",
                        "SuiteCompleted");
                assertThat(ids(rerun)).isEqualTo(range(Long.parseLong(last) + 1, Long.parseLong(last) + 3));
                assertThat(rerun.get(0).json().getJsonObject("data").getInteger("planRevision")).isEqualTo(2);
                assertThat(rerun.get(0).json().getJsonObject("data").getString("cause")).isEqualTo("rerun");
            }
            List<SseClient.Event> seen = new ArrayList<>();
            while (seen.isEmpty() || !(seen.get(seen.size() - 1).name().equals("SuiteCompleted")
                    && seen.get(seen.size() - 1).json().getString("suiteId").equals(suiteId))) {
                seen.add(tenant.next(WAIT));
            }
            assertThat(seen.stream().filter(e -> e.json().getString("suiteId").equals(suiteId))
                    .map(SseClient.Event::name)).containsExactly("SuitePlanned", "SuiteStarted", "SuiteCompleted");
        }
        // the whole stream replays both revisions, numbered without a gap
        try (SseClient sse = SseClient.open("/api/suites/" + suiteId + "/events", VIEWER, null)) {
            List<SseClient.Event> all = sse.readToEnd(WAIT);
            assertThat(ids(all)).isEqualTo(range(1, first.size() + 3L));
        }
        try (SseClient sse = SseClient.open("/api/suites/" + suiteId + "/events", VIEWER,
                Long.toString(first.size() + 3L))) {
            assertThat(sse.status).isEqualTo(204);
        }
    }
}
