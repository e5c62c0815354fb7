package dev.suiteflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.EventTypes;
import dev.suiteflow.events.Topics;
import dev.suiteflow.ingest.KafkaRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.core.json.JsonObject;

/** POST /suites against the real database and broker: answers, field errors, limits, the outbox. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class SuiteResourceTest {

    private static ConsumerTask<String, String> lifecycle;

    @BeforeAll
    static void follow() {
        lifecycle = KafkaRecords.strings(Topics.SUITE_LIFECYCLE);
    }

    @AfterAll
    static void close() {
        lifecycle.close();
    }

    private static String body(String requestId, String extra) {
        return """
                {"requestId": "%s", "project": "demo", "kinds": ["unit", "e2e"]%s}""".formatted(requestId, extra);
    }

    @Test
    void aValidRequestIsAcceptedOnceAndAnnouncedAfterItsCommit() {
        String requestId = "rest-" + UUID.randomUUID();

        String suiteId = given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body(body(requestId, ", \"priority\": \"high\""))
                .when().post("/suites")
                .then().statusCode(202)
                .body("requestId", equalTo(requestId)).body("status", equalTo("accepted"))
                .body("duplicate", equalTo(false))
                .extract().path("suiteId");

        // the same request id again: the same suite, nothing new announced
        given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON).body(body(requestId, ""))
                .when().post("/suites")
                .then().statusCode(202).body("suiteId", equalTo(suiteId)).body("duplicate", equalTo(true));

        List<ConsumerRecord<String, String>> announced = KafkaRecords.await(lifecycle, 1,
                r -> suiteId.equals(r.key()) && r.value().contains(EventTypes.SUITE_ACCEPTED));
        JsonObject event = new JsonObject(announced.get(0).value());
        assertThat(event.getString("type")).isEqualTo(EventTypes.SUITE_ACCEPTED);
        assertThat(event.getString("specversion")).isEqualTo("1.0");
        assertThat(event.getString("subject")).isEqualTo(suiteId);
        assertThat(event.getString("id")).isNotBlank();
        assertThat(event.getString("source")).isNotBlank();
        assertThat(event.getString("time")).isNotBlank();
        JsonObject data = event.getJsonObject("data");
        assertThat(data.getString("tenant")).isEqualTo("demo");
        assertThat(data.getString("requestId")).isEqualTo(requestId);
        assertThat(data.getString("origin")).isEqualTo("rest");
        assertThat(data.getJsonObject("request").getString("priority")).isEqualTo("high");

        // a second announcement for the duplicate never comes: wait for a later suite's event, then count
        String later = given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body(body("rest-" + UUID.randomUUID(), "")).when().post("/suites")
                .then().statusCode(202).extract().path("suiteId");
        KafkaRecords.await(lifecycle, 1, r -> later.equals(r.key()));
        // (a planner running on the same broker may add its own events for the suite: count SuiteAccepted only)
        assertThat(lifecycle.getRecords().stream().filter(r -> suiteId.equals(r.key()))
                .filter(r -> r.value().contains("\"type\":\"" + EventTypes.SUITE_ACCEPTED + "\""))).hasSize(1);
    }

    @Test
    void theTenantComesFromTheHeaderNotTheBody() {
        String requestId = "rest-" + UUID.randomUUID();

        String suiteId = given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body("""
                        {"requestId": "%s", "tenant": "acme", "project": "demo", "kinds": ["unit"]}"""
                        .formatted(requestId))
                .when().post("/suites")
                .then().statusCode(202).extract().path("suiteId");

        List<ConsumerRecord<String, String>> announced = KafkaRecords.await(lifecycle, 1,
                r -> suiteId.equals(r.key()));
        assertThat(new JsonObject(announced.get(0).value()).getJsonObject("data").getString("tenant"))
                .isEqualTo("demo");
    }

    @Test
    void anotherTenantsProjectIsUnknown() {
        given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body("""
                        {"requestId": "r-1", "project": "shop", "kinds": ["unit"]}""")
                .when().post("/suites")
                .then().statusCode(400)
                .body("errors.field", hasItems("project"))
                .body("errors[0].message", containsString("unknown project 'shop'"));

        given().header("X-Suiteflow-Tenant", "acme").contentType(ContentType.JSON)
                .body("""
                        {"requestId": "r-%s", "project": "shop", "kinds": ["smoke"]}""".formatted(UUID.randomUUID()))
                .when().post("/suites")
                .then().statusCode(202);
    }

    @Test
    void badFieldsGiveAProblemWithEveryFieldError() {
        given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body("""
                        {"project": "demo", "kinds": ["unit", "fuzz"], "priority": "asap",
                         "tests": {"unit": ["FooTest; rm -rf /"]}}""")
                .when().post("/suites")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", not(containsString("Exception")))
                .body("errors.field", hasItems("requestId", "kinds[1]", "priority", "tests.unit[0]"));
    }

    @Test
    void malformedJsonIsA400NotA500() {
        given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body("{\"requestId\": \"r-1\", \"project\": ")
                .when().post("/suites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", not(containsString("at [Source")));

        given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body("{\"requestId\": \"r-1\", \"project\": \"demo\", \"kinds\": \"unit\"}")
                .when().post("/suites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("kinds"));
    }

    @Test
    void aMissingTenantHeaderIsAFieldError() {
        given().contentType(ContentType.JSON).body(body("r-2", ""))
                .when().post("/suites")
                .then().statusCode(400).body("errors.field", hasItems("X-Suiteflow-Tenant"));
    }

    @Test
    void anOversizeBodyIsRefusedWith413() {
        String huge = body("r-3", ", \"requestedBy\": \"" + "x".repeat(300_000) + "\"");

        given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON).body(huge)
                .when().post("/suites")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void healthAndMetricsAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/suites"));
    }

    @Test
    void anApprovalTimeoutUnderTheConfiguredMinimumIsAFieldError() {
        // the test profile keeps the default minimum, 60 s
        given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body(body("rest-" + UUID.randomUUID(), ", \"approval\": {\"required\": true, \"timeoutSeconds\": 59}"))
                .when().post("/suites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("approval.timeoutSeconds"))
                .body("errors[0].message", containsString("between 60 and"));
        given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body(body("rest-" + UUID.randomUUID(), ", \"approval\": {\"required\": true, \"timeoutSeconds\": 60}"))
                .when().post("/suites")
                .then().statusCode(202);
    }
}
