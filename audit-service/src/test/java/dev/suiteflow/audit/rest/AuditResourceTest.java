package dev.suiteflow.audit.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.suiteflow.audit.TestEvents;
import dev.suiteflow.audit.service.AuditService;
import dev.suiteflow.audit.service.HashChain;
import dev.suiteflow.audit.TrailEvent;
import dev.suiteflow.devstack.DevStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The REST reads: tenant scoping, problem bodies, paging. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class AuditResourceTest {

    @Inject
    AuditService audit;

    @Test
    void anotherTenantsSuiteIsNotFound() {
        String suite = seed(1);
        given().header("X-Suiteflow-Tenant", "globex").get("/audit/suites/{id}", suite).then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().header("X-Suiteflow-Tenant", "globex").get("/audit/suites/{id}/verify", suite).then().statusCode(404);
        given().header("X-Suiteflow-Tenant", "globex").get("/audit/suites/{id}/export", suite).then().statusCode(404);
        given().header("X-Suiteflow-Tenant", "acme").get("/audit/suites/{id}", suite).then().statusCode(200);
    }

    @Test
    void missingTenantHeaderIsAProblem() {
        given().get("/audit/suites/{id}", "whatever").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://suiteflow.dev/problems/validation"))
                .body("errors[0].field", equalTo("X-Suiteflow-Tenant"))
                .body("errors[0].message", equalTo("is required"));
    }

    @Test
    void pagesFollowSeqOrder() {
        String suite = seed(5);
        given().header("X-Suiteflow-Tenant", "acme").queryParam("limit", 2).get("/audit/suites/{id}", suite).then()
                .statusCode(200).body("entries.seq", contains(1, 2)).body("nextAfterSeq", equalTo(2));
        given().header("X-Suiteflow-Tenant", "acme").queryParam("limit", 2).queryParam("afterSeq", 4)
                .get("/audit/suites/{id}", suite).then()
                .statusCode(200).body("entries.seq", contains(5)).body("nextAfterSeq", nullValue());
        given().header("X-Suiteflow-Tenant", "acme").get("/audit/suites/{id}", suite).then()
                .statusCode(200).body("entries.seq", contains(1, 2, 3, 4, 5));
    }

    @Test
    void limitOutOfRangeIsAFieldError() {
        given().header("X-Suiteflow-Tenant", "acme").queryParam("limit", 1001).get("/audit/suites/{id}", "x").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("X-Suiteflow-Tenant", "acme").queryParam("afterSeq", "abc").get("/audit/suites/{id}", "x")
                .then().statusCode(400).body("errors[0].field", equalTo("afterSeq"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        seed(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("suiteflow_audit_entries_appended_total{type=\"suiteflow.PhaseLog.v1\"}"));
    }

    private String seed(int entries) {
        String suite = TestEvents.freshId("suite");
        for (int i = 1; i <= entries; i++) {
            audit.append(new TrailEvent(TestEvents.freshId("evt"), "suiteflow.PhaseLog.v1", "/suiteflow/tests", suite,
                    "phase-progress", 0, i, HashChain.truncate(java.time.Instant.now()), "acme", suite,
                    HashChain.canonicalJson("{\"n\":" + i + "}"))).await().atMost(Duration.ofSeconds(30));
        }
        return suite;
    }
}
