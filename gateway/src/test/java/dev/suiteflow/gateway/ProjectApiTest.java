package dev.suiteflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Project registration and reads pass through to ingest on behalf of the caller's tenant. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class ProjectApiTest {

    private static String json(String project, int revision) {
        return """
                {"project": "%s", "tenant": "demo", "revision": %d,
                 "phases": {"unit": {"command": ["mvn", "-B", "test"]}}}""".formatted(project, revision);
    }

    @Test
    void anOperatorRegistersInJsonOrYamlAndIngestsAnswersPassThrough() {
        String project = "p-" + UUID.randomUUID().toString().substring(0, 8);

        given().auth().oauth2(SuiteApiTest.OPERATOR).contentType(ContentType.JSON).body(json(project, 1))
                .when().put("/api/projects/" + project)
                .then().statusCode(201).header("Location", endsWith("/api/projects/" + project))
                .body("project", equalTo(project)).body("revision", equalTo(1));
        FakeIngest.ProjectCall call = FakeIngest.PROJECT_CALLS.stream()
                .filter(c -> c.method().equals("PUT") && c.path().equals("/projects/" + project)).findFirst()
                .orElseThrow();
        assertThat(call.tenant()).isEqualTo("demo");
        assertThat(call.token()).isEqualTo("test-internal-token");
        assertThat(call.contentType()).startsWith("application/json");
        assertThat(call.body()).isEqualTo(json(project, 1));

        // the same revision again: 409
        given().auth().oauth2(SuiteApiTest.OPERATOR).contentType(ContentType.JSON).body(json(project, 1))
                .when().put("/api/projects/" + project)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("not higher"));

        // YAML, revision 2: 200, passed on as YAML
        String yaml = "project: " + project + "\ntenant: demo\nrevision: 2\nphases:\n  unit:\n    command: [mvn, test]\n";
        given().auth().oauth2(SuiteApiTest.OPERATOR).contentType("application/yaml")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().put("/api/projects/" + project)
                .then().statusCode(200).body("revision", equalTo(2));
        assertThat(FakeIngest.PROJECT_CALLS.stream().filter(c -> c.body().equals(yaml)).findFirst().orElseThrow()
                .contentType()).startsWith("application/yaml");

        given().auth().oauth2(SuiteApiTest.VIEWER).when().get("/api/projects/" + project)
                .then().statusCode(200).body("revision", equalTo(2));
        given().auth().oauth2(SuiteApiTest.VIEWER).when().get("/api/projects")
                .then().statusCode(200).body("project", hasItem(project));
        // another tenant's registry does not have it
        given().auth().oauth2(SuiteApiTest.ACME).when().get("/api/projects/" + project).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void ingestsFieldErrorsAre400AndBadRequestsAreRefusedHere() {
        given().auth().oauth2(SuiteApiTest.OPERATOR).contentType(ContentType.JSON)
                .body("{\"project\": \"x\", \"revision\": 1, \"phases\": {\"unit\": {\"command\": [\"bad-command\"]}}}")
                .when().put("/api/projects/x")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("phases.unit.command[0]"));
        given().auth().oauth2(SuiteApiTest.VIEWER).contentType(ContentType.JSON).body(json("y", 1))
                .when().put("/api/projects/y").then().statusCode(403);
        given().auth().oauth2(SuiteApiTest.OPERATOR).contentType(ContentType.TEXT)
                .body("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().put("/api/projects/y").then().statusCode(415);
        given().auth().oauth2(SuiteApiTest.OPERATOR).contentType(ContentType.JSON).body(json("Bad Name", 1))
                .when().put("/api/projects/Bad Name").then().statusCode(400);
        given().auth().oauth2(SuiteApiTest.OPERATOR).contentType(ContentType.JSON)
                .body("{\"description\": \"" + "x".repeat(300_000) + "\"}")
                .when().put("/api/projects/big").then().statusCode(413);
        given().auth().oauth2(SuiteApiTest.OPERATOR).contentType(ContentType.JSON).body("")
                .when().put("/api/projects/empty").then().statusCode(400);
    }
}
