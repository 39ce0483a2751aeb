package io.trapwatch.monitorapi.rest;

import io.restassured.path.json.JsonPath;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.support.Api;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.MarketDataStub;
import io.trapwatch.monitorapi.support.MarketDataStubResource;
import io.trapwatch.monitorapi.support.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.trapwatch.monitorapi.support.Api.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** /kline and /chart-data through the REST client against a real HTTP stand-in for market-data-service. */
@ServiceTest
class MarketDataProxyTest {

    private final MarketDataStub stub = MarketDataStubResource.stub();

    @AfterEach
    void upstreamBackToNormal() {
        stub.mode(MarketDataStub.Mode.NORMAL);
    }

    @Test
    void barsPassThroughWithExactDecimals() {
        JsonPath bars = get("/api/volume-trap/kline/ethusdt/?market_type=spot&interval=4h"
                + "&start_time=2021-03-06T12:00:00Z&end_time=2021-03-07 00:00:00");
        assertThat(bars.getString("symbol")).isEqualTo("ETHUSDT");
        assertThat(bars.getInt("count")).isEqualTo(4);
        assertThat(bars.getList("klines.open_time")).containsExactly("2021-03-06T12:00:00Z", "2021-03-06T16:00:00Z",
                "2021-03-06T20:00:00Z", "2021-03-07T00:00:00Z");
        assertThat(bars.getString("klines[0].open")).isEqualTo("1564.08000000");
        assertThat(bars.getString("klines[0].high")).isEqualTo("1566.05000000");
        assertThat(bars.getString("klines[0].low")).isEqualTo("1513.03000000");
        assertThat(bars.getString("klines[0].close")).isEqualTo("1544.41000000");
        assertThat(bars.getString("klines[0].volume")).isEqualTo("161079.71548000");
        assertThat(bars.getString("klines[0].close_time")).isEqualTo("2021-03-06T15:59:59.999Z");

        // An offset whose '+' arrived decoded as a space still means +08:00; limit caps the count.
        JsonPath limited = get("/api/volume-trap/kline/ETHUSDT?market_type=spot&interval=4h&start_time=2021-03-06T20:00:00+08:00&limit=2");
        assertThat(limited.getList("klines.open_time")).containsExactly("2021-03-06T12:00:00Z", "2021-03-06T16:00:00Z");
        assertThat(stub.queries().get(stub.queries().size() - 1)).contains("limit=2").contains("start=2021-03-06T12%3A00%3A00Z");
    }

    @Test
    void withoutStartTheNewestBarsBeforeTheEndAreAsked() {
        get("/api/volume-trap/kline/ETHUSDT/?market_type=spot&interval=4h&end_time=2021-04-25T08:00:00Z&limit=3");
        String asked = stub.queries().get(stub.queries().size() - 1);
        assertThat(asked).contains("start=2021-04-25T00%3A00%3A00Z").contains("end=2021-04-25T08%3A00%3A00Z").contains("limit=3");
    }

    @Test
    void upstreamFailuresBecomeClearJsonErrors() {
        given().get("/api/volume-trap/kline/BTCUSDT/?market_type=spot&interval=4h").then().statusCode(404)
                .body("error", equalTo("Unknown symbol"));

        // A 5xx is retried twice (MarketDataClient), then answered 502.
        stub.mode(MarketDataStub.Mode.ERROR);
        int before = stub.queries().size();
        given().get("/api/volume-trap/kline/ETHUSDT/?market_type=spot&interval=4h").then().statusCode(502)
                .body("error", equalTo("market data answered badly")).body("detail", equalTo("market-data-service answered HTTP 500"));
        assertThat(stub.queries().size() - before).isEqualTo(3);

        stub.mode(MarketDataStub.Mode.GARBAGE);
        given().get("/api/volume-trap/kline/ETHUSDT/?market_type=spot&interval=4h").then().statusCode(502)
                .body("error", equalTo("market data answered badly"));

        stub.mode(MarketDataStub.Mode.SLOW);
        long started = System.nanoTime();
        given().get("/api/volume-trap/kline/ETHUSDT/?market_type=spot&interval=4h").then().statusCode(503)
                .body("error", equalTo("market data unavailable")).body("detail", startsWith("market-data-service did not answer"));
        // The test read timeout is 3 s; the stub would take 10 s. A read that timed out is not repeated.
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(9_000);
        assertThat(stub.queries().size() - before).isEqualTo(5);

        stub.mode(MarketDataStub.Mode.DOWN);
        given().get("/api/volume-trap/kline/ETHUSDT/?market_type=spot&interval=4h").then().statusCode(503)
                .body("error", equalTo("market data unavailable"));
    }

    @Test
    void aCircuitBreakerHoldsCallsBackWhileMarketDataIsDownAndLetsThemThroughAgain() throws InterruptedException {
        stub.mode(MarketDataStub.Mode.DOWN);
        String detail = "";
        for (int i = 0; i < 40 && !detail.contains("circuit breaker"); i++) {
            detail = given().get("/api/volume-trap/kline/ETHUSDT/?market_type=spot&interval=4h").then().statusCode(503)
                    .body("error", equalTo("market data unavailable")).extract().path("detail");
        }
        assertThat(detail).isEqualTo("market-data-service failed repeatedly; calls are held back by the circuit breaker for a while");

        // Back up while the breaker is open: still held back, without a call; after its delay (2 s in tests) the
        // trial call goes through and closes it.
        stub.mode(MarketDataStub.Mode.NORMAL);
        int before = stub.queries().size();
        given().get("/api/volume-trap/kline/ETHUSDT/?market_type=spot&interval=4h").then().statusCode(503);
        assertThat(stub.queries()).hasSize(before);
        Thread.sleep(2500);
        given().get("/api/volume-trap/kline/ETHUSDT/?market_type=spot&interval=4h").then().statusCode(200);
        assertThat(stub.queries()).hasSize(before + 1);
    }

    @Test
    void chartDataShowsBarsAroundTheTriggerWithMarkers() {
        // Trigger on the 41st recorded bar: the window reaches 30 bars back (bar 11) and 60 ahead (bar 101).
        Instant trigger = Instant.ofEpochMilli(stub.row(40).get(0).asLong());
        Events.Monitor m = new Events.Monitor(MarketType.SPOT, MarketDataStub.SYMBOL, Interval.H4, trigger, stub.row(40).get(4).asText())
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal(stub.row(43).get(4).asText()),
                        Events.confirmationSnapshot());
        Broker.send(m.latest());
        Map<String, Object> listed = Api.awaitVersion(MarketDataStub.SYMBOL, m.key(), 2);

        JsonPath chart = get("/api/volume-trap/chart-data/" + listed.get("id") + "/");
        List<String> times = chart.getList("klines.open_time");
        assertThat(times).hasSize(91);
        assertThat(times.get(0)).isEqualTo(Instant.ofEpochMilli(stub.row(10).get(0).asLong()).toString());
        assertThat(times.get(90)).isEqualTo(Instant.ofEpochMilli(stub.row(100).get(0).asLong()).toString());
        assertThat(chart.getString("klines[30].close")).isEqualTo(stub.row(40).get(4).asText());
        assertThat(chart.getString("trigger_marker.time")).isEqualTo(trigger.toString());
        assertThat(chart.getString("trigger_marker.price")).isEqualTo(stub.row(40).get(4).asText());
        assertThat(chart.getList("markers.status")).containsExactly("pending", "suspected_abandonment");
        assertThat(chart.getList("markers.time")).containsExactly(trigger.toString(), trigger.plusSeconds(3 * 4 * 3600).toString());
        assertThat(chart.getString("markers[1].price")).isEqualTo(stub.row(43).get(4).asText());
        assertThat(chart.getString("window_start")).isEqualTo(trigger.minusSeconds(30 * 4 * 3600).toString());
        // MA7/MA25 at every bar, from the closes before the window too (bars 0-9 are read for them, not returned):
        // bar 10 has 11 closes up to it, so MA7 but no MA25; bar 24 is the first with 25.
        assertThat(chart.getList("ma7")).hasSize(91);
        assertThat(chart.getString("ma7[0]")).isEqualTo(mean(4, 10, 7));
        assertThat(chart.getString("ma25[0]")).isNull();
        assertThat(chart.getString("ma25[14]")).isEqualTo(mean(0, 24, 25));
        assertThat(chart.getString("ma7[30]")).isEqualTo(mean(34, 40, 7));
        assertThat(chart.getString("ma25[30]")).isEqualTo(mean(16, 40, 25));

        stub.mode(MarketDataStub.Mode.DOWN);
        given().get("/api/volume-trap/chart-data/" + listed.get("id")).then().statusCode(503);
        stub.mode(MarketDataStub.Mode.NORMAL);
        given().get("/api/volume-trap/chart-data/" + Long.MAX_VALUE).then().statusCode(404).body("error", equalTo("Monitor not found"));
    }

    /** Mean of the recorded closes of bars from..to, to 12 decimals half up (the chart's MA). */
    private String mean(int from, int to, int period) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = from; i <= to; i++) {
            sum = sum.add(new BigDecimal(stub.row(i).get(4).asText()));
        }
        assertThat(to - from + 1).isEqualTo(period);
        return sum.divide(BigDecimal.valueOf(period), 12, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
