package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.infra.http.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system, end to end, over HTTP only: real PostgreSQL and Kafka, the three packaged services as separate
 * processes, a replay directory mixing real Binance series with planted ones. Flows 1–4 for both markets, then live
 * operation bar by bar with detection-service SIGKILLed mid-stream, then the checks.
 */
class LocalSystemIT {

    private static final Path WORK = Path.of("target/e2e").toAbsolutePath();

    private static LocalSystem system;
    private static ServiceProcess marketData;
    private static ServiceProcess detection;
    private static ServiceProcess api;

    @BeforeAll
    static void startSystem() throws Exception {
        system = LocalSystem.start(WORK);
        marketData = system.marketData;
        detection = system.detection;
        api = system.api;
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theFourFlowsLiveOperationAndACrashGiveTheSameMonitorsAsAFullReplay() throws Exception {
        // Writes need the operator token: without it, or with another, nothing is synced.
        String syncSpot = marketData.baseUrl() + "/api/market-data/instruments/sync?market_type=spot&exchange=binance";
        for (String bearer : new String[]{null, Http.token + "x"}) {
            HttpResponse<String> refused = Http.postWithToken(syncSpot, bearer);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(Http.JSON.readTree(refused.body()).path("error").asText()).isEqualTo("unauthorized");
        }
        assertThat(Http.get(marketData.baseUrl() + "/api/market-data/instruments?market_type=spot").path("count").asInt()).isZero();

        // Flow 1: sync trading pairs, both markets; the planted symbols are listed by the replayed exchange.
        for (String market : List.of("spot", "futures")) {
            JsonNode sync = Http.post(marketData.baseUrl() + "/api/market-data/instruments/sync?market_type=" + market + "&exchange=binance");
            assertThat(sync.path("active").asInt()).as(market + " active instruments").isPositive();
        }
        // Flow 2: update K-lines with full back-fill.
        for (String[] series : LocalSystem.BACKFILLED) {
            JsonNode update = system.update(series[0], series[1], "&backfill=5000");
            assertThat(update.path("failed")).as("failed symbols of " + String.join(" ", series)).isEmpty();
        }
        system.awaitQuiet();

        // Live operation: the replay clock advances one 1h bar at a time; detection-service is SIGKILLed mid-stream,
        // the next bar is published while it is down, and the restarted process must take its partitions back.
        int killedAt = PlantedSeries.PUMP + 4 - LocalSystem.VISIBLE_AT_START;
        for (int step = 1; step <= LocalSystem.STEPS; step++) {
            if (step == killedAt + 1) {
                long killed = System.nanoTime();
                detection.kill();
                system.nextBar();
                detection.start();
                long ready = System.nanoTime();
                awaitFirstBarProcessed(detection);
                long processing = System.nanoTime();
                System.out.printf("detection-service SIGKILLed and restarted: ready %.1f s after the kill, first bar processed"
                        + " %.1f s after readiness (%.1f s after the kill); session timeout %d s%n", (ready - killed) / 1e9,
                        (processing - ready) / 1e9, (processing - killed) / 1e9, SESSION_TIMEOUT.toSeconds());
                // Without static membership the restarted consumers would wait for the dead members' sessions to expire.
                assertThat(Duration.ofNanos(processing - ready)).as("restart -> first processed bar").isLessThan(SESSION_TIMEOUT);
            } else {
                system.nextBar();
            }
        }
        system.awaitQuiet();

        // Flow 3: a catch-up scan over everything already processed changes nothing.
        for (String[] series : LocalSystem.BACKFILLED) {
            JsonNode scan = system.scan("{\"market_type\":\"" + series[0] + "\",\"interval\":\"" + series[1] + "\"}");
            assertThat(scan.path("status").asText()).isEqualTo("done");
            for (String kind : List.of("discovered", "confirmed", "validated", "invalidated", "expired")) {
                assertThat(scan.path("result").path(kind).asInt()).as(kind + " in catch-up " + String.join(" ", series)).isZero();
            }
        }

        // Flow 4: the monitor API shows each planted lifecycle exactly.
        assertLifecycle("spot", "PLANTAUSDT", "confirmed_abandonment",
                List.of("null>pending@40", "pending>suspected_abandonment@43", "suspected_abandonment>confirmed_abandonment@53"));
        assertLifecycle("futures", "PLANTEUSDT", "confirmed_abandonment",
                List.of("null>pending@40", "pending>suspected_abandonment@43", "suspected_abandonment>confirmed_abandonment@53"));
        assertLifecycle("spot", "PLANTBUSDT", "invalidated", List.of("null>pending@40", "pending>invalidated@41"));
        assertLifecycle("futures", "PLANTFUSDT", "invalidated", List.of("null>pending@40", "pending>invalidated@41"));
        assertLifecycle("spot", "PLANTCUSDT", "invalidated",
                List.of("null>pending@40", "pending>suspected_abandonment@43", "suspected_abandonment>invalidated@44"));
        assertLifecycle("spot", "PLANTDUSDT", "expired", List.of("null>pending@40", "pending>expired@45"));

        assertMarketsNeverMix();
        assertEveryMonitorHasItsOutcome();
        assertFirstDiscoveriesMatchTheReference();
        Map<String, List<String>> live = system.liveTransitions();
        assertExactlyOneEventPerTransition(live);
        assertDryRunEqualsLive(live);
        assertSweepThroughTheApiIsDetectionsSweep();
        assertMetricsCountWhatHappened(live);
    }

    /** The services' consumer session timeout (service-support's ConsumerMembershipConfig default). */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);

    /** Waits until a freshly started detection-service has run its engine on a bar (its counter starts at zero). */
    private static void awaitFirstBarProcessed(ServiceProcess detection) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (PrometheusText.parse(Http.text(detection.baseUrl() + "/q/metrics")).sum("trapwatch_engine_bar_seconds_count") == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the restarted detection-service processed no bar in 3 minutes");
            }
            Thread.sleep(100);
        }
    }

    /**
     * The dashboard's way to a sweep: started and read through monitor-api-service's proxy (with the token), it is
     * the very sweep detection-service holds, results and all.
     */
    private static void assertSweepThroughTheApiIsDetectionsSweep() throws Exception {
        JsonNode started = Http.post(api.baseUrl() + "/api/volume-trap/sweeps",
                "{\"market_type\":\"spot\",\"interval\":\"1h\",\"grid\":{\"rvol_threshold\":[8,12]}}");
        String id = started.path("id").asText();
        assertThat(started.path("location").asText()).isEqualTo("/api/volume-trap/sweeps/" + id);
        JsonNode viaApi = Http.get(api.baseUrl() + "/api/volume-trap/sweeps/" + id);
        for (long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
             viaApi.path("status").asText().equals("running") && System.nanoTime() < deadline; ) {
            Thread.sleep(200);
            viaApi = Http.get(api.baseUrl() + "/api/volume-trap/sweeps/" + id);
        }
        assertThat(viaApi.path("status").asText()).isEqualTo("done");
        assertThat(viaApi.path("progress").path("combinations_done").asInt()).isEqualTo(2);
        assertThat(viaApi.path("results")).hasSize(2);
        assertThat(viaApi).isEqualTo(Http.get(detection.baseUrl() + "/api/detection/sweeps/" + id));
    }

    /**
     * Each service's /q/metrics against what the APIs said: bars stored and published = the updates' bars_saved,
     * outboxes empty, transitions per market and status = the monitor API's transition logs (in detection-service
     * and in the read model). And every metric the Grafana dashboard and the alert rules read is really exposed.
     */
    private static void assertMetricsCountWhatHappened(Map<String, List<String>> live) throws Exception {
        PrometheusText md = PrometheusText.parse(Http.text(marketData.baseUrl() + "/q/metrics"));
        PrometheusText det = PrometheusText.parse(Http.text(detection.baseUrl() + "/q/metrics"));
        PrometheusText read = PrometheusText.parse(Http.text(api.baseUrl() + "/q/metrics"));
        assertThat(md.sum("trapwatch_bars_stored_total")).isEqualTo(system.barsSaved).isPositive();
        assertThat(md.sum("trapwatch_events_published_total")).isEqualTo(system.barsSaved);
        assertThat(md.sum("trapwatch_outbox_depth")).isZero();
        assertThat(det.sum("trapwatch_outbox_depth")).isZero();

        Map<String, Long> byMarketAndStatus = new TreeMap<>();
        live.forEach((monitor, transitions) -> transitions.forEach(t -> byMarketAndStatus.merge(
                monitor.substring(0, monitor.indexOf(':')) + " " + t.substring(t.indexOf('>') + 1, t.indexOf('@')), 1L, Long::sum)));
        assertThat(byMarketAndStatus).isNotEmpty();
        for (String market : List.of("spot", "futures")) {
            for (String status : List.of("pending", "suspected_abandonment", "confirmed_abandonment", "invalidated", "expired")) {
                long expected = byMarketAndStatus.getOrDefault(market + " " + status, 0L);
                assertThat(det.sum("trapwatch_transitions_stored", "market_type", market, "status", status))
                        .as("detection-service transitions %s %s", market, status).isEqualTo(expected);
                assertThat(read.sum("trapwatch_read_model_transitions", "market_type", market, "status", status))
                        .as("read model transitions %s %s", market, status).isEqualTo(expected);
            }
        }

        Set<String> exposed = new TreeSet<>();
        List.of(md, det, read).forEach(text -> exposed.addAll(text.names()));
        JsonNode dashboard = Http.JSON.readTree(GrafanaDashboardTest.DASHBOARD.toFile());
        for (String expr : PromQlMetrics.dashboardExpressions(dashboard)) {
            assertThat(exposed).as("metrics of the dashboard query " + expr).containsAll(PromQlMetrics.in(expr));
        }
        JsonNode rules = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(
                GrafanaDashboardTest.DASHBOARD.resolveSibling("alerts.yaml").toFile());
        for (JsonNode group : rules.at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                Set<String> names = new TreeSet<>(PromQlMetrics.in(rule.path("expr").asText()));
                // Written by Prometheus itself (up) and by kube-state-metrics, not by the services.
                names.removeIf(n -> n.equals("up") || n.startsWith("kube_"));
                assertThat(exposed).as("metrics of alert " + rule.path("alert").asText()).containsAll(names);
            }
        }
    }

    /** Outcomes went detection-service → Kafka → monitor-api-service for every monitor, live and after the crash. */
    private static void assertEveryMonitorHasItsOutcome() throws Exception {
        List<JsonNode> all = system.monitors("");
        assertThat(all).isNotEmpty();
        for (JsonNode m : all) {
            assertThat(m.path("outcome").path("status").asText()).as("outcome of " + m.path("monitor_key").asText())
                    .isIn("open", "completed", "insufficient_data");
        }
        assertThat(Http.get(api.baseUrl() + "/api/volume-trap/backtest/?page_size=1").path("count").asInt()).isEqualTo(all.size());
        JsonNode planted = system.monitors("&market_type=spot&symbol=PLANTAUSDT").get(0);
        // The entry is the bar after the trigger bar (1h series).
        assertThat(java.time.Instant.parse(planted.path("outcome").path("entry_time").asText()))
                .isEqualTo(java.time.Instant.parse(planted.path("trigger_time").asText()).plusSeconds(3600));
    }

    private static void assertLifecycle(String market, String symbol, String status, List<String> expected) throws Exception {
        List<JsonNode> found = system.monitors("&market_type=" + market + "&symbol=" + symbol);
        assertThat(found).as(market + " " + symbol).hasSize(1);
        JsonNode detail = Http.get(api.baseUrl() + "/api/volume-trap/monitors/" + found.get(0).path("id").asLong() + "/");
        assertThat(detail.path("status").asText()).isEqualTo(status);
        assertThat(detail.path("trigger_time").asText()).satisfies(
                t -> assertThat(Instant.parse(t)).isEqualTo(PlantedSeries.openTime(PlantedSeries.PUMP)));
        assertThat(new BigDecimal(detail.path("trigger_price").asText())).isEqualByComparingTo("104");
        List<String> transitions = new ArrayList<>();
        for (JsonNode t : detail.path("transitions")) {
            long hours = Duration.between(PlantedSeries.START, Instant.parse(t.path("bar_time").asText())).toHours();
            transitions.add((t.path("from").isNull() ? "null" : t.path("from").asText()) + ">" + t.path("to").asText() + "@" + hours);
        }
        assertThat(transitions).as(market + " " + symbol).containsExactlyElementsOf(expected);
    }

    private static void assertMarketsNeverMix() throws Exception {
        for (String market : List.of("spot", "futures")) {
            List<JsonNode> found = system.monitors("&market_type=" + market);
            assertThat(found).isNotEmpty().allSatisfy(m -> assertThat(m.path("market_type").asText()).isEqualTo(market));
        }
        assertThat(system.monitors("&market_type=spot&symbol=PLANTEUSDT")).isEmpty();
        assertThat(system.monitors("&market_type=futures&symbol=PLANTAUSDT")).isEmpty();
    }

    private static void assertFirstDiscoveriesMatchTheReference() throws Exception {
        JsonNode reference = Http.JSON.readTree(LocalSystemIT.class.getResourceAsStream("/reference-discovery.json"));
        Map<String, JsonNode> expected = new HashMap<>();
        reference.forEach(r -> expected.put(r.path("market_type").asText() + ":" + r.path("symbol").asText() + ":" + r.path("interval").asText(), r));
        for (String file : LocalSystem.REAL_FILES) {
            String market = file.substring(0, file.indexOf('/'));
            String name = Path.of(file).getFileName().toString().replace(".json", "");
            String symbol = name.substring(0, name.indexOf('-'));
            String interval = name.substring(name.indexOf('-') + 1);
            List<JsonNode> found = system.monitors("&market_type=" + market + "&symbol=" + symbol + "&interval=" + interval);
            JsonNode ref = expected.get(market + ":" + symbol + ":" + interval);
            if (ref == null) {
                assertThat(found).as("no reference discovery for " + name).isEmpty();
                continue;
            }
            JsonNode first = found.get(found.size() - 1); // newest first
            assertThat(Instant.parse(first.path("trigger_time").asText())).as(name)
                    .isEqualTo(Instant.parse(ref.path("trigger_open_time").asText()));
            for (String field : List.of("trigger_price", "trigger_volume", "trigger_high", "trigger_low")) {
                // The reference stored values through a double: the file's digits beyond the 15th are not in it.
                BigDecimal ours = new BigDecimal(first.path(field).asText()).round(new MathContext(15));
                assertThat(ours).as(name + " " + field).isEqualByComparingTo(ref.path(field).asText());
            }
        }
    }

    /**
     * One event per transition on the topic. The outbox publishes at least once: a SIGKILL between the broker's
     * acknowledgement and the delete of the acknowledged rows (this run kills detection-service while it publishes)
     * sends those events again after the restart, under the same deterministic id and with the same content, and
     * consumers drop the repeat by id (the read model's one-transition-each is checked above). So: every transition
     * has exactly one distinct event, and a repeat, if any, is byte for byte the event it repeats.
     */
    private static void assertExactlyOneEventPerTransition(Map<String, List<String>> live) {
        int transitions = live.values().stream().mapToInt(List::size).sum();
        Map<String, String> byId = new HashMap<>();
        int records = system.readTopic(LocalSystem.MONITOR_STATE_CHANGED, transitions, (key, value) -> {
            String first = byId.putIfAbsent(LocalSystem.json(value).path("eventId").asText(), value);
            assertThat(first == null || first.equals(value)).as("a repeated event equals its first copy: " + value).isTrue();
        });
        assertThat(byId).as("one distinct event per transition").hasSize(transitions);
        System.out.println("events on the topic: " + records + " records, " + byId.size() + " distinct (repeats after the SIGKILL: "
                + (records - byId.size()) + ")");
    }

    /** The back-filled run: fresh engines over every stored bar must give exactly what live operation gave. */
    private static void assertDryRunEqualsLive(Map<String, List<String>> live) throws Exception {
        assertThat(system.dryRunTransitions()).isEqualTo(live);
    }
}
