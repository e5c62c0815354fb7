package dev.suiteflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/** The suite API's keys, roles, tenant scoping and answers, with a stand-in for ingest. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class SuiteApiTest {

    static final String OPERATOR = "test-demo-operator";
    static final String VIEWER = "test-demo-viewer";
    static final String SUBMITTER = "test-demo-submitter";
    static final String ACME = "test-acme-operator";

    private static String request(String requestId) {
        return """
                {"requestId": "%s", "project": "demo", "kinds": ["unit"], "tenant": "acme"}""".formatted(requestId);
    }

    private static String submit(String key, String requestId) {
        return given().auth().oauth2(key).contentType(ContentType.JSON).body(request(requestId))
                .when().post("/api/suites")
                .then().statusCode(202)
                .extract().path("suiteId");
    }

    @Test
    void withoutAKeyTheAnswerIs401WithAChallenge() {
        given().contentType(ContentType.JSON).body(request("r-1"))
                .when().post("/api/suites")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        given().when().get("/api/suites/whatever").then().statusCode(401);
    }

    @Test
    void anUnknownKeyIs401() {
        given().auth().oauth2("no-such-key").when().get("/api/suites/whatever")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("X-Api-Key", "no-such-key").when().get("/api/suites/whatever").then().statusCode(401);
    }

    @Test
    void aViewerCannotSubmit() {
        given().auth().oauth2(VIEWER).contentType(ContentType.JSON).body(request("r-2"))
                .when().post("/api/suites")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aSubmitterGets202WithTheSuitesUrlsAndSeesItAtOnce() {
        String requestId = "ok-" + UUID.randomUUID();

        String suiteId = given().auth().oauth2(SUBMITTER).contentType(ContentType.JSON).body(request(requestId))
                .when().post("/api/suites")
                .then().statusCode(202)
                .header("Location", containsString("/api/suites/"))
                .body("requestId", equalTo(requestId))
                .body("status", equalTo("accepted"))
                .extract().path("suiteId");

        given().auth().oauth2(VIEWER).when().get("/api/suites/" + suiteId)
                .then().statusCode(200)
                .body("suiteId", equalTo(suiteId))
                .body("status", equalTo("accepted"))
                .body("project", equalTo("demo"))
                .body("requestedBy", equalTo("demo-submitter"))
                .body("url", equalTo("/api/suites/" + suiteId))
                .body("eventsUrl", equalTo("/api/suites/" + suiteId + "/events"));

        // ingest was asked on behalf of the key's tenant, whatever the body said, with the shared token
        FakeIngest.Call call = FakeIngest.CALLS.stream().filter(c -> c.body().contains(requestId)).findFirst()
                .orElseThrow();
        assertThat(call.tenant()).isEqualTo("demo");
        assertThat(call.token()).isEqualTo("test-internal-token");
        assertThat(new JsonObject(call.body()).getString("tenant")).isEqualTo("demo");
    }

    @Test
    void anotherTenantsSuiteIsNotFound() {
        String suiteId = submit(OPERATOR, "ok-" + UUID.randomUUID());

        given().auth().oauth2(ACME).when().get("/api/suites/" + suiteId)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", notNullValue());
        given().header("X-Api-Key", OPERATOR).when().get("/api/suites/" + suiteId).then().statusCode(200);
    }

    @Test
    void ingestsFieldErrorsComeBackAs400() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(request("bad-1"))
                .when().post("/api/suites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("project"))
                .body("errors[0].message", containsString("unknown project"));
    }

    @Test
    void anIngestFailureIs503WithRetryAfter() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(request("broken-1"))
                .when().post("/api/suites")
                .then().statusCode(503).header("Retry-After", notNullValue())
                .contentType("application/problem+json")
                .body("detail", containsString("retry"));
    }

    @Test
    void badInputIsA400Problem() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"requestId\": ")
                .when().post("/api/suites")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(OPERATOR).when().get("/api/suites/not a valid id!")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body("{\"requestId\": \"r\", \"project\": \"demo\", \"kinds\": [\"unit\"], \"requestedBy\": \""
                        + "x".repeat(300_000) + "\"}")
                .when().post("/api/suites")
                .then().statusCode(413);
    }

    @Test
    void healthMetricsAndOpenApiAnswerWithoutAKey() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/suites"));
    }
}
