package io.trapwatch.monitorapi.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.monitorapi.support.MarketDataStubResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** What browsers are told: CORS for the configured origin only, and a strict CSP on the dashboard pages. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
class BrowserHeadersTest {

    @Test
    void corsAnswersTheConfiguredOriginAndNoOther() {
        Response allowed = given().header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "GET")
                .options("/api/volume-trap/statistics/");
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:8080");
        assertThat(allowed.header("Access-Control-Allow-Methods")).doesNotContain("POST");

        Response other = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/volume-trap/statistics/");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        // A write from another origin is refused by the CORS filter, whatever the token.
        given().header("Origin", "https://evil.example").auth().oauth2(TestTokens.OPERATOR).contentType("application/json")
                .body("{}").post("/api/volume-trap/sweeps").then().statusCode(403);
    }

    @Test
    void theDashboardsOwnWritesPassTheCorsFilter() {
        // Same origin as the page (the browser sends Origin on a POST): the sweeps page must reach the proxy.
        String self = "http://localhost:" + RestAssured.port;
        int status = given().header("Origin", self).auth().oauth2(TestTokens.OPERATOR).contentType("application/json")
                .body("{\"market_type\":\"nope\"}").post("/api/volume-trap/sweeps").then().extract().statusCode();
        assertThat(status).as("not refused by CORS or authorization").isNotIn(401, 403);
    }

    @Test
    void dashboardPagesForbidInlineScriptsAndFraming() {
        Response page = given().get("/dashboard/");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(given().get("/api/volume-trap/statistics/").header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
