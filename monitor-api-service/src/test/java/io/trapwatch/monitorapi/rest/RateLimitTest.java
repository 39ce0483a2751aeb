package io.trapwatch.monitorapi.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.monitorapi.support.MarketDataStubResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The public API's per-client budget: a burst of 5, then one request per 100 s (this profile's values). */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBudget.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
class RateLimitTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trapwatch.rate-limit.burst", "5", "trapwatch.rate-limit.requests-per-second", "0.01");
        }
    }

    @Test
    void aClientBeyondItsBudgetGets429WithRetryAfterWhileHealthAndMetricsStayOpen() {
        for (int i = 0; i < 5; i++) {
            given().get("/api/volume-trap/statistics/").then().statusCode(200);
        }
        Response refused = given().get("/api/volume-trap/monitors/");
        refused.then().statusCode(429).contentType("application/json").body("error", equalTo("too many requests"));
        // 0.01 requests per second: the next token is 100 s after the burst, less what has refilled since.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(90, 100);
        // Not limited: health checks, metrics and the OpenAPI document.
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
