package dev.suiteflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.Topics;

/**
 * The first slice across all five services as processes, on the real broker and database: a suite submitted
 * over REST or over the topic is accepted by ingest, shown by the gateway and chained into the audit trail.
 */
class FirstSliceIT {

    private static Platform platform;
    private static Platform.Follower lifecycle;

    @BeforeAll
    static void start() {
        platform = Platform.start();
        lifecycle = platform.follow(Topics.SUITE_LIFECYCLE);
    }

    @AfterAll
    static void stop() {
        if (lifecycle != null) {
            lifecycle.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** Waits until the gateway shows the suite accepted (or already further: planned, running, finished). */
    private static Platform.Answer awaitSuite(String suiteId) {
        java.util.Set<String> seen = java.util.Set.of("accepted", "planned", "running", "passed", "failed",
                "errored");
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> platform.get(Platform.GATEWAY + "/api/suites/" + suiteId, Platform.operator()),
                        a -> a.status() == 200 && seen.contains(a.body().path("status").asText())
                                && a.body().hasNonNull("origin"));
    }

    private static JsonNode awaitAudit(String suiteId, String type) {
        Map<String, String> tenant = Map.of("X-Suiteflow-Tenant", "demo");
        Platform.Answer trail = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> platform.get(Platform.AUDIT + "/audit/suites/" + suiteId, tenant),
                        a -> a.status() == 200 && a.body().path("entries").findValuesAsText("type").contains(type));
        Platform.Answer verify = platform.get(Platform.AUDIT + "/audit/suites/" + suiteId + "/verify", tenant);
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.body().path("valid").asBoolean()).as(verify.body().toString()).isTrue();
        return trail.body();
    }

    @Test
    void aSuiteSubmittedOverRestIsAcceptedShownAndAudited() {
        String requestId = "it-rest-" + UUID.randomUUID();

        Platform.Answer submitted = platform.post(Platform.GATEWAY + "/api/suites", Platform.operator(), """
                {"requestId": "%s", "project": "demo", "kinds": ["structure"], "priority": "high"}"""
                .formatted(requestId));

        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String suiteId = submitted.body().path("suiteId").asText();
        assertThat(submitted.body().path("url").asText()).isEqualTo("/api/suites/" + suiteId);
        assertThat(submitted.body().path("eventsUrl").asText()).isEqualTo("/api/suites/" + suiteId + "/events");
        assertThat(submitted.raw().headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/suites/" + suiteId));

        JsonNode suite = awaitSuite(suiteId).body();
        assertThat(suite.path("origin").asText()).isEqualTo("rest");
        assertThat(suite.path("priority").asText()).isEqualTo("high");

        List<JsonNode> announced = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> lifecycle.withData("suiteId", suiteId), l -> !l.isEmpty());
        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).path("type").asText()).isEqualTo(EventTypes.SUITE_ACCEPTED);

        JsonNode trail = awaitAudit(suiteId, EventTypes.SUITE_ACCEPTED);
        assertThat(trail.path("entries").get(0).path("seq").asInt()).isEqualTo(1);

        // the same request id again: the same suite
        Platform.Answer again = platform.post(Platform.GATEWAY + "/api/suites", Platform.operator(), """
                {"requestId": "%s", "project": "demo", "kinds": ["structure"]}""".formatted(requestId));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().path("suiteId").asText()).isEqualTo(suiteId);
    }

    @Test
    void aSuiteRequestedOnTheTopicIsAnsweredByRequestIdShownAndAudited() {
        String requestId = "it-topic-" + UUID.randomUUID();
        ObjectNode request = Platform.JSON.createObjectNode().put("requestId", requestId).put("tenant", "demo")
                .put("project", "demo").put("requestedBy", "another-system");
        request.putArray("kinds").add("structure");

        platform.publishCloudEvent(Topics.SUITE_REQUESTS, requestId, EventTypes.SUITE_REQUESTED, request);

        JsonNode answer = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> lifecycle.withData("requestId", requestId), l -> !l.isEmpty()).get(0);
        assertThat(answer.path("type").asText()).isEqualTo(EventTypes.SUITE_ACCEPTED);
        String suiteId = answer.path("data").path("suiteId").asText();

        JsonNode suite = awaitSuite(suiteId).body();
        assertThat(suite.path("origin").asText()).isEqualTo("kafka");
        assertThat(suite.path("requestedBy").asText()).isEqualTo("another-system");
        awaitAudit(suiteId, EventTypes.SUITE_ACCEPTED);
        // the request itself is in the trail of its request id
        awaitAudit(requestId, EventTypes.SUITE_REQUESTED);
    }

    @Test
    void anInvalidRequestOnTheTopicIsRejectedAndTheGatewayRefusesBadInput() {
        String requestId = "it-bad-" + UUID.randomUUID();
        ObjectNode request = Platform.JSON.createObjectNode().put("requestId", requestId).put("tenant", "demo")
                .put("project", "demo").put("priority", "whenever");
        request.putArray("kinds").add("unit");

        platform.publishCloudEvent(Topics.SUITE_REQUESTS, requestId, EventTypes.SUITE_REQUESTED, request);

        JsonNode answer = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> lifecycle.withData("requestId", requestId), l -> !l.isEmpty()).get(0);
        assertThat(answer.path("type").asText()).isEqualTo(EventTypes.SUITE_REJECTED);
        assertThat(answer.path("data").path("errors").findValuesAsText("field")).contains("priority");

        Platform.Answer refused = platform.post(Platform.GATEWAY + "/api/suites", Platform.operator(), """
                {"requestId": "x", "project": "nope", "kinds": ["unit", "fuzz"], "priority": "whenever"}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body().path("errors").findValuesAsText("field")).contains("project", "priority");
    }
}
