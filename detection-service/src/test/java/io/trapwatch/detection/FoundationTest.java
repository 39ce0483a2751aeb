package io.trapwatch.detection;

import io.trapwatch.detection.support.ServiceTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The service starts against the real database and broker and reports itself ready. */
@ServiceTest
class FoundationTest {

    @Test
    void readinessReflectsDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
