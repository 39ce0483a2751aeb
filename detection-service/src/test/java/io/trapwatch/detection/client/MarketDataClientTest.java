package io.trapwatch.detection.client;

import io.restassured.http.ContentType;
import io.trapwatch.detection.support.DetectionFixture;
import io.trapwatch.detection.support.MarketDataStub;
import io.trapwatch.detection.support.PlantedBars;
import io.trapwatch.detection.support.ServiceTest;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.model.SeriesKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The fault tolerance of the calls to market-data-service, against its API served over real HTTP by
 * {@link MarketDataStub} with planted failures: a 5xx is retried, a 4xx is not, and repeated failures open the circuit
 * breaker, after which calls fail at once with a message saying so and a scan reports that message (200, never 500).
 */
@ServiceTest
class MarketDataClientTest {

    @Inject
    MarketDataReader marketData;

    @AfterEach
    void answerNormallyAgain() {
        MarketDataStub.stopFailing();
    }

    @Test
    void aServerErrorIsRetriedAndTheReadSucceeds() {
        SeriesKey series = planted("RTY");
        MarketDataStub.failKlineRequests(1, 503);
        assertThat(marketData.between(series, null, null)).hasSize(10);
        assertThat(MarketDataStub.klineRequestsFor(series.symbol())).hasSize(2);
    }

    @Test
    void aRefusedRequestIsNotRetried() {
        SeriesKey series = planted("NRT");
        MarketDataStub.failKlineRequests(1, 400);
        assertThatThrownBy(() -> marketData.between(series, null, null)).isInstanceOf(MarketDataRejectedException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("failure planted by the test");
        assertThat(MarketDataStub.klineRequestsFor(series.symbol())).hasSize(1);
    }

    @Test
    void repeatedFailuresOpenTheCircuitBreakerAndAScanReportsItWithoutA500() {
        SeriesKey series = planted("CBO");
        MarketDataStub.failKlineRequests(Integer.MAX_VALUE, 503);
        // Each read that fails is one attempt and three retries, all answered 503; at the latest ten failed attempts in
        // a row (the third read) open the breaker, and from then on a read fails at once, without a request.
        String message = failure(series);
        for (int reads = 1; !message.contains("circuit breaker") && reads < 5; reads++) {
            assertThat(message).isEqualTo("market-data-service answered HTTP 503");
            message = failure(series);
        }
        assertThat(message).isEqualTo("market-data-service failed repeatedly; calls are held back by the circuit "
                + "breaker for a while");
        int requests = MarketDataStub.klineRequestsFor(series.symbol()).size();
        assertThat(failure(series)).contains("circuit breaker");
        assertThat(MarketDataStub.klineRequestsFor(series.symbol())).hasSize(requests);

        // A scan meanwhile: accepted, and its series reported as failed with the reason; the API answers 200.
        String id = given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("market_type", "spot", "interval", "1h", "symbols", List.of(series.symbol()), "dry_run", true))
                .post("/api/detection/scans").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !"running".equals(given().get("/api/detection/scans/" + id).then().statusCode(200).extract().path("status")));
        String error = given().get("/api/detection/scans/" + id).then().statusCode(200).body("status", equalTo("done"))
                .body("result.failed[0].symbol", equalTo(series.symbol())).extract().path("result.failed[0].error");
        // Held back by the breaker, or (should its wait have ended meanwhile) the 503 of the trial call.
        assertThat(error).isIn(message, "market-data-service answered HTTP 503");

        // market-data-service recovers: after the breaker's wait, trial reads succeed and close it again.
        MarketDataStub.stopFailing();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> marketData.between(series, null, null).size() == 10
                        && marketData.between(series, null, null).size() == 10);
    }

    private String failure(SeriesKey series) {
        try {
            marketData.between(series, null, null);
            return "read succeeded";
        } catch (MarketDataUnavailableException e) {
            return e.getMessage();
        }
    }

    private static SeriesKey planted(String prefix) {
        SeriesKey series = DetectionFixture.uniqueSpotSeries(prefix);
        MarketDataStub.plant(series, PlantedBars.bars().subList(0, 10));
        return series;
    }
}
