package io.trapwatch.monitorapi.messaging;

import io.restassured.path.json.JsonPath;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.support.Api;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.trapwatch.monitorapi.support.Api.awaitVersion;
import static io.trapwatch.monitorapi.support.Api.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events produced to the real broker, projected into PostgreSQL, read back through the REST API. */
@ServiceTest
class MonitorReadModelTest {

    private static final Instant TRIGGER = Instant.parse("2025-11-26T08:00:00Z");

    @Test
    void aMonitorsWholeLifeAppearsWithExactValues() {
        String symbol = Events.uniqueSymbol();
        Events.Monitor m = new Events.Monitor(MarketType.SPOT, symbol, Interval.H4, TRIGGER, "0.18230000")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("0.16000000"), Events.confirmationSnapshot())
                .step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 5, new BigDecimal("0.15010000"), Events.validationSnapshot());
        Broker.send(m.version(1), m.version(2), m.version(3));

        Map<String, Object> listed = awaitVersion(symbol, m.key(), 3);
        assertThat(listed).containsEntry("market_type", "spot").containsEntry("symbol", symbol)
                .containsEntry("interval", "4h").containsEntry("status", "confirmed_abandonment")
                .containsEntry("trigger_time", "2025-11-26T08:00:00Z").containsEntry("trigger_price", "0.18230000")
                .containsEntry("trigger_volume", "12345678.00000000").containsEntry("trigger_high", "0.21000000")
                .containsEntry("trigger_low", "0.15500000").containsEntry("trigger_kline_high", "0.21000000")
                .containsEntry("trigger_kline_low", "0.15500000").containsEntry("phase_1_passed", true)
                .containsEntry("phase_2_passed", true).containsEntry("phase_3_passed", true)
                .containsEntry("current_price", "0.15010000")
                .containsEntry("price_change_percent", new BigDecimal("-17.66"))
                .containsEntry("created_at", "2025-01-01T00:00:00Z").containsEntry("updated_at", "2025-02-01T00:00:03Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> latest = (Map<String, Object>) listed.get("latest_indicators");
        assertThat(latest).containsEntry("sequence", 3).containsEntry("snapshot_time", "2025-11-27T04:00:00Z")
                .containsEntry("reason", "validation").containsEntry("kline_close_price", "0.15010000")
                .containsEntry("ma7", "0.16123457").containsEntry("ma25", "0.17000000").containsEntry("ma25_slope", "-0.655000")
                .containsEntry("obv_divergence", false).containsEntry("atr", "0.00420000").containsEntry("atr_compression", true)
                .containsEntry("rvol_ratio", null).containsEntry("key_level_breach", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) latest.get("values");
        assertThat(raw).containsEntry("ma7", new BigDecimal("0.1612345678901")).containsEntry("single_side_decline", true);

        JsonPath detail = get("/api/volume-trap/monitors/" + listed.get("id"));
        assertThat(detail.getInt("version")).isEqualTo(3);
        assertThat(detail.getString("monitor_key")).isEqualTo(m.key());
        assertThat(detail.getList("transitions.from")).containsExactly(null, "pending", "suspected_abandonment");
        assertThat(detail.getList("transitions.to")).containsExactly("pending", "suspected_abandonment", "confirmed_abandonment");
        assertThat(detail.getList("transitions.bar_time"))
                .containsExactly("2025-11-26T08:00:00Z", "2025-11-26T20:00:00Z", "2025-11-27T04:00:00Z");
        assertThat(detail.getList("transitions.reason")).containsExactly("discovery", "confirmation", "validation");
        assertThat(detail.getString("transitions[0].indicators.rvol_ratio")).isEqualTo("9.13");
        assertThat(detail.getString("transitions[0].indicators.amplitude_ratio")).isEqualTo("4.05");
        assertThat(detail.getString("transitions[0].indicators.upper_shadow_ratio")).isEqualTo("61.20");
        assertThat(detail.getString("transitions[0].indicators.kline_close_price")).isEqualTo("0.18230000");
        assertThat(detail.getString("transitions[1].indicators.volume_retention_ratio")).isEqualTo("12.35");
        assertThat(detail.getBoolean("transitions[1].indicators.key_level_breach")).isTrue();
        assertThat(detail.getString("transitions[1].indicators.price_efficiency")).isEqualTo("0.00012346");
        assertThat((Object) detail.get("transitions[1].indicators.values.price_efficiency")).isEqualTo(new BigDecimal("0.000123456789"));
    }

    @Test
    void duplicateStaleAndGappedEventsChangeNothingTwice() {
        String symbol = Events.uniqueSymbol();
        Events.Monitor m = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1, TRIGGER, "2.5")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 4, new BigDecimal("2.1"), Events.confirmationSnapshot())
                .step(MonitorStatus.INVALIDATED, "invalidation", 9, new BigDecimal("2.6"),
                        Map.of("current_close", new BigDecimal("2.6"), "trigger_price", new BigDecimal("2.5")));
        Events.Monitor sentinel = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1, TRIGGER.plusSeconds(86_400), "3");

        // v2 first: this service never saw v1, the event alone still gives the complete monitor.
        Broker.send(m.version(2));
        Map<String, Object> atV2 = awaitVersion(symbol, m.key(), 2);
        JsonPath detail = get("/api/volume-trap/monitors/" + atV2.get("id"));
        assertThat(detail.getList("transitions.to")).containsExactly("pending", "suspected_abandonment");
        assertThat(detail.getList("transitions.from")).containsExactly(null, "pending");

        // Stale v1 and a duplicate v2, then a sentinel on the same series (same partition, so applied after them).
        Broker.send(m.version(1), m.version(2), sentinel.version(1));
        awaitVersion(symbol, sentinel.key(), 1);
        JsonPath unchanged = get("/api/volume-trap/monitors/" + atV2.get("id"));
        assertThat(unchanged.prettify()).isEqualTo(detail.prettify());

        Broker.send(m.version(3), m.version(3), m.version(1), m.version(2));
        Broker.send(sentinel.version(1));
        Map<String, Object> atV3 = awaitVersion(symbol, m.key(), 3);
        assertThat(atV3).containsEntry("id", atV2.get("id")).containsEntry("status", "invalidated")
                .containsEntry("current_price", "2.60000000").containsEntry("price_change_percent", new BigDecimal("4.00"));
        JsonPath finalDetail = get("/api/volume-trap/monitors/" + atV2.get("id"));
        assertThat(finalDetail.getList("transitions.sequence")).containsExactly(1, 2, 3);
        assertThat(finalDetail.getString("transitions[2].indicators.values.current_close")).isEqualTo("2.6");

        // Exactly two monitors for the symbol and each counted once under its current status.
        assertThat(get("/api/volume-trap/monitors/?symbol=" + symbol).getInt("count")).isEqualTo(2);
        assertThat(get("/api/volume-trap/monitors/?symbol=" + symbol + "&status=invalidated").getInt("count")).isEqualTo(1);
        assertThat(get("/api/volume-trap/monitors/?symbol=" + symbol + "&status=suspected_abandonment").getInt("count")).isZero();
        assertThat(get("/api/volume-trap/monitors/?symbol=" + symbol + "&status=pending").getInt("count")).isEqualTo(1);
    }

    @Test
    void unreadableAndIncompleteRecordsAreSkippedWithoutBlockingTheSeries() {
        String symbol = Events.uniqueSymbol();
        Events.Monitor m = new Events.Monitor(MarketType.SPOT, symbol, Interval.D1, TRIGGER, "1");
        String key = m.latest().series().asKafkaKey();
        Broker.sendRaw(Topics.MONITOR_STATE_CHANGED, key, "{not json");
        Broker.sendRaw(Topics.MONITOR_STATE_CHANGED, key, Events.json(m.latest()).replace("\"transitions\":[", "\"transitions\":[],\"x\":["));
        Broker.send(m.latest());
        Map<String, Object> listed = awaitVersion(symbol, m.key(), 1);
        assertThat(listed).containsEntry("status", "pending");
        assertThat(get("/api/volume-trap/monitors/?symbol=" + symbol).getInt("count")).isEqualTo(1);
    }

    @Test
    void spotAndFuturesNeverLeakIntoEachOther() {
        String symbol = Events.uniqueSymbol();
        Instant lateOnTenth = Instant.parse("2024-03-10T23:00:00Z");
        Events.Monitor spot1h = new Events.Monitor(MarketType.SPOT, symbol, Interval.H1, lateOnTenth, "10");
        Events.Monitor spot4h = new Events.Monitor(MarketType.SPOT, symbol, Interval.H4, Instant.parse("2024-03-12T00:00:00Z"), "10")
                .step(MonitorStatus.EXPIRED, "expiry", 5, BigDecimal.TEN, Events.confirmationSnapshot());
        Events.Monitor fut1h = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1, lateOnTenth, "10");
        Events.Monitor fut1d = new Events.Monitor(MarketType.FUTURES, symbol, Interval.D1, Instant.parse("2024-03-11T00:00:00Z"), "10");
        Broker.send(spot1h.latest(), spot4h.latest(), fut1h.latest(), fut1d.latest());
        awaitVersion(symbol, spot4h.key(), 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/volume-trap/monitors/?symbol=" + symbol).getInt("count") == 4);

        assertThat(keys("market_type=spot&symbol=" + symbol)).containsExactly(spot4h.key(), spot1h.key());
        assertThat(keys("market_type=futures&symbol=" + symbol)).containsExactly(fut1d.key(), fut1h.key());
        assertThat(keys("market_type=all&symbol=" + symbol)).hasSize(4);
        assertThat(get("/api/volume-trap/monitors/?market_type=spot&symbol=" + symbol).getList("results.market_type"))
                .containsOnly("spot");
        assertThat(keys("market_type=futures&interval=1h&symbol=" + symbol)).containsExactly(fut1h.key());
        assertThat(keys("market_type=spot&interval=1d&symbol=" + symbol)).isEmpty();
        assertThat(keys("market_type=spot&status=expired&symbol=" + symbol)).containsExactly(spot4h.key());
        assertThat(keys("market_type=futures&status=expired&symbol=" + symbol)).isEmpty();
        // Inclusive UTC dates: 23:00 on the 10th belongs to the 10th, not the 11th.
        assertThat(keys("end_date=2024-03-10&symbol=" + symbol)).containsExactlyInAnyOrder(spot1h.key(), fut1h.key());
        assertThat(keys("start_date=2024-03-10&end_date=2024-03-10&market_type=futures&symbol=" + symbol)).containsExactly(fut1h.key());
        assertThat(keys("start_date=2024-03-11&symbol=" + symbol)).containsExactly(spot4h.key(), fut1d.key());
        assertThat(keys("start_date=2024-03-11&end_date=2024-03-11&symbol=" + symbol)).containsExactly(fut1d.key());
        assertThat(keys("end_date=2024-03-09&symbol=" + symbol)).isEmpty();
        assertThat(keys("symbol=" + symbol.toLowerCase() + "&market_type=spot")).hasSize(2);
    }

    @Test
    void currentPriceFollowsTheNewestBarOfTheSameSeriesOnly() {
        String symbol = Events.uniqueSymbol();
        Events.Monitor m = new Events.Monitor(MarketType.SPOT, symbol, Interval.H1, TRIGGER, "0.50000000")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("0.40000000"), Events.confirmationSnapshot());
        Broker.send(m.latest());
        assertThat(awaitVersion(symbol, m.key(), 2)).containsEntry("current_price", "0.40000000")
                .containsEntry("price_change_percent", new BigDecimal("-20.00"));

        Broker.send(Events.bar(MarketType.SPOT, symbol, Interval.H1, TRIGGER.plusSeconds(5 * 3600), "0.45000000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "0.45000000".equals(Api.monitorByKey(symbol, m.key()).get("current_price")));
        // An older bar, the other market's bar and another interval's bar leave it alone.
        Broker.send(Events.bar(MarketType.SPOT, symbol, Interval.H1, TRIGGER.plusSeconds(4 * 3600), "0.10000000"));
        Broker.send(Events.bar(MarketType.FUTURES, symbol, Interval.H1, TRIGGER.plusSeconds(9 * 3600), "0.20000000"));
        Broker.send(Events.bar(MarketType.SPOT, symbol, Interval.H4, TRIGGER.plusSeconds(9 * 3600), "0.30000000"));
        Events.Monitor marker = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1, TRIGGER, "1");
        Broker.send(marker.latest());
        awaitVersion(symbol, marker.key(), 1);
        // The prices group is separate: wait until the futures bar (sent after the spot ones) shows on the futures monitor.
        await().atMost(Duration.ofSeconds(30)).until(() -> "0.20000000".equals(Api.monitorByKey(symbol, marker.key()).get("current_price")));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> "0.45000000".equals(Api.monitorByKey(symbol, m.key()).get("current_price")));
        assertThat(Api.monitorByKey(symbol, m.key())).containsEntry("price_change_percent", new BigDecimal("-10.00"));
    }

    @Test
    void aZeroTriggerPriceHasNoPercentageAndNoError() {
        String symbol = Events.uniqueSymbol();
        Events.Monitor m = new Events.Monitor(MarketType.SPOT, symbol, Interval.H4, TRIGGER, "0");
        Broker.send(m.latest());
        assertThat(awaitVersion(symbol, m.key(), 1)).containsEntry("current_price", "0.00000000").containsEntry("price_change_percent", null);
    }

    @Test
    void statisticsCountByStatusMarketAndIntervalAndRecentOpenings() {
        String filter = "?market_type=futures&interval=1d";
        JsonPath before = get("/api/volume-trap/statistics/" + filter);
        Instant now = Instant.now();
        String symbol = Events.uniqueSymbol();
        Events.Monitor recent = new Events.Monitor(MarketType.FUTURES, symbol, Interval.D1, now.minusSeconds(3600), "1");
        Events.Monitor threeDays = new Events.Monitor(MarketType.FUTURES, symbol, Interval.D1, now.minusSeconds(3 * 86_400), "1")
                .step(MonitorStatus.EXPIRED, "expiry", 5, BigDecimal.ONE, Events.confirmationSnapshot());
        Events.Monitor tenDays = new Events.Monitor(MarketType.FUTURES, symbol, Interval.D1, now.minusSeconds(10 * 86_400), "1");
        Events.Monitor spot = new Events.Monitor(MarketType.SPOT, symbol, Interval.D1, now.minusSeconds(3600), "1");
        Broker.send(recent.latest(), threeDays.latest(), tenDays.latest(), spot.latest());
        awaitVersion(symbol, threeDays.key(), 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/volume-trap/monitors/?symbol=" + symbol).getInt("count") == 4);

        JsonPath after = get("/api/volume-trap/statistics/" + filter);
        assertThat(after.getLong("total")).isEqualTo(before.getLong("total") + 3);
        assertThat(cell(after, "pending")).isEqualTo(cell(before, "pending") + 2);
        assertThat(cell(after, "expired")).isEqualTo(cell(before, "expired") + 1);
        assertThat(after.getMap("opened_last_24h")).containsOnlyKeys("futures");
        assertThat(after.getLong("opened_last_24h.futures")).isEqualTo(before.getLong("opened_last_24h.futures") + 1);
        assertThat(after.getLong("opened_last_7d.futures")).isEqualTo(before.getLong("opened_last_7d.futures") + 2);
        assertThat(after.getList("by_status.market_type")).containsOnly("futures");
        assertThat(after.getList("by_status.interval")).containsOnly("1d");

        JsonPath all = get("/api/volume-trap/statistics");
        assertThat(all.getMap("opened_last_24h")).containsOnlyKeys("spot", "futures");
        assertThat(all.getLong("opened_last_24h.spot")).isGreaterThanOrEqualTo(1);
        long sumOfCells = all.getList("by_status.count", BigDecimal.class).stream().mapToLong(BigDecimal::longValue).sum();
        assertThat(all.getLong("total")).isEqualTo(sumOfCells)
                .isEqualTo(get("/api/volume-trap/monitors/").getLong("count"));
    }

    private static long cell(JsonPath stats, String status) {
        List<Map<String, Object>> cells = stats.getList("by_status");
        return cells.stream().filter(c -> status.equals(c.get("status")))
                .mapToLong(c -> ((Number) c.get("count")).longValue()).sum();
    }

    private static List<String> keys(String query) {
        return get("/api/volume-trap/monitors/?page_size=100&" + query).getList("results.monitor_key");
    }
}
