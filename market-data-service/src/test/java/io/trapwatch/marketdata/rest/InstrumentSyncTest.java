package io.trapwatch.marketdata.rest;

import io.trapwatch.infra.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.restassured.response.ValidatableResponse;
import io.trapwatch.marketdata.support.BinanceStub;
import io.trapwatch.marketdata.support.BinanceStub.Fault;
import io.trapwatch.marketdata.support.Db;
import io.trapwatch.marketdata.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@ServiceTest
class InstrumentSyncTest {

    @Inject
    AgroalDataSource dataSource;

    private final BinanceStub stub = BinanceStub.get();

    @BeforeEach
    void clean() {
        Db.truncateAll(dataSource);
        stub.reset();
    }

    @Test
    void syncStoresTheSpotUniverseAndIsStableOnRepeat() {
        sync("spot").statusCode(200)
                .body("market_type", equalTo("spot")).body("created", equalTo(55)).body("updated", equalTo(0))
                .body("delisted", equalTo(0)).body("active", equalTo(55));
        given().get("/api/market-data/instruments?market_type=spot").then().statusCode(200)
                .body("count", equalTo(55)).body("instruments.size()", equalTo(55))
                .body("instruments.find { it.symbol == 'BTCUSDT' }.base_asset", equalTo("BTC"))
                .body("instruments.find { it.symbol == 'BTCUSDT' }.quote_asset", equalTo("USDT"))
                .body("instruments.find { it.symbol == 'BTCUSDT' }.status", equalTo("active"))
                .body("instruments.find { it.symbol == 'BTCUSDT' }.last_price", equalTo("35000.01000000"))
                .body("instruments.find { it.symbol == 'ETHBTC' }", nullValue());
        sync("spot").statusCode(200).body("created", equalTo(0)).body("updated", equalTo(55))
                .body("reactivated", equalTo(0)).body("delisted", equalTo(0)).body("active", equalTo(55));
    }

    @Test
    void syncStoresTheFuturesUniverseSeparately() {
        sync("futures").statusCode(200).body("created", equalTo(74)).body("active", equalTo(74));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.instrument WHERE market_type = 'spot'")).isZero();
        given().get("/api/market-data/instruments?market_type=futures&status=active").then().body("count", equalTo(74));
    }

    @Test
    void vanishedOrHaltedInstrumentsAreDelistedOnceAndReactivatedWhenBack() throws Exception {
        sync("spot").statusCode(200);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(BinanceStub.resource("/binance/spot/exchangeInfo.json"));
        for (JsonNode entry : root.get("symbols")) {
            switch (entry.get("symbol").asText()) {
                case "ETHUSDT" -> ((ObjectNode) entry).put("symbol", "ETHUSDT_GONE");
                case "BNBUSDT" -> ((ObjectNode) entry).put("status", "BREAK");
                default -> { }
            }
        }
        stub.exchangeInfo("spot", root.toString());
        // ETHUSDT_GONE is a new listing for the exchange, so it is created: 53 seen again + 1 new.
        sync("spot").statusCode(200).body("created", equalTo(1)).body("updated", equalTo(53))
                .body("delisted", equalTo(2)).body("active", equalTo(54));
        given().get("/api/market-data/instruments?market_type=spot&status=delisted").then()
                .body("count", equalTo(2)).body("instruments.symbol", contains("BNBUSDT", "ETHUSDT"));
        // Already delisted instruments are not counted again (W-28).
        sync("spot").statusCode(200).body("delisted", equalTo(0)).body("active", equalTo(54));
        stub.reset();
        sync("spot").statusCode(200).body("created", equalTo(0)).body("updated", equalTo(55))
                .body("reactivated", equalTo(2)).body("delisted", equalTo(1)).body("active", equalTo(55));
        given().get("/api/market-data/instruments?market_type=spot&status=delisted").then()
                .body("instruments.symbol", contains("ETHUSDT_GONE"));
    }

    @Test
    void failedEmptyOrMalformedAnswersChangeNothing() {
        sync("spot").statusCode(200);

        stub.fault("spot", "exchangeInfo", null, Fault.status(500, Map.of()), Fault.status(502, Map.of()), Fault.status(503, Map.of()));
        sync("spot").statusCode(502).body("error", containsString("HTTP 503 (gave up after 3 attempts)"));
        assertThat(stub.requests("spot", "exchangeInfo")).hasSize(4);

        stub.exchangeInfo("spot", "{\"timezone\":\"UTC\",\"symbols\":[]}");
        sync("spot").statusCode(502).body("error", containsString("lists no tradable USDT instrument"));

        String recorded = BinanceStub.resource("/binance/spot/exchangeInfo.json");
        stub.exchangeInfo("spot", recorded.substring(0, recorded.length() / 3));
        sync("spot").statusCode(502).body("error", containsString("not valid JSON"));

        stub.exchangeInfo("spot", recorded);
        stub.fault("spot", "exchangeInfo", null, Fault.delay(2500), Fault.delay(2500), Fault.delay(2500));
        sync("spot").statusCode(502).body("error", containsString("no answer"));

        assertThat(activeSpot()).isEqualTo(55);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.instrument WHERE status = 'delisted'")).isZero();
    }

    @Test
    void http429IsRetriedAfterRetryAfter() {
        stub.fault("spot", "exchangeInfo", null, Fault.status(429, Map.of("Retry-After", "1")));
        long started = System.nanoTime();
        sync("spot").statusCode(200).body("created", equalTo(55));
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1000);
        assertThat(stub.requests("spot", "exchangeInfo")).hasSize(2);
    }

    @Test
    void http418StopsCallingThatMarketOnly() throws Exception {
        stub.fault("spot", "exchangeInfo", null, Fault.status(418, Map.of("Retry-After", "2")));
        sync("spot").statusCode(503).body("error", containsString("HTTP 418")).body("banned_until", org.hamcrest.Matchers.notNullValue());
        sync("spot").statusCode(503);
        assertThat(stub.requests("spot", "exchangeInfo")).hasSize(1);
        sync("futures").statusCode(200).body("created", equalTo(74));
        Thread.sleep(2100);
        sync("spot").statusCode(200).body("created", equalTo(55));
        assertThat(activeSpot()).isEqualTo(55);
    }

    @Test
    void invalidParametersAreRejectedWithTheAllowedValues() {
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=margin&exchange=binance").then().statusCode(400)
                .body("error", equalTo("Invalid market_type parameter")).body("parameter", equalTo("market_type"))
                .body("allowed", contains("spot", "futures")).body("received", equalTo("margin"));
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=spot&exchange=bybit").then().statusCode(400)
                .body("parameter", equalTo("exchange")).body("allowed", contains("binance")).body("received", equalTo("bybit"));
        given().get("/api/market-data/instruments").then().statusCode(400)
                .body("error", equalTo("Invalid market_type parameter"))
                .body("detail", equalTo("market_type is required and must be one of: [spot, futures]")).body("received", nullValue());
        given().get("/api/market-data/instruments?market_type=spot&status=gone").then().statusCode(400)
                .body("parameter", equalTo("status")).body("allowed", contains("active", "delisted"));
        assertThat(stub.requests("spot", "exchangeInfo")).isEmpty();
    }

    private long activeSpot() {
        return Db.count(dataSource, "SELECT count(*) FROM market_data.instrument WHERE market_type = 'spot' AND status = 'active'");
    }

    private static ValidatableResponse sync(String market) {
        return given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=" + market + "&exchange=binance").then();
    }
}
