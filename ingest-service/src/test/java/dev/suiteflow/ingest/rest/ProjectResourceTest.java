package dev.suiteflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.Topics;
import dev.suiteflow.ingest.KafkaRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.core.json.JsonObject;

/** Registering manifests over REST: revisions, field errors, tenant scoping, and suites that carry them. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class ProjectResourceTest {

    private static ConsumerTask<String, String> lifecycle;

    @BeforeAll
    static void follow() {
        lifecycle = KafkaRecords.strings(Topics.SUITE_LIFECYCLE);
    }

    @AfterAll
    static void close() {
        lifecycle.close();
    }

    private static String manifest(String project, int revision, String command) {
        return """
                project: %s
                tenant: demo
                revision: %d
                workspace: {path: demo/project}
                phases:
                  unit:
                    command: %s
                    reports: ["target/surefire-reports/TEST-*.xml"]
                    subset: "-Dtest={tests}"
                """.formatted(project, revision, command);
    }

    private static io.restassured.response.ValidatableResponse put(String project, String body) {
        return given().header("X-Suiteflow-Tenant", "demo").contentType("application/yaml")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().put("/projects/" + project).then();
    }

    @Test
    void revisionsOnlyGoUpAndTheSameRevisionIsIdempotent() {
        String project = "p-" + UUID.randomUUID().toString().substring(0, 8);

        put(project, manifest(project, 1, "[mvn, test]")).statusCode(201).body("revision", equalTo(1));
        put(project, manifest(project, 1, "[mvn, test]")).statusCode(200);
        put(project, manifest(project, 1, "[mvn, verify]")).statusCode(409)
                .body("detail", containsString("use 2"));
        put(project, manifest(project, 2, "[mvn, verify]")).statusCode(201).body("revision", equalTo(2));
        put(project, manifest(project, 1, "[mvn, test]")).statusCode(409);

        given().header("X-Suiteflow-Tenant", "demo").when().get("/projects/" + project)
                .then().statusCode(200).body("revision", equalTo(2))
                .body("phases.unit.command", equalTo(List.of("mvn", "verify")))
                .body("phases.unit.timeoutSeconds", equalTo(600));
        given().header("X-Suiteflow-Tenant", "demo").when().get("/projects")
                .then().statusCode(200).body("project", hasItems(project, "demo"));
        given().header("X-Suiteflow-Tenant", "acme").when().get("/projects/" + project).then().statusCode(404);
    }

    @Test
    void aSuiteCarriesTheManifestRevisionItWasAcceptedWith() {
        String project = "p-" + UUID.randomUUID().toString().substring(0, 8);
        put(project, manifest(project, 7, "[mvn, test]")).statusCode(201);

        String suiteId = given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body("""
                        {"requestId": "r-%s", "project": "%s", "kinds": ["unit", "structure"]}"""
                        .formatted(UUID.randomUUID(), project))
                .when().post("/suites").then().statusCode(202).extract().path("suiteId");

        List<ConsumerRecord<String, String>> announced = KafkaRecords.await(lifecycle, 1,
                r -> suiteId.equals(r.key()));
        JsonObject manifest = new JsonObject(announced.get(0).value()).getJsonObject("data")
                .getJsonObject("manifest");
        assertThat(manifest.getInteger("revision")).isEqualTo(7);
        assertThat(manifest.getJsonObject("phases").getJsonObject("unit").getJsonArray("command").getList())
                .containsExactly("mvn", "test");
    }

    @Test
    void aBadManifestIsRefusedWithFieldErrors() {
        put("demo2", """
                project: demo2
                tenant: acme
                revision: 1
                workspace: {path: /srv/x}
                phases:
                  unit:
                    command: [mvn, test]
                    timeoutSecs: 10
                """).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("phases.unit.timeoutSecs"))
                .body("errors[0].message", containsString("timeoutSeconds"));

        put("demo2", """
                project: demo2
                tenant: acme
                revision: 1
                workspace: {path: /srv/x}
                phases:
                  unit:
                    command: [mvn, test]
                """).statusCode(400).body("errors.field", hasItems("tenant"));

        put("demo2", "project: a: b: c").statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString("not valid"));
        put("demo2", "").statusCode(400);
    }

    @Test
    void jsonIsAcceptedToo() {
        String project = "p-" + UUID.randomUUID().toString().substring(0, 8);

        given().header("X-Suiteflow-Tenant", "demo").contentType(ContentType.JSON)
                .body("""
                        {"project": "%s", "tenant": "demo", "revision": 1, "workspace": {"path": "x"},
                         "phases": {"smoke": {"command": ["./smoke.sh"]}}}""".formatted(project))
                .when().put("/projects/" + project).then().statusCode(201);
    }
}
