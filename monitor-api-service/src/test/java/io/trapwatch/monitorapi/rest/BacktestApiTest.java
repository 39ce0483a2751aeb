package io.trapwatch.monitorapi.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.outcome.MonitorOutcome;
import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.monitorapi.support.Api;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.MarketDataStubResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.trapwatch.monitorapi.support.Outcomes.outcome;
import static io.trapwatch.monitorapi.support.Outcomes.send;
import static io.trapwatch.monitorapi.support.Outcomes.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

/**
 * Outcomes produced to the real broker as detection-service publishes them, projected into PostgreSQL (newest version
 * wins, redeliveries and stale versions change nothing), read back through the backtest endpoints with exact figures.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
class BacktestApiTest {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration H4 = Duration.ofHours(4);

    private String symbol;
    private Events.Monitor invalidated;
    private Events.Monitor confirmed;
    private Events.Monitor expired;
    private Events.Monitor pending;

    /**
     * Four monitors of one series: invalidated from pending (outcome §8's worked example: hold −3.00, stop +2.00),
     * confirmed (+12.50 both), expired after suspected (0.00 both: a loss), pending with an open outcome (+1.00).
     */
    @BeforeEach
    void publish() {
        symbol = Events.uniqueSymbol();
        invalidated = new Events.Monitor(MarketType.SPOT, symbol, Interval.H4, T0, "97")
                .step(MonitorStatus.INVALIDATED, "invalidation", 5, new BigDecimal("98"), Map.of());
        confirmed = new Events.Monitor(MarketType.SPOT, symbol, Interval.H4, T0.plus(H4.multipliedBy(40)), "50")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("45"), Events.confirmationSnapshot())
                .step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 4, new BigDecimal("44"), Events.validationSnapshot());
        expired = new Events.Monitor(MarketType.SPOT, symbol, Interval.H4, T0.plus(H4.multipliedBy(80)), "10")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("9"), Events.confirmationSnapshot())
                .step(MonitorStatus.EXPIRED, "expiry", 33, new BigDecimal("9"), Events.validationSnapshot());
        pending = new Events.Monitor(MarketType.SPOT, symbol, Interval.H4, T0.plus(H4.multipliedBy(200)), "100");
        Broker.send(invalidated.latest(), confirmed.latest(), expired.latest(), pending.latest());

        MonitorOutcome workedExample = outcome(invalidated, 31, OutcomeStatus.COMPLETED, 30, "100", "88", 3, "12.00",
                "104", "18.18", "4.00", "103", "-3.00", stop(6, "98", "2.00", MonitorOutcome.Exit.INVALIDATION));
        MonitorOutcome older = outcome(invalidated, 7, OutcomeStatus.OPEN, 6, "100", "88", 3, "12.00",
                null, null, "1.00", "92", "8.00", null);
        MonitorOutcome confirmedOutcome = outcome(confirmed, 31, OutcomeStatus.COMPLETED, 30, "48", "40", 10, "16.67",
                null, null, "2.08", "42", "12.50", null);
        MonitorOutcome expiredOutcome = outcome(expired, 31, OutcomeStatus.COMPLETED, 30, "9", "8", 2, "11.11",
                null, null, "0.00", "9", "0.00", null);
        MonitorOutcome open = outcome(pending, 5, OutcomeStatus.OPEN, 4, "100", "98", 1, "2.00",
                null, null, "0.50", "99", "1.00", null);
        send(workedExample, confirmedOutcome, expiredOutcome, open);
        // A stale version after the newest one, and the newest once more: neither changes anything.
        send(older);
        send(workedExample);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Api.get("/api/volume-trap/backtest/?symbol=" + symbol).getInt("count") == 4);
    }

    @Test
    void statisticsByPhaseWithBothExitsAndTheD12Rules() {
        JsonPath s = Api.get("/api/volume-trap/backtest/statistics/?symbol=" + symbol);
        assertThat(s.getList("outcome_statuses")).containsExactly("completed");
        assertThat(s.getInt("overall.monitors")).isEqualTo(3);
        // Hold: −3.00, +12.50, 0.00 (exactly 0 is a loss).
        assertThat(s.getInt("overall.hold.total_trades")).isEqualTo(3);
        assertThat(s.getInt("overall.hold.profitable_trades")).isEqualTo(1);
        assertThat(s.getInt("overall.hold.losing_trades")).isEqualTo(2);
        assertThat(s.<BigDecimal>get("overall.hold.win_rate")).isEqualByComparingTo("33.33");
        assertThat(s.<BigDecimal>get("overall.hold.avg_profit_percent")).isEqualByComparingTo("3.17");
        assertThat(s.<BigDecimal>get("overall.hold.median_profit_percent")).isEqualByComparingTo("0.00");
        assertThat(s.<BigDecimal>get("overall.hold.total_profit_percent")).isEqualByComparingTo("9.50");
        assertThat(s.<BigDecimal>get("overall.hold.worst_drawdown")).isEqualByComparingTo("4.00");
        assertThat(s.<BigDecimal>get("overall.hold.avg_bars_to_lowest")).isEqualByComparingTo("5.00");
        assertThat(s.<BigDecimal>get("overall.hold.profit_factor")).isEqualByComparingTo("4.17");
        assertThat(s.getBoolean("overall.hold.profit_factor_infinite")).isFalse();
        // Invalidation stop: +2.00, +12.50, 0.00 -> the loss sum is 0: no finite profit factor (D12).
        assertThat(s.getInt("overall.invalidation_stop.profitable_trades")).isEqualTo(2);
        assertThat(s.getInt("overall.invalidation_stop.losing_trades")).isEqualTo(1);
        assertThat(s.<Object>get("overall.invalidation_stop.profit_factor")).isNull();
        assertThat(s.getBoolean("overall.invalidation_stop.profit_factor_infinite")).isTrue();
        // By the status the monitor has now, and by the furthest phase it reached.
        assertThat(s.getInt("by_status.invalidated.monitors")).isEqualTo(1);
        assertThat(s.<BigDecimal>get("by_status.invalidated.hold.avg_profit_percent")).isEqualByComparingTo("-3.00");
        assertThat(s.<BigDecimal>get("by_status.confirmed_abandonment.hold.avg_profit_percent")).isEqualByComparingTo("12.50");
        assertThat(s.getInt("by_status.expired.hold.losing_trades")).isEqualTo(1);
        assertThat(s.getInt("by_status.pending.monitors")).isZero();
        assertThat(s.<Object>get("by_status.pending.hold.win_rate")).isNull();
        assertThat(s.getInt("by_phase_reached.pending_only.monitors")).isEqualTo(1);
        assertThat(s.getInt("by_phase_reached.suspected.monitors")).isEqualTo(1);
        assertThat(s.getInt("by_phase_reached.confirmed.monitors")).isEqualTo(1);

        // Histograms in buckets every group shares. Profits of both exits span -3.00 .. +12.50: width 1 (0.5 would
        // need 32 buckets, more than 25), buckets (-4,-3] .. (12,13]; a profit of exactly 0 is in (-1,0], with the losses.
        assertThat(new BigDecimal(s.getString("histogram_buckets.profit.width"))).isEqualByComparingTo("1");
        assertThat(s.getBoolean("histogram_buckets.profit.upper_included")).isTrue();
        assertThat(s.getList("histogram_buckets.profit.lower_bounds")).hasSize(17);
        assertThat(new BigDecimal(s.getString("histogram_buckets.profit.lower_bounds[0]"))).isEqualByComparingTo("-4");
        assertThat(s.getList("overall.histograms.hold_profit", Integer.class))
                .containsExactly(1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(s.getList("overall.histograms.invalidation_stop_profit", Integer.class))
                .containsExactly(0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        // By phase: pending only = the invalidated monitor (-3 hold, +2 stop), confirmed = +12.50, suspected = 0.00.
        assertThat(s.getList("by_phase_reached.pending_only.histograms.hold_profit", Integer.class).get(0)).isEqualTo(1);
        assertThat(s.getList("by_phase_reached.pending_only.histograms.invalidation_stop_profit", Integer.class).get(5)).isEqualTo(1);
        assertThat(s.getList("by_phase_reached.suspected.histograms.hold_profit", Integer.class).get(3)).isEqualTo(1);
        assertThat(s.getList("by_phase_reached.confirmed.histograms.hold_profit", Integer.class).get(16)).isEqualTo(1);
        assertThat(s.getList("by_status.pending.histograms.hold_profit", Integer.class)).hasSize(17).containsOnly(0);
        // Drawdowns 4.00, 2.08, 0.00: width 0.5, [0,0.5) .. [4,4.5).
        assertThat(new BigDecimal(s.getString("histogram_buckets.max_drawdown.width"))).isEqualByComparingTo("0.5");
        assertThat(s.getBoolean("histogram_buckets.max_drawdown.upper_included")).isFalse();
        assertThat(s.getList("overall.histograms.max_drawdown", Integer.class)).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);

        // Open outcomes only when asked for.
        JsonPath all = Api.get("/api/volume-trap/backtest/statistics/?status=completed,open&symbol=" + symbol);
        assertThat(all.getInt("overall.monitors")).isEqualTo(4);
        assertThat(all.getInt("by_status.pending.hold.profitable_trades")).isEqualTo(1);
    }

    @Test
    void listFiltersSortsAndPagesAndEveryMonitorCarriesItsOutcome() {
        String base = "/api/volume-trap/backtest/?symbol=" + symbol.substring(0, symbol.length() - 2).toLowerCase();
        assertThat(symbols(base + "&order_by=-final_profit_percent")).containsExactly(
                confirmed.key(), pending.key(), expired.key(), invalidated.key());
        assertThat(symbols(base + "&order_by=-final_profit_percent&exit=invalidation_stop")).containsExactly(
                confirmed.key(), invalidated.key(), pending.key(), expired.key());
        assertThat(symbols(base)).as("newest entry first").containsExactly(
                pending.key(), expired.key(), confirmed.key(), invalidated.key());
        assertThat(symbols(base + "&result=loss")).containsExactly(expired.key(), invalidated.key());
        assertThat(symbols(base + "&result=loss&exit=invalidation_stop")).containsExactly(expired.key());
        assertThat(symbols(base + "&status=open")).containsExactly(pending.key());
        assertThat(symbols(base + "&monitor_status=confirmed_abandonment")).containsExactly(confirmed.key());
        assertThat(symbols(base + "&start_date=2025-06-01&end_date=2025-06-01")).containsExactly(invalidated.key());
        JsonPath page = Api.get(base + "&page_size=3&page=2");
        assertThat(page.getInt("count")).isEqualTo(4);
        assertThat(page.getList("results")).hasSize(1);
        assertThat(page.getString("previous")).contains("page=1").contains("page_size=3");
        assertThat(page.<Object>get("next")).isNull();

        Map<String, Object> row = Api.monitorByKey(symbol, invalidated.key());
        long id = ((Number) row.get("id")).longValue();
        JsonPath detail = Api.get("/api/volume-trap/backtest/" + id + "/");
        assertThat(detail.getString("monitor_key")).isEqualTo(invalidated.key());
        assertThat(detail.getString("monitor_status")).isEqualTo("invalidated");
        assertThat(detail.getString("status")).isEqualTo("completed");
        assertThat(detail.getInt("version")).isEqualTo(31);
        assertThat(detail.getString("entry_price")).isEqualTo("100.00000000");
        assertThat(detail.getString("entry_time")).isEqualTo("2025-06-01T04:00:00Z");
        assertThat(detail.getInt("bars_to_lowest")).isEqualTo(3);
        assertThat(detail.<BigDecimal>get("max_profit_percent")).isEqualByComparingTo("12.00");
        assertThat(detail.<BigDecimal>get("rebound_percent")).isEqualByComparingTo("18.18");
        assertThat(detail.getBoolean("has_rebound")).isFalse();
        assertThat(detail.<BigDecimal>get("max_drawdown_percent")).isEqualByComparingTo("4.00");
        assertThat(detail.getString("exit_price")).isEqualTo("103.00000000");
        assertThat(detail.<BigDecimal>get("final_profit_percent")).isEqualByComparingTo("-3.00");
        assertThat(detail.getBoolean("is_profitable")).isFalse();
        assertThat(detail.getString("invalidation_stop.exit_price")).isEqualTo("98.00000000");
        assertThat(detail.<BigDecimal>get("invalidation_stop.final_profit_percent")).isEqualByComparingTo("2.00");
        assertThat(detail.getBoolean("invalidation_stop.is_profitable")).isTrue();
        assertThat(detail.getString("invalidation_stop.exited_by")).isEqualTo("invalidation");

        @SuppressWarnings("unchecked")
        Map<String, Object> listed = (Map<String, Object>) row.get("outcome");
        assertThat(listed).containsEntry("status", "completed").containsEntry("version", 31);
        assertThat(Api.get("/api/volume-trap/monitors/" + id + "/").getString("outcome.invalidation_stop.exited_by"))
                .isEqualTo("invalidation");
    }

    @Test
    void badParametersAre400sNamingTheField() {
        rejects("/api/volume-trap/backtest/?status=done", "status");
        rejects("/api/volume-trap/backtest/?monitor_status=sleeping", "monitor_status");
        rejects("/api/volume-trap/backtest/?exit=market", "exit");
        rejects("/api/volume-trap/backtest/?result=win", "result");
        rejects("/api/volume-trap/backtest/?order_by=id", "order_by");
        rejects("/api/volume-trap/backtest/?page_size=0", "page_size");
        rejects("/api/volume-trap/backtest/?page=zero", "page");
        rejects("/api/volume-trap/backtest/?market_type=perp", "market_type");
        rejects("/api/volume-trap/backtest/?interval=2h", "interval");
        rejects("/api/volume-trap/backtest/?start_date=2025-13-01", "start_date");
        rejects("/api/volume-trap/backtest/?start_date=2025-06-02&end_date=2025-06-01", "start_date");
        rejects("/api/volume-trap/backtest/statistics/?status=completed,done", "status");
        rejects("/api/volume-trap/backtest/statistics/?monitor_status=x", "monitor_status");
        rejects("/api/volume-trap/backtest/abc/", "id");
        given().get("/api/volume-trap/backtest/999999999/").then().statusCode(404);
        given().get("/api/volume-trap/backtest/?symbol=" + symbol + "&page=9").then().statusCode(404);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/volume-trap/backtest"))
                .body("paths", hasKey("/api/volume-trap/backtest/statistics"))
                .body("paths", hasKey("/api/volume-trap/backtest/{id}"))
                .body("components.schemas.BacktestStatistics.properties", hasKey("histogram_buckets"))
                .body("components.schemas.BacktestGroup.properties", hasKey("histograms"))
                .body("components.schemas.BacktestHistograms.properties", hasKey("invalidation_stop_profit"))
                .body("components.schemas.HistogramBuckets.properties", hasKey("lower_bounds"));
    }

    private static void rejects(String path, String parameter) {
        given().get(path).then().statusCode(400).body("parameter", equalTo(parameter));
    }

    private static List<String> symbols(String path) {
        return Api.get(path).getList("results.monitor_key");
    }
}
