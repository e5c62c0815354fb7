package dev.suiteflow.gateway;

import static dev.suiteflow.gateway.TestEvents.accepted;
import static dev.suiteflow.gateway.TestEvents.awaitStatus;
import static dev.suiteflow.gateway.TestEvents.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.suiteflow.devstack.DevStackTestResource;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuiteTotals;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Listing suites: newest first, cursor pages, filters, and 400 for bad parameters. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeIngest.class, restrictToAnnotatedClass = false)
class SuiteListTest {

    @Test
    void pagesGoNewestFirstWithoutGapsOrDuplicatesAndFilter() {
        String project = "list-" + UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "s" + i + "-" + UUID.randomUUID();
            ids.add(id);
            publish(accepted(id, "demo", project, base.plusSeconds(i)));
        }
        publish(new SuiteCompleted(ids.get(1), "demo", "passed", new SuiteTotals(0, 0, 0, 0, 0, 0, 0), 1,
                Instant.now()));
        awaitStatus(SuiteApiTest.VIEWER, ids.get(1), "passed");
        for (String id : ids) {
            awaitStatus(SuiteApiTest.VIEWER, id, id.equals(ids.get(1)) ? "passed" : "accepted");
        }
        // one suite of the same project name in another tenant stays out
        String acme = UUID.randomUUID().toString();
        publish(accepted(acme, "acme", project, base.plusSeconds(10)));
        awaitStatus(SuiteApiTest.ACME, acme, "accepted");

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(SuiteApiTest.VIEWER).queryParam("project", project)
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/suites").then().statusCode(200).extract().response();
            listed.addAll(page.path("items.suiteId"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));

        given().auth().oauth2(SuiteApiTest.VIEWER).queryParam("project", project).queryParam("status", "passed")
                .when().get("/api/suites").then().statusCode(200).body("items.suiteId", contains(ids.get(1)))
                .body("nextCursor", nullValue());
        given().auth().oauth2(SuiteApiTest.VIEWER).queryParam("project", project)
                .queryParam("since", base.plusSeconds(3).toString())
                .when().get("/api/suites").then().statusCode(200)
                .body("items.suiteId", contains(ids.get(4), ids.get(3)));
    }

    @Test
    void badParametersAre400WithEveryFieldError() {
        given().auth().oauth2(SuiteApiTest.VIEWER).queryParam("limit", 0).queryParam("status", "bogus")
                .queryParam("since", "yesterday").queryParam("cursor", "!!not-a-cursor")
                .queryParam("project", "Not A Project")
                .when().get("/api/suites").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("limit", "status", "since", "cursor", "project"));
        given().auth().oauth2(SuiteApiTest.VIEWER).queryParam("limit", 201).when().get("/api/suites").then()
                .statusCode(400).body("errors.field", contains("limit"));
        given().auth().oauth2(SuiteApiTest.VIEWER).queryParam("limit", "ten").when().get("/api/suites").then()
                .statusCode(400);
        given().when().get("/api/suites").then().statusCode(401);
    }
}
