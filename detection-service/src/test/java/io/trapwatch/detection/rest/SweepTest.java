package io.trapwatch.detection.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.infra.http.PrometheusText;
import io.trapwatch.detection.domain.Bar;
import io.trapwatch.detection.domain.Outcome;
import io.trapwatch.detection.domain.OutcomeCalculator;
import io.trapwatch.detection.domain.OutcomeState;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.support.DetectionFixture;
import io.trapwatch.detection.support.MarketDataStub;
import io.trapwatch.detection.support.PlantedBars;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.model.Kline;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.model.outcome.Trade;
import io.trapwatch.model.outcome.TradeStatistics;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Threshold sweeps over market-data-service's bars (real series of the parity set and the planted one): a
 * combination equals the dry-run scan with the same thresholds, ranking, out-of-sample split, cancel, bad grids.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStub.class, restrictToAnnotatedClass = false)
class SweepTest {

    private static final List<String> REAL = List.of("BTCUSDT", "ETHUSDT", "DOGEUSDT", "SOLUSDT", "MANAUSDT", "AXSUSDT");

    @Inject
    ObjectMapper mapper;

    /** The planted series and six real spot 1h series, under symbols of their own; bars by symbol. */
    private Map<String, List<Kline>> plantSeries(String prefix) throws IOException {
        Map<String, List<Kline>> planted = new LinkedHashMap<>();
        String tag = prefix + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
        planted.put(tag + "PLANTUSDT", PlantedBars.bars());
        for (String symbol : REAL) {
            planted.put(tag + symbol, parity("/parity/spot/" + symbol + "-1h.json"));
        }
        planted.forEach((symbol, bars) -> MarketDataStub.plant(SeriesKey.parse("spot:" + symbol + ":1h"), bars));
        return planted;
    }

    private List<Kline> parity(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            List<Kline> out = new ArrayList<>();
            for (JsonNode r : mapper.readTree(in)) {
                out.add(new Kline(Instant.ofEpochMilli(r.get(0).asLong()), Instant.ofEpochMilli(r.get(6).asLong()),
                        new BigDecimal(r.get(1).asText()), new BigDecimal(r.get(2).asText()), new BigDecimal(r.get(3).asText()),
                        new BigDecimal(r.get(4).asText()), new BigDecimal(r.get(5).asText()), BigDecimal.ZERO, 0,
                        BigDecimal.ZERO, BigDecimal.ZERO));
            }
            return out;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCombinationEqualsTheDryRunScanWithTheSameThresholds() throws Exception {
        Map<String, List<Kline>> planted = plantSeries("SWE");
        List<String> symbols = List.copyOf(planted.keySet());
        Map<String, Object> thresholds = Map.of("rvol_threshold", 5, "amplitude_threshold", 2.5);
        Map<String, Object> dryRun = await("/api/detection/scans", Map.of("market_type", "spot", "interval", "1h",
                "symbols", symbols, "dry_run", true, "thresholds", thresholds));
        List<Map<String, Object>> monitors = (List<Map<String, Object>>) ((Map<String, Object>) dryRun.get("result")).get("monitors");
        assertThat(monitors).hasSizeGreaterThan(5);

        // What the dry run's monitors did afterwards, by the one calculator.
        Map<String, Integer> byStatus = new HashMap<>();
        List<Trade> hold = new ArrayList<>();
        List<Trade> stop = new ArrayList<>();
        for (Map<String, Object> m : monitors) {
            byStatus.merge((String) m.get("status"), 1, Integer::sum);
            List<Bar> bars = planted.get((String) m.get("symbol")).stream().map(k -> ClosedBar.of(k).toBar()).toList();
            long trigger = Instant.parse((String) m.get("trigger_time")).toEpochMilli();
            int index = 0;
            while (bars.get(index).openTime() != trigger) {
                index++;
            }
            OutcomeState state = OutcomeCalculator.compute(bars, index, 30);
            if (state.status() == OutcomeStatus.COMPLETED) {
                hold.add(Outcome.of(state).trade(false));
                stop.add(Outcome.of(state).trade(true));
            }
        }
        assertThat(hold).hasSizeGreaterThan(3);

        double sweepsDone = sweepsEnded("done");
        Map<String, Object> sweep = await("/api/detection/sweeps", Map.of("market_type", "spot", "interval", "1h",
                "symbols", symbols, "grid", Map.of("rvol_threshold", List.of(5, 50), "amplitude_threshold", List.of(2.5))));
        assertThat(sweep.get("status")).isEqualTo("done");
        assertThat(sweepsEnded("done")).isEqualTo(sweepsDone + 1);
        assertThat((Map<String, Object>) sweep.get("request")).containsEntry("market_types", List.of("spot"))
                .containsEntry("intervals", List.of("1h")).containsEntry("combinations", 2)
                .containsEntry("rank_by", "invalidation_stop.profit_factor").containsEntry("train_fraction", null);
        assertThat(sweep).containsEntry("failed", List.of()).containsEntry("error", null).containsKeys("read_ms", "run_ms");
        assertThat((Map<String, Object>) sweep.get("progress")).containsEntry("series_read", 7).containsEntry("series_total", 7)
                .containsEntry("combinations_done", 2).containsEntry("combinations_total", 2);
        List<Map<String, Object>> results = (List<Map<String, Object>>) sweep.get("results");
        Map<String, Object> same = results.stream()
                .filter(r -> ((Map<String, Object>) r.get("settings")).get("rvol_threshold").equals(5.0)).findFirst().orElseThrow();
        Map<String, Object> stats = (Map<String, Object>) same.get("statistics");
        assertThat(stats.get("monitors")).isEqualTo(monitors.size());
        for (Map.Entry<String, Integer> e : byStatus.entrySet()) {
            assertThat(((Map<String, Object>) stats.get("monitors_by_status")).get(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(stats.get("completed_outcomes")).isEqualTo(hold.size());
        assertThat(stats.get("hold")).isEqualTo(json(TradeStatistics.of(hold)));
        assertThat(stats.get("invalidation_stop")).isEqualTo(json(TradeStatistics.of(stop)));
        assertThat(same.get("out_of_sample")).isNull();

        // Ranked by the invalidation stop's profit factor; rvol 50 finds nothing and ranks last.
        assertThat(results).extracting(r -> r.get("rank")).containsExactly(1, 2);
        Map<String, Object> none = results.get(1);
        assertThat(((Map<String, Object>) none.get("settings")).get("rvol_threshold")).isEqualTo(50.0);
        assertThat(((Map<String, Object>) none.get("statistics")).get("monitors")).isEqualTo(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOutOfSampleSplitRanksOnTheEarlierPartAndReportsTheLaterBeside() throws Exception {
        List<String> symbols = List.copyOf(plantSeries("OOS").keySet());
        Map<String, Object> sweep = await("/api/detection/sweeps", Map.of("market_type", "spot", "interval", "1h",
                "symbols", symbols, "train_fraction", 0.5, "rank_by", "hold.trades",
                "grid", Map.of("rvol_threshold", List.of(4, 6, 8))));
        List<Map<String, Object>> results = (List<Map<String, Object>>) sweep.get("results");
        assertThat(results).hasSize(3);
        for (Map<String, Object> r : results) {
            assertThat(r.get("out_of_sample")).isNotNull();
        }
        // rank_by hold.trades: the lowest threshold finds the most, in the earlier part.
        List<Integer> trades = results.stream()
                .map(r -> (Integer) ((Map<String, Object>) ((Map<String, Object>) r.get("statistics")).get("hold")).get("total_trades"))
                .toList();
        assertThat(trades).isSortedAccordingTo((a, b) -> b - a);
        assertThat(((Map<String, Object>) results.get(0).get("settings")).get("rvol_threshold")).isEqualTo(4.0);
        // The split is by time: the two parts together hold the monitors of the unsplit run of the same combination.
        Map<String, Object> whole = await("/api/detection/sweeps", Map.of("market_type", "spot", "interval", "1h",
                "symbols", symbols, "grid", Map.of("rvol_threshold", List.of(4))));
        int all = (Integer) ((Map<String, Object>) ((List<Map<String, Object>>) whole.get("results")).get(0).get("statistics")).get("monitors");
        int earlier = (Integer) ((Map<String, Object>) results.get(0).get("statistics")).get("monitors");
        int later = (Integer) ((Map<String, Object>) results.get(0).get("out_of_sample")).get("monitors");
        assertThat(earlier + later).isEqualTo(all);
        assertThat(earlier).isPositive();
        assertThat(later).isPositive();
    }

    @Test
    void deleteCancelsARunningSweep() throws Exception {
        List<String> symbols = List.copyOf(plantSeries("CAN").keySet());
        List<Double> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(3 + i * 0.1);
        }
        double cancelled = sweepsEnded("cancelled");
        String id = given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON).body(Map.of("market_type", "spot", "interval", "1h", "symbols", symbols,
                        "grid", Map.of("rvol_threshold", many, "amplitude_threshold", many)))
                .post("/api/detection/sweeps").then().statusCode(202).extract().path("id");
        given().auth().oauth2(TestTokens.OPERATOR).delete("/api/detection/sweeps/" + id).then().statusCode(200).body("status", equalTo("cancelled"));
        given().auth().oauth2(TestTokens.OPERATOR).get("/api/detection/sweeps/" + id).then().statusCode(200).body("status", equalTo("cancelled"))
                .body("results.size()", equalTo(0));
        assertThat(sweepsEnded("cancelled")).isEqualTo(cancelled + 1);
        given().auth().oauth2(TestTokens.OPERATOR).delete("/api/detection/sweeps/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().auth().oauth2(TestTokens.OPERATOR).get("/api/detection/sweeps/nope").then().statusCode(400).body("parameter", equalTo("id"));
    }

    @Test
    void badGridsAreRejectedNamingTheField() {
        rejects(Map.of("grid", Map.of("rvol_treshold", List.of(8))), "grid.rvol_treshold");
        rejects(Map.of("grid", Map.of("rvol_threshold", List.of())), "grid.rvol_threshold");
        rejects(Map.of("grid", Map.of("rvol_threshold", List.of(8, -1))), "grid.rvol_threshold");
        rejects(Map.of("grid", Map.of("upper_shadow_threshold", List.of(1.5))), "grid.upper_shadow_threshold");
        rejects(Map.of("grid", Map.of("rvol_lookback", List.of(20.5))), "grid.rvol_lookback");
        rejects(Map.of("grid", Map.of("rvol_threshold", "8")), "grid.rvol_threshold");
        rejects(Map.of("grid", Map.of()), "grid");
        rejects(Map.of(), "grid");
        List<Integer> hundredAndOne = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            hundredAndOne.add(i);
        }
        rejects(Map.of("grid", Map.of("rvol_threshold", hundredAndOne, "amplitude_threshold", hundredAndOne)), "grid");
        Map<String, Object> ok = Map.of("rvol_threshold", List.of(8));
        rejects(Map.of("grid", ok, "rank_by", "sharpe"), "rank_by");
        rejects(Map.of("grid", ok, "market_type", "perp"), "market_type");
        rejects(Map.of("grid", ok, "interval", "2h"), "interval");
        rejects(Map.of("grid", ok, "observation_bars", -1), "observation_bars");
        rejects(Map.of("grid", ok, "train_fraction", 1.5), "train_fraction");
        rejects(Map.of("grid", ok, "train_fraction", 0.5, "train_until", "2024-01-01"), "train_fraction");
        rejects(Map.of("grid", ok, "train_until", "yesterday"), "train_until");
        rejects(Map.of("grid", ok, "start", "2024-02-01", "end", "2024-01-01"), "start");
        given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON).body("{not json").post("/api/detection/sweeps").then().statusCode(400)
                .body("parameter", equalTo("body"));
    }

    /** Sweeps that ended so, by the service's metric. */
    private static double sweepsEnded(String outcome) {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .sum("trapwatch_sweep_duration_seconds_count", "outcome", outcome);
    }

    private static void rejects(Map<String, Object> body, String field) {
        given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON).body(body).post("/api/detection/sweeps")
                .then().statusCode(400).body("parameter", equalTo(field)).body("error", notNullValue());
    }

    /** The statistics as the API renders them (snake_case), parsed back as the test parses answers. */
    private Object json(TradeStatistics statistics) throws IOException {
        ObjectMapper snake = mapper.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return mapper.readValue(snake.writeValueAsString(statistics), new TypeReference<Map<String, Object>>() {
        });
    }

    private Map<String, Object> await(String path, Map<String, Object> request) {
        String id = given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON).body(request).post(path)
                .then().statusCode(202).extract().path("id");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                !"running".equals(given().auth().oauth2(TestTokens.OPERATOR).get(path + "/" + id).then().statusCode(200).extract().path("status")));
        String body = given().auth().oauth2(TestTokens.OPERATOR).get(path + "/" + id).then().statusCode(200).extract().asString();
        try {
            return mapper.readValue(body, new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
