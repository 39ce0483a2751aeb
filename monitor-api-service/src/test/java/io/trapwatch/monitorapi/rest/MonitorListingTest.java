package io.trapwatch.monitorapi.rest;

import io.restassured.path.json.JsonPath;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.trapwatch.monitorapi.support.Api.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the dashboard needs from the list beyond the reference: several statuses at once, every sort column, the count
 * per status under a filter; and the statistics' openings per day and phase reach.
 */
@ServiceTest
class MonitorListingTest {

    private static final String SYMBOL = Events.uniqueSymbol();
    private static boolean seeded;
    private static JsonPath statsBefore;

    /**
     * Five monitors of one symbol (dates in 2014, which no other test uses), sent in this order; the current price is
     * the latest transition's bar close (no kline-closed bar for the symbol):
     * A spot 1h 2014-01-01 trigger 10 → pending, current 10 (0 %);
     * B spot 4h 2014-01-01 trigger 2 → suspected (confirmation), current 1 (−50 %);
     * C futures 1d 2014-01-02 trigger 5 → confirmed (confirmation, validation), current 5.5 (+10 %);
     * D futures 1h 2014-01-03 trigger 7 → invalidated, current 8 (+14.29 %);
     * E spot 1d 2014-01-03 trigger 0.5 → expired, current 0.25 (−50 %).
     */
    @BeforeEach
    void fiveMonitors() {
        if (seeded) {
            return;
        }
        statsBefore = get("/api/volume-trap/statistics/");
        Broker.send(monitor(MarketType.SPOT, Interval.H1, "2014-01-01T00:00:00Z", "10").latest());
        Broker.send(monitor(MarketType.SPOT, Interval.H4, "2014-01-01T00:00:00Z", "2")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 2, new BigDecimal("1"), Map.of()).latest());
        Broker.send(monitor(MarketType.FUTURES, Interval.D1, "2014-01-02T00:00:00Z", "5")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 2, new BigDecimal("5.2"), Map.of())
                .step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 4, new BigDecimal("5.5"), Map.of()).latest());
        Broker.send(monitor(MarketType.FUTURES, Interval.H1, "2014-01-03T00:00:00Z", "7")
                .step(MonitorStatus.INVALIDATED, "invalidation", 1, new BigDecimal("8"), Map.of()).latest());
        Broker.send(monitor(MarketType.SPOT, Interval.D1, "2014-01-03T00:00:00Z", "0.5")
                .step(MonitorStatus.EXPIRED, "expiry", 5, new BigDecimal("0.25"), Map.of()).latest());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/volume-trap/monitors/?symbol=" + SYMBOL).getInt("count") == 5);
        seeded = true;
    }

    @Test
    void severalStatusesAtOnce() {
        assertThat(symbols("&status=pending,expired")).containsExactly("1d:0.50000000", "1h:10.00000000");
        assertThat(symbols("&status=invalidated, confirmed_abandonment ,suspected_abandonment"))
                .containsExactly("1h:7.00000000", "1d:5.00000000", "4h:2.00000000");
        assertThat(get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&status=").getInt("count")).isEqualTo(5);
        given().get("/api/volume-trap/monitors/?status=pending,,expired").then().statusCode(400)
                .body("parameter", equalTo("status")).body("received", equalTo("pending,,expired"));
    }

    @Test
    void everyColumnSortsBothWaysWithTiesByNewestTrigger() {
        assertThat(symbols("&sort=trigger_price")).containsExactly("1d:0.50000000", "4h:2.00000000", "1d:5.00000000",
                "1h:7.00000000", "1h:10.00000000");
        assertThat(symbols("&sort=-trigger_price")).containsExactly("1h:10.00000000", "1h:7.00000000", "1d:5.00000000",
                "4h:2.00000000", "1d:0.50000000");
        // current prices A 10, B 1, C 5.5, D 8, E 0.25
        assertThat(symbols("&sort=-current_price")).containsExactly("1h:10.00000000", "1h:7.00000000", "1d:5.00000000",
                "4h:2.00000000", "1d:0.50000000");
        // changes A 0, B −50, C +10, D +14.29, E −50; the two −50 % tie: newer trigger (E, 2014-01-03) first.
        assertThat(symbols("&sort=price_change_percent")).containsExactly("1d:0.50000000", "4h:2.00000000", "1h:10.00000000",
                "1d:5.00000000", "1h:7.00000000");
        // interval in its natural order, ties newest trigger first: 1h D (01-03), 1h A (01-01), 4h B, 1d E (01-03), 1d C.
        assertThat(symbols("&sort=interval")).containsExactly("1h:7.00000000", "1h:10.00000000", "4h:2.00000000",
                "1d:0.50000000", "1d:5.00000000");
        // status in lifecycle order: pending, suspected, confirmed, invalidated, expired.
        assertThat(symbols("&sort=status")).containsExactly("1h:10.00000000", "4h:2.00000000", "1d:5.00000000",
                "1h:7.00000000", "1d:0.50000000");
        assertThat(symbols("&sort=-status")).containsExactly("1d:0.50000000", "1h:7.00000000", "1d:5.00000000",
                "4h:2.00000000", "1h:10.00000000");
        // futures before spot; A and B share a trigger time: the later id (B, sent after A) first.
        assertThat(symbols("&sort=market_type")).containsExactly("1h:7.00000000", "1d:5.00000000", "1d:0.50000000",
                "4h:2.00000000", "1h:10.00000000");
        assertThat(symbols("&sort=trigger_time")).containsExactly("4h:2.00000000", "1h:10.00000000", "1d:5.00000000",
                "1d:0.50000000", "1h:7.00000000");
        // Sorted pages do not overlap: page 2 of 2 continues page 1.
        JsonPath p2 = get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&sort=-trigger_price&page_size=2&page=2");
        assertThat(p2.getList("results.trigger_price")).containsExactly("5.00000000", "2.00000000");
        assertThat(p2.getString("next")).endsWith("sort=-trigger_price&page_size=2&page=3");
        given().get("/api/volume-trap/monitors/?sort=volume").then().statusCode(400)
                .body("error", equalTo("Invalid sort parameter")).body("received", equalTo("volume"));
    }

    @Test
    void countPerStatusIgnoresTheStatusFilterAndCountsZeros() {
        JsonPath all = get("/api/volume-trap/monitors/status-counts/?symbol=" + SYMBOL);
        assertThat(counts(all)).containsExactly("pending=1", "suspected_abandonment=1", "confirmed_abandonment=1",
                "invalidated=1", "expired=1");
        assertThat(all.getInt("total")).isEqualTo(5);
        JsonPath spot = get("/api/volume-trap/monitors/status-counts/?symbol=" + SYMBOL + "&market_type=spot&start_date=2014-01-02");
        assertThat(counts(spot)).containsExactly("pending=0", "suspected_abandonment=0", "confirmed_abandonment=0",
                "invalidated=0", "expired=1");
        // Without symbol or dates the counts come from the count grid; they equal the list's counts per status.
        JsonPath grid = get("/api/volume-trap/monitors/status-counts/?market_type=futures&interval=1h");
        for (String status : MonitorStatus.wireNames()) {
            assertThat(grid.getLong("counts." + status)).as(status).isEqualTo(
                    get("/api/volume-trap/monitors/?market_type=futures&interval=1h&status=" + status).getLong("count"));
        }
        given().get("/api/volume-trap/monitors/status-counts/?interval=2h").then().statusCode(400).body("parameter", equalTo("interval"));
    }

    @Test
    void statisticsCountOpeningsPerUtcDayAndHowFarMonitorsGot() {
        JsonPath stats = get("/api/volume-trap/statistics/");
        List<Map<String, Object>> days = stats.getList("opened_per_day");
        assertThat(days.stream().filter(d -> ((String) d.get("date")).startsWith("2014-01-"))
                .map(d -> d.get("date") + " " + d.get("market_type") + " " + d.get("count")).toList())
                .containsExactly("2014-01-01 spot 2", "2014-01-02 futures 1", "2014-01-03 futures 1", "2014-01-03 spot 1");
        // Relative to before the five were added (other classes' monitors are there too): spot +3 of which B passed
        // phase 2; futures +2 of which C passed phases 2 and 3.
        assertThat(reachDelta(stats, "spot")).containsExactly(3L, 3L, 1L, 0L);
        assertThat(reachDelta(stats, "futures")).containsExactly(2L, 2L, 1L, 1L);
        JsonPath futures1d = get("/api/volume-trap/statistics/?market_type=futures&interval=1d");
        assertThat(futures1d.getList("phase_reach.market_type")).containsExactly("futures");
        assertThat(futures1d.getList("opened_per_day.market_type")).containsOnly("futures");
    }

    private static List<Long> reachDelta(JsonPath now, String market) {
        Map<String, Object> after = reach(now, market);
        Map<String, Object> before = reach(statsBefore, market);
        return List.of("monitors", "phase_1_passed", "phase_2_passed", "phase_3_passed").stream()
                .map(k -> ((Number) after.get(k)).longValue() - (before == null ? 0 : ((Number) before.get(k)).longValue())).toList();
    }

    private static Map<String, Object> reach(JsonPath stats, String market) {
        List<Map<String, Object>> rows = stats.getList("phase_reach");
        return rows.stream().filter(r -> market.equals(r.get("market_type"))).findFirst().orElse(null);
    }

    private static List<String> counts(JsonPath page) {
        Map<String, Object> counts = page.getMap("counts");
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** interval:trigger price of each listed monitor, in list order. */
    private static List<String> symbols(String query) {
        JsonPath page = get("/api/volume-trap/monitors/?symbol=" + SYMBOL + query);
        List<Map<String, Object>> results = page.getList("results");
        return results.stream().map(m -> m.get("interval") + ":" + m.get("trigger_price")).toList();
    }

    private static Events.Monitor monitor(MarketType market, Interval interval, String trigger, String price) {
        return new Events.Monitor(market, SYMBOL, interval, Instant.parse(trigger), price);
    }
}
