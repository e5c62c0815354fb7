package dev.suiteflow.audit.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.audit.TestEvents;
import dev.suiteflow.audit.TrailEvent;
import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Real Kafka and PostgreSQL: records published on the topics end up chained in the suite's trail. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class AuditConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static TestEvents events;

    @BeforeAll
    static void producer() {
        events = new TestEvents();
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void eventsOfOneSuiteOnTwoTopicsAreChainedInOrder() throws Exception {
        String tenant = "acme";
        String suite = TestEvents.freshId("suite");
        String first = TestEvents.freshId("evt");
        String second = TestEvents.freshId("evt");
        events.send(Topics.SUITE_LIFECYCLE, suite, TestEvents.cloudEvent(first, EventTypes.SUITE_ACCEPTED, suite,
                Map.of("suiteId", suite, "tenant", tenant, "requestId", "r-1", "origin", "kafka")));
        awaitEntries(tenant, suite, 1);
        events.send(Topics.PHASE_REQUESTS, suite, TestEvents.cloudEvent(second, EventTypes.PHASE_REQUESTED, suite,
                Map.of("suiteId", suite, "tenant", tenant, "phase", "unit", "attempt", 1)));
        JsonPath page = awaitEntries(tenant, suite, 2);

        assertThat(page.getList("entries.seq", Integer.class)).containsExactly(1, 2);
        assertThat(page.getList("entries.eventId", String.class)).containsExactly(first, second);
        assertThat(page.getList("entries.topic", String.class)).containsExactly(Topics.SUITE_LIFECYCLE,
                Topics.PHASE_REQUESTS);
        assertThat(page.getString("entries[0].prevHash")).isEqualTo("0".repeat(64));
        assertThat(page.getString("entries[1].prevHash")).isEqualTo(page.getString("entries[0].hash"));
        assertThat(page.getString("entries[0].payload"))
                .isEqualTo("{\"origin\":\"kafka\",\"requestId\":\"r-1\",\"suiteId\":\"" + suite + "\",\"tenant\":\"acme\"}");

        JsonPath verify = given().header("X-Suiteflow-Tenant", tenant).get("/audit/suites/{id}/verify", suite)
                .then().statusCode(200).extract().jsonPath();
        assertThat(verify.getBoolean("valid")).isTrue();
        assertThat(verify.getInt("entries")).isEqualTo(2);
        assertThat(verify.getString("firstBrokenSeq")).isNull();

        String export = given().header("X-Suiteflow-Tenant", tenant).get("/audit/suites/{id}/export", suite)
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        assertThat(reverify(export)).as("the README's procedure, applied to the export").isEqualTo(2);
        // Kept for checking the README's script by hand: python3 verify.py target/audit-export-sample.ndjson
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "audit-export-sample.ndjson"), export);
    }

    @Test
    void redeliveredEventAppendsNothing() {
        String tenant = "acme";
        String suite = TestEvents.freshId("suite");
        String id = TestEvents.freshId("evt");
        String event = TestEvents.cloudEvent(id, EventTypes.SUITE_STARTED, suite, Map.of("suiteId", suite,
                "tenant", tenant));
        events.send(Topics.SUITE_LIFECYCLE, suite, event);
        events.send(Topics.SUITE_LIFECYCLE, suite, event);
        // Same key, same partition: once the marker is in, both copies before it have been consumed.
        String marker = TestEvents.freshId("evt");
        events.send(Topics.SUITE_LIFECYCLE, suite, TestEvents.cloudEvent(marker, EventTypes.SUITE_COMPLETED, suite,
                Map.of("suiteId", suite, "tenant", tenant)));
        JsonPath page = awaitEntries(tenant, suite, 2);
        assertThat(page.getList("entries.eventId", String.class)).containsExactly(id, marker);
    }

    @Test
    void garbageOnSuiteRequestsIsRecordedAndTheConsumerGoesOn() {
        String key = TestEvents.freshId("garbage");
        events.send(Topics.SUITE_REQUESTS, key, new byte[] { '{', 'n', 'o', 't', ' ', (byte) 0xff, 0 });
        // A valid request with the same key (same partition) published after the garbage.
        String requestId = key;
        events.send(Topics.SUITE_REQUESTS, key, TestEvents.cloudEvent(TestEvents.freshId("evt"),
                EventTypes.SUITE_REQUESTED, null, Map.of("requestId", requestId, "tenant", "acme", "project", "demo")));
        // And a bare request, as other systems may send it.
        String bare = TestEvents.freshId("bare");
        events.send(Topics.SUITE_REQUESTS, bare, "{\"requestId\":\"" + bare + "\",\"tenant\":\"acme\",\"project\":\"demo\"}");

        JsonPath undecodable = awaitEntries(TrailEvent.UNKNOWN_TENANT, key, 1);
        assertThat(undecodable.getString("entries[0].type")).isEqualTo(TrailEvent.UNDECODABLE);
        assertThat(undecodable.getString("entries[0].payload")).contains("\"rawBase64\":\"e25vdCD/AA==\"");
        JsonPath valid = awaitEntries("acme", requestId, 1);
        assertThat(valid.getString("entries[0].type")).isEqualTo(EventTypes.SUITE_REQUESTED);
        JsonPath bareEntry = awaitEntries("acme", bare, 1);
        assertThat(bareEntry.getString("entries[0].type")).isEqualTo(EventTypes.SUITE_REQUESTED);
        assertThat(bareEntry.getString("entries[0].eventId")).startsWith("record:suite-requests:");
    }

    private static JsonPath awaitEntries(String tenant, String suite, int count) {
        List<JsonPath> last = new ArrayList<>(1);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            var response = given().header("X-Suiteflow-Tenant", tenant).get("/audit/suites/{id}", suite);
            if (response.statusCode() != 200) {
                return false;
            }
            JsonPath page = response.jsonPath();
            last.clear();
            last.add(page);
            return page.getList("entries").size() >= count;
        });
        return last.get(0);
    }

    /** An outside verifier: the procedure of the README, written independently of HashChain. */
    private static int reverify(String ndjson) throws Exception {
        String prev = "0".repeat(64);
        int n = 0;
        for (String line : ndjson.split("\n")) {
            JsonNode e = MAPPER.readTree(line);
            n++;
            assertThat(e.get("seq").asLong()).isEqualTo(n);
            assertThat(e.get("prevHash").asText()).isEqualTo(prev);
            StringBuilder input = new StringBuilder();
            for (String field : new String[] { "suiteflow.audit.v1", prev, e.get("seq").asText(),
                    e.get("eventId").asText(), e.get("type").asText(), e.path("source").asText(""),
                    e.path("time").asText(""), e.get("tenant").asText(), e.get("suiteId").asText(),
                    e.get("payload").asText() }) {
                input.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
            }
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(input.toString().getBytes(StandardCharsets.UTF_8)));
            assertThat(e.get("hash").asText()).isEqualTo(hash);
            prev = hash;
        }
        return n;
    }
}
