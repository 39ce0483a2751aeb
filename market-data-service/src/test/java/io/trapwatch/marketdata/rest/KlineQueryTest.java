package io.trapwatch.marketdata.rest;

import io.trapwatch.infra.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.trapwatch.marketdata.support.BinanceStub;
import io.trapwatch.marketdata.support.Db;
import io.trapwatch.marketdata.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Reading stored bars back: ascending pages, inclusive bounds, exact decimals, 400/404 bodies. */
@ServiceTest
class KlineQueryTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void storeThe100LastClosedBtcBars() {
        Db.truncateAll(dataSource);
        BinanceStub.get().reset();
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=spot&exchange=binance").then().statusCode(200);
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=4h&symbols=BTCUSDT&backfill=100")
                .then().statusCode(200).body("bars_saved", equalTo(100));
    }

    @Test
    void pagesAreAscendingWithExactDecimals() {
        // first stored bar: 100 bars before the candle forming at 2021-07-01T00:00Z
        given().get("/api/market-data/klines?market_type=spot&symbol=BTCUSDT&interval=4h&limit=2").then().statusCode(200)
                .body("market_type", equalTo("spot")).body("symbol", equalTo("BTCUSDT")).body("interval", equalTo("4h"))
                .body("klines", hasSize(2))
                .body("klines.open_time", contains("2021-06-14T08:00:00Z", "2021-06-14T12:00:00Z"))
                .body("klines[0].close_time", equalTo("2021-06-14T11:59:59.999Z"))
                .body("klines[0].open", equalTo(recorded(0, 1))).body("klines[0].high", equalTo(recorded(0, 2)))
                .body("klines[0].low", equalTo(recorded(0, 3))).body("klines[0].close", equalTo(recorded(0, 4)))
                .body("klines[0].volume", equalTo(recorded(0, 5))).body("klines[0].quote_volume", equalTo("0"))
                .body("klines[0].trade_count", equalTo(0));
        given().get("/api/market-data/klines?market_type=spot&symbol=btcusdt&interval=4h").then().statusCode(200)
                .body("klines", hasSize(100)).body("klines[99].open_time", equalTo("2021-06-30T20:00:00Z"));
    }

    @Test
    void startAndEndAreInclusiveOnOpenTime() {
        given().queryParam("start", "2021-06-30T08:00:00Z").queryParam("end", "2021-06-30T16:00:00+00:00")
                .get("/api/market-data/klines?market_type=spot&symbol=BTCUSDT&interval=4h").then().statusCode(200)
                .body("klines.open_time", contains("2021-06-30T08:00:00Z", "2021-06-30T12:00:00Z", "2021-06-30T16:00:00Z"));
        // the same instant written with an offset
        given().queryParam("start", "2021-06-30T23:00:00+08:00").queryParam("limit", "1")
                .get("/api/market-data/klines?market_type=spot&symbol=BTCUSDT&interval=4h").then().statusCode(200)
                .body("klines.open_time", contains("2021-06-30T16:00:00Z"));
    }

    @Test
    void seriesListsStoredSymbols() {
        given().get("/api/market-data/series?market_type=spot&interval=4h").then().statusCode(200)
                .body("series", hasSize(1)).body("series[0].symbol", equalTo("BTCUSDT")).body("series[0].bars", equalTo(100))
                .body("series[0].first_open_time", equalTo("2021-06-14T08:00:00Z"))
                .body("series[0].last_open_time", equalTo("2021-06-30T20:00:00Z"));
        given().get("/api/market-data/series?market_type=futures&interval=4h").then().statusCode(200).body("series", hasSize(0));
    }

    @Test
    void unknownSymbolsAre404AndKnownOnesWithoutBarsAreEmpty() {
        given().get("/api/market-data/klines?market_type=spot&symbol=NOPEUSDT&interval=4h").then().statusCode(404)
                .body("error", containsString("NOPEUSDT"));
        given().get("/api/market-data/klines?market_type=spot&symbol=ETHUSDT&interval=4h").then().statusCode(200)
                .body("klines", hasSize(0));
        // market type is part of the key: BTCUSDT spot bars are not futures bars
        given().get("/api/market-data/klines?market_type=futures&symbol=BTCUSDT&interval=4h").then().statusCode(404);
    }

    @Test
    void invalidParametersAre400WithTheAllowedValues() {
        given().get("/api/market-data/klines?market_type=spot&symbol=BTCUSDT&interval=4h&limit=1001").then().statusCode(400)
                .body("parameter", equalTo("limit")).body("allowed", contains("an integer from 1 to 1000"))
                .body("received", equalTo("1001"));
        given().get("/api/market-data/klines?market_type=spot&symbol=BTCUSDT&interval=4h&start=yesterday").then().statusCode(400)
                .body("parameter", equalTo("start")).body("received", equalTo("yesterday"));
        given().get("/api/market-data/klines?market_type=spot&symbol=BTC/USDT&interval=4h").then().statusCode(400)
                .body("parameter", equalTo("symbol"));
        given().get("/api/market-data/klines?market_type=spot&interval=4h").then().statusCode(400)
                .body("error", equalTo("Invalid symbol parameter")).body("detail", startsWith("symbol is required"));
        given().get("/api/market-data/klines?market_type=SPOTS&symbol=BTCUSDT&interval=4h").then().statusCode(400)
                .body("parameter", equalTo("market_type")).body("allowed", contains("spot", "futures"));
        given().get("/api/market-data/series?market_type=spot&interval=1w").then().statusCode(400)
                .body("parameter", equalTo("interval"));
    }

    @Test
    void replayControlsAnswerConflictWhenTheSourceIsBinance() {
        given().get("/api/market-data/replay/clock").then().statusCode(409).body("source", equalTo("binance"));
        given().get("/replay/spot/api/v3/time").then().statusCode(404);
    }

    /** A field of the stored bar number {@code index} (0 = first stored) as recorded by Binance. */
    private static String recorded(int index, int field) {
        long open = java.time.Instant.parse("2021-06-14T08:00:00Z").toEpochMilli() + index * 4 * 3_600_000L;
        return BinanceStub.get().rows("spot", "BTCUSDT", "4h").stream().filter(r -> r.get(0).asLong() == open)
                .findFirst().orElseThrow().get(field).asText();
    }
}
