package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.monitorapi.client.DetectionExchange;
import io.trapwatch.monitorapi.support.DetectionStub;
import io.trapwatch.monitorapi.support.DetectionStubResource;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sweeps proxy over real HTTP to a stand-in that answers like detection-service (another JVM cannot run in this
 * one): bodies, statuses and the token go through unchanged, detection's 400 reaches the caller as it was, and the
 * failure rules hold — 503 when it cannot be reached or is too slow, reads retried after a 5xx or a refused
 * connection but never a start, and the shared circuit breaker opening after repeated failures and closing again.
 */
@ServiceTest
class SweepProxyTest {

    private static final String SWEEPS = "/api/volume-trap/sweeps";
    private static final String GRID = "{\"market_type\":\"spot\",\"interval\":\"4h\",\"grid\":{\"rvol_threshold\":[6,8],"
            + "\"amplitude_threshold\":[2,3]},\"train_fraction\":0.7}";

    private final DetectionStub stub = DetectionStubResource.stub();

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    @AfterEach
    void healthyDetectionAndAClosedBreaker() {
        stub.up();
        stub.heal();
        breakers.resetAll();
    }

    @Test
    void startReadAndCancelGoThroughWithTheirBodiesStatusesAndTheToken() throws Exception {
        int before = stub.received().size();
        Response started = operator().contentType("application/json").body(GRID).post(SWEEPS);
        assertThat(started.statusCode()).isEqualTo(202);
        String id = started.jsonPath().getString("id");
        assertThat(started.jsonPath().getString("status")).isEqualTo("running");
        // Locations name this proxy, not detection-service (which the browser cannot reach).
        assertThat(started.header("Location")).isEqualTo(SWEEPS + "/" + id);
        assertThat(started.jsonPath().getString("location")).isEqualTo(SWEEPS + "/" + id);
        DetectionStub.Received post = stub.received().get(before);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/api/detection/sweeps");
        assertThat(post.authorization()).isEqualTo("Bearer " + TestTokens.OPERATOR);
        assertThat(Events.WIRE.readTree(post.body())).isEqualTo(Events.WIRE.readTree(GRID));

        // Reads are public (detection-service's are too) and pass the query on; the stand-in advances one step per read.
        Response first = given().get(SWEEPS + "/" + id + "?top=2");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.jsonPath().getString("status")).isEqualTo("running");
        assertThat(first.jsonPath().getInt("progress.series_read")).isEqualTo(4);
        assertThat(first.jsonPath().getInt("progress.combinations_total")).isEqualTo(4);
        DetectionStub.Received read = stub.received().get(stub.received().size() - 1);
        assertThat(read.path()).isEqualTo("/api/detection/sweeps/" + id);
        assertThat(read.query()).isEqualTo("top=2");
        assertThat(read.authorization()).isNull();
        JsonNode done = null;
        for (int i = 0; i < 5 && (done == null || !done.path("status").asText().equals("done")); i++) {
            done = Events.WIRE.readTree(given().get(SWEEPS + "/" + id + "?top=2").then().statusCode(200).extract().asString());
        }
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.path("progress").path("combinations_done").asInt()).isEqualTo(4);
        // Best first: combination 3 (rvol 8, amplitude 3) wins 4 × 4 % against 2 × −3 %: profit factor 16 / 6.
        assertThat(done.path("results")).hasSize(2);
        JsonNode best = done.path("results").get(0);
        assertThat(best.path("rank").asInt()).isEqualTo(1);
        assertThat(best.path("combination").asInt()).isEqualTo(3);
        assertThat(best.path("settings").path("rvol_threshold").asDouble()).isEqualTo(8.0);
        assertThat(best.path("settings").path("amplitude_threshold").asDouble()).isEqualTo(3.0);
        assertThat(best.path("statistics").path("invalidation_stop").path("profit_factor").decimalValue()).isEqualByComparingTo("2.67");
        assertThat(best.path("out_of_sample").path("invalidation_stop").path("profit_factor").decimalValue()).isEqualByComparingTo("1.00");

        String other = operator().contentType("application/json").body(GRID).post(SWEEPS).then().statusCode(202).extract().path("id");
        Response cancelled = operator().delete(SWEEPS + "/" + other);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.jsonPath().getString("status")).isEqualTo("cancelled");
        DetectionStub.Received delete = stub.received().get(stub.received().size() - 1);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.authorization()).isEqualTo("Bearer " + TestTokens.OPERATOR);
    }

    @Test
    void writesNeedTheOperatorTokenHereBeforeAnythingIsForwarded() {
        int before = stub.received().size();
        given().contentType("application/json").body(GRID).post(SWEEPS).then().statusCode(401);
        given().auth().oauth2(TestTokens.VIEWER).contentType("application/json").body(GRID).post(SWEEPS).then().statusCode(403);
        given().delete(SWEEPS + "/0d9f4f3c-5b4e-4c55-9d41-7f1f2b3c4d5e").then().statusCode(401);
        assertThat(stub.received()).hasSize(before);
    }

    @Test
    void detectionsRefusalsReachTheCallerUnchanged() throws Exception {
        Response unknownSetting = operator().contentType("application/json")
                .body("{\"grid\":{\"rvol_thresold\":[6,8]}}").post(SWEEPS);
        assertThat(unknownSetting.statusCode()).isEqualTo(400);
        assertThat(Events.WIRE.readTree(unknownSetting.asString())).isEqualTo(Events.WIRE.readTree(Events.json(Map.of(
                "error", "Invalid grid.rvol_thresold parameter", "parameter", "grid.rvol_thresold",
                "detail", "unknown setting rvol_thresold", "allowed", List.of(String.join(", ", DetectionStub.SETTINGS)),
                "received", "rvol_thresold"))));
        Response notNumbers = operator().contentType("application/json").body("{\"grid\":{\"rvol_threshold\":[6,\"eight\"]}}").post(SWEEPS);
        assertThat(notNumbers.statusCode()).isEqualTo(400);
        assertThat(notNumbers.jsonPath().getString("parameter")).isEqualTo("grid.rvol_threshold");
        assertThat(notNumbers.jsonPath().getString("received")).isEqualTo("eight");
        given().get(SWEEPS + "/not-a-sweep").then().statusCode(400);
        assertThat(given().get(SWEEPS + "/not-a-sweep").jsonPath().getString("parameter")).isEqualTo("id");
        Response unknown = given().get(SWEEPS + "/0d9f4f3c-5b4e-4c55-9d41-7f1f2b3c4d5e");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.jsonPath().getString("error")).isEqualTo("no sweep with id 0d9f4f3c-5b4e-4c55-9d41-7f1f2b3c4d5e");
        // None of these is a failure of detection-service: the breaker stays closed.
        assertThat(breakers.currentState(DetectionExchange.BREAKER)).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void unreachableOrTooSlowIs503AndNothingElse() {
        String id = started();
        stub.down();
        Response read = given().get(SWEEPS + "/" + id);
        assertThat(read.statusCode()).isEqualTo(503);
        assertThat(read.contentType()).startsWith("application/json");
        assertThat(read.jsonPath().getString("error")).isEqualTo("detection unavailable");
        assertThat(read.jsonPath().getString("detail")).startsWith("detection-service cannot be reached");
        assertThat(read.header("Retry-After")).isEqualTo("1");
        breakers.resetAll();
        Response start = operator().contentType("application/json").body(GRID).post(SWEEPS);
        assertThat(start.statusCode()).isEqualTo(503);
        assertThat(start.jsonPath().getString("error")).isEqualTo("detection unavailable");
        stub.up();
        breakers.resetAll();

        // A read timeout is no connection failure: answered 503 after one attempt, not retried.
        int before = stub.received().size();
        stub.slowNext(1, 3500);
        Response slow = given().get(SWEEPS + "/" + id);
        assertThat(slow.statusCode()).isEqualTo(503);
        assertThat(slow.jsonPath().getString("detail")).startsWith("detection-service did not answer");
        assertThat(stub.received().subList(before, stub.received().size())).hasSize(1);
    }

    @Test
    void readsAreRetriedAfterA5xxButAStartNeverIs() {
        String id = started();
        int before = stub.received().size();
        stub.failNext(1, 503);
        Response read = given().get(SWEEPS + "/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.jsonPath().getString("id")).isEqualTo(id);
        assertThat(stub.received().subList(before, stub.received().size())).extracting(DetectionStub.Received::method)
                .containsExactly("GET", "GET");

        // Three 500s in a row: the read gives up after its two retries with a 502.
        breakers.resetAll();
        before = stub.received().size();
        stub.failNext(3, 500);
        Response failed = given().get(SWEEPS + "/" + id);
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.jsonPath().getString("error")).isEqualTo("detection answered badly");
        assertThat(failed.jsonPath().getString("detail")).startsWith("detection-service answered HTTP 500");
        assertThat(stub.received()).hasSize(before + 3);

        // A start answered 503 is not repeated: a second start could run the same sweep twice.
        breakers.resetAll();
        before = stub.received().size();
        stub.failNext(1, 503);
        Response start = operator().contentType("application/json").body(GRID).post(SWEEPS);
        assertThat(start.statusCode()).isEqualTo(502);
        assertThat(stub.received()).hasSize(before + 1);

        // DELETE is idempotent: retried like a read.
        breakers.resetAll();
        before = stub.received().size();
        stub.failNext(1, 502);
        assertThat(operator().delete(SWEEPS + "/" + id).statusCode()).isEqualTo(200);
        assertThat(stub.received().subList(before, stub.received().size())).extracting(DetectionStub.Received::method)
                .containsExactly("DELETE", "DELETE");
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAnswersAtOnceAndClosesWhenDetectionRecovers() {
        String id = started();
        stub.failAll(500);
        // 3 failed attempts, then a 4th: half of the last 4 failed, the breaker opens and the retry is refused by it.
        assertThat(given().get(SWEEPS + "/" + id).statusCode()).isEqualTo(502);
        Response opened = given().get(SWEEPS + "/" + id);
        assertThat(opened.statusCode()).isEqualTo(503);
        assertThat(breakers.currentState(DetectionExchange.BREAKER)).isEqualTo(CircuitBreakerState.OPEN);
        // While open nothing reaches detection-service, for any of the three calls.
        int before = stub.received().size();
        Response refused = given().get(SWEEPS + "/" + id);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.jsonPath().getString("detail")).startsWith("recent calls to detection-service failed");
        assertThat(refused.header("Retry-After")).isEqualTo(String.valueOf(DetectionExchange.BREAKER_DELAY_MS / 1000));
        assertThat(operator().contentType("application/json").body(GRID).post(SWEEPS).statusCode()).isEqualTo(503);
        assertThat(stub.received()).hasSize(before);

        // Recovered: after the breaker's delay one trial call goes through, succeeds, and the breaker closes.
        stub.heal();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get(SWEEPS + "/" + id).statusCode() == 200);
        assertThat(breakers.currentState(DetectionExchange.BREAKER)).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void theProxyIsDocumentedWithEveryAnswerItGives() {
        io.restassured.path.json.JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertThat(doc.getMap("paths.'/api/volume-trap/sweeps'.post.responses"))
                .containsOnlyKeys("202", "400", "401", "403", "502", "503");
        assertThat(doc.getMap("paths.'/api/volume-trap/sweeps/{id}'.get.responses"))
                .containsOnlyKeys("200", "400", "404", "502", "503");
        assertThat(doc.getMap("paths.'/api/volume-trap/sweeps/{id}'.delete.responses"))
                .containsOnlyKeys("200", "400", "401", "403", "404", "502", "503");
        assertThat(doc.getList("paths.'/api/volume-trap/sweeps/{id}'.get.parameters.name")).containsExactlyInAnyOrder("id", "top");
    }

    private static String started() {
        return operator().contentType("application/json").body(GRID).post(SWEEPS).then().statusCode(202).extract().path("id");
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().auth().oauth2(TestTokens.OPERATOR);
    }
}
