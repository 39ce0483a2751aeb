package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapwatch.deploy.PlantedSeries.Scenario;
import io.trapwatch.infra.KafkaBroker;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.infra.http.PrometheusText;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system, end to end, over HTTP only: real PostgreSQL and Kafka, the three packaged services as separate
 * processes, a replay directory mixing real Binance series with planted ones. Flows 1–4 for both markets, then live
 * operation bar by bar with detection-service SIGKILLed mid-stream, then the checks.
 */
class LocalSystemIT {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    /** Where the packaged services are: this checkout unless {@code -Dtrapwatch.services.dir} points elsewhere. */
    private static final Path SERVICES = Path.of(System.getProperty("trapwatch.services.dir", REPO.toString()));
    private static final Path WORK = Path.of("target/e2e").toAbsolutePath();
    private static final Path SAMPLE = REPO.resolve("deploy/local/data/binance");
    /** Real series replayed alongside the planted ones (all of them end before the planted series start). */
    private static final List<String> REAL_FILES = List.of(
            "futures/klines/NMRUSDT-1h.json", "futures/klines/QNTUSDT-1h.json", "futures/klines/BTCUSDT-1h.json",
            "futures/klines/ETHUSDT-1h.json", "spot/klines/MANAUSDT-4h.json", "spot/klines/MANAUSDT-1d.json",
            "spot/klines/DOGEUSDT-4h.json", "spot/klines/BTCUSDT-4h.json");
    private static final Map<String, Scenario> PLANTED = Map.of(
            "spot:PLANTAUSDT", Scenario.LIFECYCLE, "spot:PLANTBUSDT", Scenario.RECOVERY,
            "spot:PLANTCUSDT", Scenario.SUSPECTED_THEN_RECOVERY, "spot:PLANTDUSDT", Scenario.HEAVY_VOLUME,
            "futures:PLANTEUSDT", Scenario.LIFECYCLE, "futures:PLANTFUSDT", Scenario.RECOVERY);
    /** Bars visible when the system starts; the rest arrive one closed bar at a time. */
    private static final int VISIBLE_AT_START = 36;
    private static final String[][] BACKFILLED = {{"spot", "1h"}, {"spot", "4h"}, {"spot", "1d"}, {"futures", "1h"}};

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static ServiceProcess marketData;
    private static ServiceProcess detection;
    private static ServiceProcess api;

    @BeforeAll
    static void startSystem() throws Exception {
        Path data = prepareReplayDirectory();
        postgres = PostgresServer.start(WORK.resolve("postgres"), 0, false);
        postgres.createDatabase("trapwatch");
        kafka = KafkaBroker.start(4, WORK);
        Path logs = Files.createDirectories(WORK.resolve("logs"));
        Map<String, String> env = new HashMap<>();
        env.put("TRAPWATCH_JDBC_URL", postgres.jdbcUrl("trapwatch"));
        env.put("TRAPWATCH_JDBC_USER", postgres.username());
        env.put("TRAPWATCH_JDBC_PASSWORD", postgres.password());
        env.put("TRAPWATCH_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("TRAPWATCH_MARKET_DATA_SOURCE", "replay");
        Http.token = UUID.randomUUID().toString();
        env.put("TRAPWATCH_API_TOKEN", Http.token);
        env.put("TRAPWATCH_REPLAY_DIR", data.toString());
        env.put("TRAPWATCH_REPLAY_START", PlantedSeries.openTime(VISIBLE_AT_START).toString());
        // The replayed exchange is market-data-service itself: Binance's per-minute weight budget would only add waiting.
        env.put("TRAPWATCH_MARKET_DATA_BINANCE_SPOT_WEIGHT_PER_MINUTE", "1000000");
        env.put("TRAPWATCH_MARKET_DATA_BINANCE_FUTURES_WEIGHT_PER_MINUTE", "1000000");
        // Each process has its own stable name, as in run.sh: its consumers are static group members.
        env.put("TRAPWATCH_INSTANCE_NAME", "market-data-service");
        marketData = new ServiceProcess("market-data-service", SERVICES.resolve("market-data-service"), List.of("-Xmx512m"), env, logs);
        env.put("TRAPWATCH_MARKET_DATA_URL", marketData.baseUrl());
        env.put("TRAPWATCH_INSTANCE_NAME", "detection-service");
        detection = new ServiceProcess("detection-service", SERVICES.resolve("detection-service"), List.of("-Xmx512m"), env, logs);
        env.put("TRAPWATCH_DETECTION_URL", detection.baseUrl());
        env.put("TRAPWATCH_INSTANCE_NAME", "monitor-api-service");
        api = new ServiceProcess("monitor-api-service", SERVICES.resolve("monitor-api-service"), List.of("-Xmx512m"), env, logs);
        for (ServiceProcess service : List.of(marketData, detection, api)) {
            service.start();
            services.add(service);
        }
    }

    @AfterAll
    static void stopSystem() throws Exception {
        for (ServiceProcess service : services) {
            service.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
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
        for (String[] series : BACKFILLED) {
            JsonNode update = update(series[0], series[1], "&backfill=5000");
            assertThat(update.path("failed")).as("failed symbols of " + String.join(" ", series)).isEmpty();
        }
        awaitQuiet();

        // Live operation: the replay clock advances one 1h bar at a time; detection-service is SIGKILLed mid-stream,
        // the next bar is published while it is down, and the restarted process must take its partitions back.
        int steps = PlantedSeries.LENGTH - VISIBLE_AT_START;
        int killedAt = PlantedSeries.PUMP + 4 - VISIBLE_AT_START;
        for (int step = 1; step <= steps; step++) {
            if (step == killedAt + 1) {
                long killed = System.nanoTime();
                detection.kill();
                nextBar();
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
                nextBar();
            }
        }
        awaitQuiet();

        // Flow 3: a catch-up scan over everything already processed changes nothing.
        for (String[] series : BACKFILLED) {
            JsonNode scan = scan("{\"market_type\":\"" + series[0] + "\",\"interval\":\"" + series[1] + "\"}");
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
        Map<String, List<String>> live = liveTransitions();
        assertExactlyOneEventPerTransition(live);
        assertDryRunEqualsLive(live);
        assertSweepThroughTheApiIsDetectionsSweep();
        assertMetricsCountWhatHappened(live);
    }

    /** The services' consumer session timeout (service-support's ConsumerMembershipConfig default). */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);

    /** The replay clock one 1h bar on, and both markets' 1h series updated: the closed bars go out on Kafka. */
    private static void nextBar() throws Exception {
        Http.post(marketData.baseUrl() + "/api/market-data/replay/advance?bars=1&interval=1h");
        update("spot", "1h", "");
        update("futures", "1h", "");
    }

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

    /** Every bar saved by an update this run (market-data-service runs throughout, so its counters saw them all). */
    private static long barsSaved;

    /**
     * Each service's /q/metrics against what the APIs said: bars stored and published = the updates' bars_saved,
     * outboxes empty, transitions per market and status = the monitor API's transition logs (in detection-service
     * and in the read model). And every metric the Grafana dashboard and the alert rules read is really exposed.
     */
    private static void assertMetricsCountWhatHappened(Map<String, List<String>> live) throws Exception {
        PrometheusText md = PrometheusText.parse(Http.text(marketData.baseUrl() + "/q/metrics"));
        PrometheusText det = PrometheusText.parse(Http.text(detection.baseUrl() + "/q/metrics"));
        PrometheusText read = PrometheusText.parse(Http.text(api.baseUrl() + "/q/metrics"));
        assertThat(md.sum("trapwatch_bars_stored_total")).isEqualTo(barsSaved).isPositive();
        assertThat(md.sum("trapwatch_events_published_total")).isEqualTo(barsSaved);
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

    private static JsonNode update(String market, String interval, String extra) throws Exception {
        JsonNode update = Http.post(marketData.baseUrl() + "/api/market-data/klines/update?market_type=" + market + "&interval=" + interval + extra);
        barsSaved += update.path("bars_saved").asLong();
        return update;
    }

    private static JsonNode scan(String body) throws Exception {
        String id = Http.post(detection.baseUrl() + "/api/detection/scans", body).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode scan = Http.get(detection.baseUrl() + "/api/detection/scans/" + id);
            if (!"running".equals(scan.path("status").asText())) {
                return scan;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("scan " + id + " still running");
    }

    /** Waits until every bar was processed by detection-service and every transition applied by monitor-api-service. */
    private static void awaitQuiet() throws Exception {
        try (ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
            lag.awaitDrained(Duration.ofMinutes(5), Map.of(
                    "detection-service", "trapwatch.kline-closed.v1",
                    "monitor-api-service", "trapwatch.monitor-state-changed.v1",
                    "monitor-api-service-outcomes", "trapwatch.monitor-outcomes-changed.v1"));
        }
    }

    private static List<JsonNode> monitors(String query) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String url = api.baseUrl() + "/api/volume-trap/monitors/?page_size=100" + query;
        while (url != null && !url.isEmpty() && !"null".equals(url)) {
            JsonNode page = Http.get(url);
            page.path("results").forEach(all::add);
            url = page.path("next").isNull() ? null : page.path("next").asText();
        }
        return all;
    }

    /** Outcomes went detection-service → Kafka → monitor-api-service for every monitor, live and after the crash. */
    private static void assertEveryMonitorHasItsOutcome() throws Exception {
        List<JsonNode> all = monitors("");
        assertThat(all).isNotEmpty();
        for (JsonNode m : all) {
            assertThat(m.path("outcome").path("status").asText()).as("outcome of " + m.path("monitor_key").asText())
                    .isIn("open", "completed", "insufficient_data");
        }
        assertThat(Http.get(api.baseUrl() + "/api/volume-trap/backtest/?page_size=1").path("count").asInt()).isEqualTo(all.size());
        JsonNode planted = monitors("&market_type=spot&symbol=PLANTAUSDT").get(0);
        // The entry is the bar after the trigger bar (1h series).
        assertThat(java.time.Instant.parse(planted.path("outcome").path("entry_time").asText()))
                .isEqualTo(java.time.Instant.parse(planted.path("trigger_time").asText()).plusSeconds(3600));
    }

    private static void assertLifecycle(String market, String symbol, String status, List<String> expected) throws Exception {
        List<JsonNode> found = monitors("&market_type=" + market + "&symbol=" + symbol);
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
            List<JsonNode> found = monitors("&market_type=" + market);
            assertThat(found).isNotEmpty().allSatisfy(m -> assertThat(m.path("market_type").asText()).isEqualTo(market));
        }
        assertThat(monitors("&market_type=spot&symbol=PLANTEUSDT")).isEmpty();
        assertThat(monitors("&market_type=futures&symbol=PLANTAUSDT")).isEmpty();
    }

    private static void assertFirstDiscoveriesMatchTheReference() throws Exception {
        JsonNode reference = Http.JSON.readTree(LocalSystemIT.class.getResourceAsStream("/reference-discovery.json"));
        Map<String, JsonNode> expected = new HashMap<>();
        reference.forEach(r -> expected.put(r.path("market_type").asText() + ":" + r.path("symbol").asText() + ":" + r.path("interval").asText(), r));
        for (String file : REAL_FILES) {
            String market = file.substring(0, file.indexOf('/'));
            String name = Path.of(file).getFileName().toString().replace(".json", "");
            String symbol = name.substring(0, name.indexOf('-'));
            String interval = name.substring(name.indexOf('-') + 1);
            List<JsonNode> found = monitors("&market_type=" + market + "&symbol=" + symbol + "&interval=" + interval);
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

    /** monitor key (market:symbol:interval:trigger) → its transitions as "from>to@bar" as the monitor API shows them. */
    private static Map<String, List<String>> liveTransitions() throws Exception {
        Map<String, List<String>> byMonitor = new TreeMap<>();
        for (JsonNode m : monitors("")) {
            JsonNode detail = Http.get(api.baseUrl() + "/api/volume-trap/monitors/" + m.path("id").asLong() + "/");
            List<String> transitions = new ArrayList<>();
            detail.path("transitions").forEach(t -> transitions.add(transition(t)));
            byMonitor.put(key(m), transitions);
        }
        return byMonitor;
    }

    private static String key(JsonNode m) {
        return m.path("market_type").asText() + ":" + m.path("symbol").asText() + ":" + m.path("interval").asText()
                + ":" + Instant.parse(m.path("trigger_time").asText());
    }

    private static String transition(JsonNode t) {
        return (t.path("from").isNull() || t.path("from").isMissingNode() ? "null" : t.path("from").asText())
                + ">" + t.path("to").asText() + "@" + Instant.parse(t.path("bar_time").asText());
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
        int records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-audit",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("trapwatch.monitor-state-changed.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int idle = 0;
            while (System.nanoTime() < deadline && (byId.size() < transitions || idle < 5)) {
                var polled = consumer.poll(Duration.ofMillis(500));
                idle = polled.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, String> r : polled) {
                    records++;
                    String first = byId.putIfAbsent(readEventId(r.value()), r.value());
                    assertThat(first == null || first.equals(r.value())).as("a repeated event equals its first copy: " + r.value()).isTrue();
                }
            }
        }
        assertThat(byId).as("one distinct event per transition").hasSize(transitions);
        System.out.println("events on the topic: " + records + " records, " + byId.size() + " distinct (repeats after the SIGKILL: "
                + (records - byId.size()) + ")");
    }

    private static String readEventId(String json) {
        try {
            return Http.JSON.readTree(json).path("eventId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The back-filled run: fresh engines over every stored bar must give exactly what live operation gave. */
    private static void assertDryRunEqualsLive(Map<String, List<String>> live) throws Exception {
        Map<String, List<String>> replayed = new TreeMap<>();
        for (String[] series : BACKFILLED) {
            JsonNode scan = scan("{\"market_type\":\"" + series[0] + "\",\"interval\":\"" + series[1] + "\",\"dry_run\":true}");
            assertThat(scan.path("status").asText()).isEqualTo("done");
            for (JsonNode m : scan.path("result").path("monitors")) {
                List<String> transitions = new ArrayList<>();
                m.path("transitions").forEach(t -> transitions.add(transition(t)));
                replayed.put(key(m), transitions);
            }
        }
        assertThat(replayed).isEqualTo(live);
    }

    private static Path prepareReplayDirectory() throws IOException {
        Path data = WORK.resolve("binance");
        for (String market : List.of("spot", "futures")) {
            Files.createDirectories(data.resolve(market).resolve("klines"));
            Files.copy(SAMPLE.resolve(market).resolve("exchangeInfo.json"), data.resolve(market).resolve("exchangeInfo.json"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        for (String file : REAL_FILES) {
            Files.copy(SAMPLE.resolve(file), data.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Map.Entry<String, Scenario> planted : PLANTED.entrySet()) {
            String[] parts = planted.getKey().split(":");
            PlantedSeries.write(data.resolve(parts[0]).resolve("klines").resolve(parts[1] + "-1h.json"), planted.getValue());
        }
        return data;
    }
}
