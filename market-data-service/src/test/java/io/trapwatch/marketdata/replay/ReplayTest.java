package io.trapwatch.marketdata.replay;

import io.trapwatch.infra.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.TestProfile;
import io.trapwatch.marketdata.support.BinanceStub;
import io.trapwatch.marketdata.support.Db;
import io.trapwatch.marketdata.support.KlineClosedTopic;
import io.trapwatch.marketdata.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Replay mode: the service serves the recorded data set as Binance would at the replay clock and ingests
 * it through its ordinary REST client; advancing the clock makes newly closed bars appear.
 */
@ServiceTest
@TestProfile(ReplayProfile.class)
class ReplayTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clean() {
        Db.truncateAll(dataSource);
        BinanceStub.get().reset();
    }

    @Test
    void replayIngestsWhatTheClockHasClosedAndMoreAfterEachAdvance() throws Exception {
        given().get("/api/market-data/replay/clock").then().statusCode(200).body("now", equalTo(ReplayProfile.START));

        // 55 recorded USDT pairs + XMRUSDT, which has kline files but no exchangeInfo entry (synthesized).
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=spot&exchange=binance").then().statusCode(200)
                .body("created", equalTo(56)).body("active", equalTo(56));
        // no futures exchangeInfo.json at all: both kline-file symbols are synthesized as TRADING USDT perpetuals
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=futures&exchange=binance").then().statusCode(200)
                .body("created", equalTo(2));
        given().get("/api/market-data/instruments?market_type=futures").then()
                .body("instruments.symbol", contains("BTCUSDT", "DOGEUSDT"));

        long start = Instant.parse(ReplayProfile.START).toEpochMilli();
        long visible = closedBefore("BTCUSDT", start) + closedBefore("ETHUSDT", start) + closedBefore("XMRUSDT", start);
        assertThat(visible).isEqualTo(3 * 699);
        try (KlineClosedTopic topic = new KlineClosedTopic()) {
            given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=4h&symbols=BTCUSDT,ETHUSDT,XMRUSDT&backfill=100000")
                    .then().statusCode(200).body("bars_saved", equalTo((int) visible))
                    .body("events_published", equalTo((int) visible)).body("failed", empty());
            assertThat(topic.read((int) visible, Duration.ofSeconds(60))).hasSize((int) visible);
            given().get("/api/market-data/klines?market_type=spot&symbol=BTCUSDT&interval=4h&start=2021-06-30T00:00:00Z").then()
                    .body("klines.open_time", contains("2021-06-30T00:00:00Z", "2021-06-30T04:00:00Z", "2021-06-30T08:00:00Z",
                            "2021-06-30T12:00:00Z", "2021-06-30T16:00:00Z", "2021-06-30T20:00:00Z"));

            given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/replay/advance?bars=3&interval=4h").then().statusCode(200)
                    .body("now", equalTo("2021-07-01T14:00:00Z"));
            given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=4h&symbols=BTCUSDT,ETHUSDT,XMRUSDT")
                    .then().statusCode(200).body("bars_saved", equalTo(9)).body("events_published", equalTo(9));
            given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=4h&symbols=BTCUSDT,ETHUSDT,XMRUSDT")
                    .then().statusCode(200).body("bars_saved", equalTo(0)).body("events_published", equalTo(0));
            assertThat(topic.read(9, Duration.ofSeconds(30))).hasSize(9);
        }
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline WHERE close_time >= '2021-07-01T14:00:00Z'")).isZero();

        // Listed pairs without a recorded file answer an empty page, as a quiet market would: no bars, no failure.
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=4h&symbols=BNBUSDT,LTCUSDT").then()
                .statusCode(200).body("bars_saved", equalTo(0)).body("failed", empty());
        given().get("/replay/spot/api/v3/klines?symbol=NOSUCHUSDT&interval=4h").then().statusCode(400).body("code", equalTo(-1121));

        // The recorded futures data is from 2023: nothing of it exists yet at the replay clock.
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=futures&interval=4h").then().statusCode(200)
                .body("instruments", equalTo(2)).body("bars_saved", equalTo(0)).body("failed", empty());
    }

    @Test
    void replayEndpointsAnswerLikeBinanceAtTheReplayClock() throws Exception {
        String now = given().get("/api/market-data/replay/clock").then().extract().path("now");
        long clock = Instant.parse(now).toEpochMilli();
        given().get("/replay/spot/api/v3/time").then().statusCode(200).body("serverTime", equalTo(clock));
        String body = given().get("/replay/spot/api/v3/klines?symbol=BTCUSDT&interval=4h&limit=2").then().statusCode(200)
                .extract().asString();
        JsonNode rows = MAPPER.readTree(body);
        assertThat(rows).hasSize(2);
        long lastClosedOpen = Math.floorDiv(clock, 4 * 3_600_000L) * 4 * 3_600_000L - 4 * 3_600_000L;
        assertThat(rows.get(1).get(0).asLong()).isEqualTo(lastClosedOpen);
        assertThat(rows.get(1).get(6).asLong()).isLessThan(clock);
        assertThat(rows.get(1).get(1).isTextual()).isTrue();
        given().get("/replay/spot/api/v3/klines?symbol=BTCUSDT&interval=4h&startTime=1615032000000&limit=3").then()
                .body("collect { it[0] }", contains(1615032000000L, 1615046400000L, 1615060800000L));
        given().get("/replay/spot/api/v3/ticker/price").then().statusCode(200)
                .body("find { it.symbol == 'BTCUSDT' }.price", equalTo(rows.get(1).get(4).asText()));
        given().get("/replay/spot/api/v3/klines?symbol=NOPEUSDT&interval=4h").then().statusCode(400).body("code", equalTo(-1121));
        given().get("/replay/spot/api/v3/klines?symbol=BTCUSDT&interval=4h&limit=1001").then().statusCode(400).body("code", equalTo(-1130));
        given().get("/replay/futures/fapi/v1/exchangeInfo").then().statusCode(200).body("symbols", hasSize(2))
                .body("symbols[0].contractType", equalTo("PERPETUAL"));
        given().get("/replay/spot/fapi/v1/time").then().statusCode(404);
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/replay/advance?bars=0&interval=4h").then().statusCode(400).body("parameter", equalTo("bars"));
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/replay/advance?bars=1&interval=2h").then().statusCode(400).body("parameter", equalTo("interval"));
    }

    private static long closedBefore(String symbol, long clock) throws Exception {
        JsonNode rows = MAPPER.readTree(ReplayTest.class.getResourceAsStream("/replay/spot/klines/" + symbol + "-4h.json"));
        long n = 0;
        for (JsonNode row : rows) {
            if (row.get(6).asLong() < clock) {
                n++;
            }
        }
        return n;
    }
}
