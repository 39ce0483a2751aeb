package io.trapwatch.detection.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.trapwatch.detection.support.DetectionFixture;
import io.trapwatch.detection.support.MarketDataStub;
import io.trapwatch.detection.support.PlantedBars;
import io.trapwatch.detection.support.PlantedLifecycle;
import io.trapwatch.detection.support.ServiceTest;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.model.SeriesKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Catch-up and dry-run scans over market-data-service's stored bars, and their equivalence with the live path (D15). */
@ServiceTest
class ScanTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    DetectionFixture fixture;

    @Test
    @SuppressWarnings("unchecked")
    void liveCatchUpScanAndDryRunProduceIdenticalMonitorsTransitionsAndSnapshots() {
        SeriesKey live = DetectionFixture.uniqueSpotSeries("EQL");
        SeriesKey scanned = DetectionFixture.uniqueSpotSeries("EQS");
        SeriesKey dry = DetectionFixture.uniqueSpotSeries("EQD");
        MarketDataStub.plant(scanned, PlantedBars.bars());
        MarketDataStub.plant(dry, PlantedBars.bars());

        fixture.publish(live, PlantedBars.bars());
        fixture.awaitCursor(live, PlantedBars.openTime(PlantedBars.COUNT - 1));

        Map<String, Object> catchUp = runScan(Map.of("market_type", "spot", "interval", "1h", "symbols", List.of(scanned.symbol())));
        assertThat(catchUp.get("status")).isEqualTo("done");
        assertThat(catchUp).containsOnlyKeys("id", "status", "market_type", "interval", "dry_run", "request", "progress",
                "result", "error", "created_at", "finished_at").containsEntry("error", null);
        assertThat((Map<String, Object>) catchUp.get("request")).containsEntry("market_type", "spot")
                .containsEntry("interval", "1h").containsEntry("symbols", List.of(scanned.symbol()))
                .containsEntry("dry_run", false).containsEntry("start", null).containsEntry("thresholds", Map.of());
        // A catch-up reports counts and failures; only a dry run lists would-be monitors.
        assertThat(result(catchUp)).containsEntry("failed", List.of()).doesNotContainKey("monitors");
        assertThat(progress(catchUp)).containsEntry("series_done", 1).containsEntry("series_total", 1)
                .containsEntry("bars_processed", PlantedBars.COUNT);
        assertThat(result(catchUp)).containsEntry("discovered", 3).containsEntry("confirmed", 1)
                .containsEntry("validated", 1).containsEntry("invalidated", 1).containsEntry("expired", 1);

        Map<String, Object> dryRun = runScan(Map.of("market_type", "spot", "interval", "1h",
                "symbols", List.of(dry.symbol()), "dry_run", true));
        assertThat(result(dryRun)).containsEntry("discovered", 3).containsEntry("expired", 1);
        List<Map<String, Object>> wouldBe = monitorsOf(dryRun);
        PlantedLifecycle.assertMonitors(wouldBe);

        List<Map<String, Object>> liveMonitors = fixture.monitors(live);
        PlantedLifecycle.assertMonitors(liveMonitors);
        assertThat(DetectionFixture.comparable(fixture.monitors(scanned))).isEqualTo(DetectionFixture.comparable(liveMonitors));
        assertThat(DetectionFixture.comparable(wouldBe)).isEqualTo(DetectionFixture.comparable(liveMonitors));

        // The catch-up scan published like the live path; the dry run stored and published nothing.
        PlantedLifecycle.assertEvents(fixture.events(scanned, PlantedLifecycle.TRANSITIONS));
        assertThat(fixture.events(dry, 0)).isEmpty();
        assertThat(fixture.count("SELECT count(*) FROM detection.series_state WHERE symbol = ?", dry.symbol())).isZero();
        assertThat(fixture.count("SELECT count(*) FROM detection.monitor WHERE symbol = ?", dry.symbol())).isZero();

        // A second catch-up over bars already processed changes nothing.
        Map<String, Object> again = runScan(Map.of("market_type", "spot", "interval", "1h", "symbols", List.of(scanned.symbol())));
        assertThat(result(again)).containsEntry("discovered", 0).containsEntry("total", 0);
        assertThat(progress(again)).containsEntry("bars_processed", 0);
        assertThat(fixture.count("SELECT count(*) FROM detection.monitor_transition t JOIN detection.monitor m ON m.id = t.monitor_id "
                + "WHERE m.symbol = ?", scanned.symbol())).isEqualTo(PlantedLifecycle.TRANSITIONS);
        assertThat(fixture.events(scanned, PlantedLifecycle.TRANSITIONS)).hasSize(PlantedLifecycle.TRANSITIONS);
    }

    @Test
    void catchUpProcessesOnlyTheBarsAfterTheCursorAndStartOnlyFiltersTheReport() {
        SeriesKey series = DetectionFixture.uniqueSpotSeries("CUP");
        MarketDataStub.plant(series, PlantedBars.bars());
        fixture.publish(series, PlantedBars.bars().subList(0, 50));
        fixture.awaitCursor(series, PlantedBars.openTime(49));

        Map<String, Object> scan = runScan(Map.of("market_type", "spot", "interval", "1h", "symbols", List.of(series.symbol()),
                "start", PlantedBars.openTime(100).toString()));
        assertThat(progress(scan)).containsEntry("bars_processed", PlantedBars.COUNT - 50);
        // Only transitions on bars from 100 on are reported: pump 3's discovery (128) and expiry (133).
        assertThat(result(scan)).containsEntry("discovered", 1).containsEntry("validated", 0)
                .containsEntry("invalidated", 0).containsEntry("expired", 1);
        PlantedLifecycle.assertMonitors(fixture.monitors(series));
        PlantedLifecycle.assertEvents(fixture.events(series, PlantedLifecycle.TRANSITIONS));
    }

    @Test
    void dryRunWithRaisedThresholdFindsNothingAndEndCutsTheReplay() {
        SeriesKey series = DetectionFixture.uniqueSpotSeries("THR");
        MarketDataStub.plant(series, PlantedBars.bars());
        Map<String, Object> strict = runScan(Map.of("market_type", "spot", "interval", "1h", "symbols", List.of(series.symbol()),
                "dry_run", true, "thresholds", Map.of("rvol_threshold", 25.0)));
        assertThat(result(strict)).containsEntry("total", 0);
        assertThat(monitorsOf(strict)).isEmpty();

        Map<String, Object> untilConfirmation = runScan(Map.of("market_type", "spot", "interval", "1h",
                "symbols", List.of(series.symbol()), "dry_run", true, "end", PlantedBars.openTime(PlantedBars.CONFIRM_1).toString()));
        assertThat(progress(untilConfirmation)).containsEntry("bars_processed", PlantedBars.CONFIRM_1 + 1);
        assertThat(monitorsOf(untilConfirmation)).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("status", "suspected_abandonment").containsEntry("trigger_price", "104")
                    .containsEntry("phase_2_passed", true).containsEntry("market_type", "spot").containsEntry("interval", "1h");
            assertThat((List<?>) m.get("transitions")).hasSize(2);
        });
    }

    @Test
    void aScanWithoutSymbolsCoversEverySeriesMarketDataHasForTheMarketAndInterval() {
        SeriesKey a = SeriesKey.parse("futures:ALLAUSDT:4h");
        SeriesKey b = SeriesKey.parse("futures:ALLBUSDT:4h");
        MarketDataStub.plant(a, PlantedBars.bars());
        MarketDataStub.plant(b, PlantedBars.bars().subList(0, 60));
        Map<String, Object> scan = runScan(Map.of("market_type", "futures", "interval", "4h", "dry_run", true));
        assertThat(progress(scan)).containsEntry("series_total", 2).containsEntry("series_done", 2)
                .containsEntry("bars_processed", PlantedBars.COUNT + 60);
        assertThat(monitorsOf(scan)).extracting(m -> m.get("symbol"), m -> m.get("market_type"), m -> m.get("interval"))
                .contains(org.assertj.core.groups.Tuple.tuple("ALLBUSDT", "futures", "4h"));
        assertThat(result(scan)).containsEntry("discovered", 4);
    }

    @Test
    void badInputIsA400NamingTheField() {
        rejects(Map.of("market_type", "margin", "interval", "1h"), "market_type");
        rejects(Map.of("interval", "1h"), "market_type");
        rejects(Map.of("market_type", "spot", "interval", "5m"), "interval");
        rejects(Map.of("market_type", "spot", "interval", "1h", "start", "2024-02-01", "end", "2024-01-01"), "start");
        rejects(Map.of("market_type", "spot", "interval", "1h", "start", "yesterday"), "start");
        rejects(Map.of("market_type", "spot", "interval", "1h", "symbols", List.of("btc/usdt")), "symbols");
        rejects(Map.of("market_type", "spot", "interval", "1h", "dry_run", "yes"), "dry_run");
        rejects(Map.of("market_type", "spot", "interval", "1h", "dry_run", true, "thresholds", Map.of("rvol", 3)), "thresholds.rvol");
        rejects(Map.of("market_type", "spot", "interval", "1h", "dry_run", true, "thresholds", Map.of("rvol_threshold", -1)),
                "thresholds.rvol_threshold");
        rejects(Map.of("market_type", "spot", "interval", "1h", "dry_run", true, "thresholds", Map.of("rvol_threshold", "high")),
                "thresholds.rvol_threshold");
        rejects(Map.of("market_type", "spot", "interval", "1h", "thresholds", Map.of("rvol_threshold", 9)), "thresholds");
        given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON).body("{not json").post("/api/detection/scans")
                .then().statusCode(400).body("parameter", equalTo("body"));
        given().get("/api/detection/scans/not-a-uuid").then().statusCode(400).body("parameter", equalTo("id"));
        given().get("/api/detection/scans/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().get("/api/detection/monitors?market_type=perp").then().statusCode(400)
                .body("parameter", equalTo("market_type")).body("allowed", hasItem("futures")).body("received", equalTo("perp"));
    }

    private static void rejects(Map<String, Object> body, String field) {
        given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON).body(body).post("/api/detection/scans")
                .then().statusCode(400).body("parameter", equalTo(field)).body("error", notNullValue());
    }

    private Map<String, Object> runScan(Map<String, Object> request) {
        String id = given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON).body(request).post("/api/detection/scans")
                .then().statusCode(202).body("status", equalTo("running")).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                !"running".equals(given().get("/api/detection/scans/" + id).then().statusCode(200).extract().path("status")));
        String body = given().get("/api/detection/scans/" + id).then().statusCode(200).extract().asString();
        try {
            return mapper.readValue(body, new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> progress(Map<String, Object> scan) {
        return (Map<String, Object>) scan.get("progress");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Map<String, Object> scan) {
        return (Map<String, Object>) scan.get("result");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> monitorsOf(Map<String, Object> scan) {
        return (List<Map<String, Object>>) result(scan).get("monitors");
    }
}
