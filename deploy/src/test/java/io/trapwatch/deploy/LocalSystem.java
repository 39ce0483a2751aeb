package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapwatch.deploy.PlantedSeries.Scenario;
import io.trapwatch.infra.KafkaBroker;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The whole system for the end-to-end tests, driven over HTTP: real PostgreSQL and Kafka, the three packaged services
 * as separate processes (each with its own stable instance name, as run.sh starts them), a replay directory mixing
 * real Binance series with planted ones, and what the tests read back (monitors, dry runs, the topics).
 */
final class LocalSystem implements AutoCloseable {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    /** Where the packaged services are: this checkout unless {@code -Dtrapwatch.services.dir} points elsewhere. */
    private static final Path SERVICES = Path.of(System.getProperty("trapwatch.services.dir", REPO.toString()));
    private static final Path SAMPLE = REPO.resolve("deploy/local/data/binance");
    /** Real series replayed alongside the planted ones (all of them end before the planted series start). */
    static final List<String> REAL_FILES = List.of(
            "futures/klines/NMRUSDT-1h.json", "futures/klines/QNTUSDT-1h.json", "futures/klines/BTCUSDT-1h.json",
            "futures/klines/ETHUSDT-1h.json", "spot/klines/MANAUSDT-4h.json", "spot/klines/MANAUSDT-1d.json",
            "spot/klines/DOGEUSDT-4h.json", "spot/klines/BTCUSDT-4h.json");
    private static final Map<String, Scenario> PLANTED = Map.of(
            "spot:PLANTAUSDT", Scenario.LIFECYCLE, "spot:PLANTBUSDT", Scenario.RECOVERY,
            "spot:PLANTCUSDT", Scenario.SUSPECTED_THEN_RECOVERY, "spot:PLANTDUSDT", Scenario.HEAVY_VOLUME,
            "futures:PLANTEUSDT", Scenario.LIFECYCLE, "futures:PLANTFUSDT", Scenario.RECOVERY);
    /** Bars visible when the system starts; the rest arrive one closed bar at a time. */
    static final int VISIBLE_AT_START = 36;
    /** Live steps: one 1h bar each, until the planted series end. */
    static final int STEPS = PlantedSeries.LENGTH - VISIBLE_AT_START;
    static final String[][] BACKFILLED = {{"spot", "1h"}, {"spot", "4h"}, {"spot", "1d"}, {"futures", "1h"}};
    static final String KLINE_CLOSED = "trapwatch.kline-closed.v1";
    static final String MONITOR_STATE_CHANGED = "trapwatch.monitor-state-changed.v1";

    final Path work;
    PostgresServer postgres;
    final KafkaBroker kafka;
    final ServiceProcess marketData;
    final ServiceProcess detection;
    final ServiceProcess api;
    /** Every running service process, instances added by {@link #addInstance} included. */
    private final List<ServiceProcess> services;
    /** Every bar saved by an update whose answer arrived (an update cut off by a kill is not counted). */
    long barsSaved;
    /** 1h bars the replay clock was moved on (market-data-service's clock lives in its memory). */
    private int barsAdvanced;

    private LocalSystem(Path work, PostgresServer postgres, KafkaBroker kafka, Map<String, String> env) throws IOException {
        this.work = work;
        this.postgres = postgres;
        this.kafka = kafka;
        Path logs = Files.createDirectories(work.resolve("logs"));
        Map<String, String> own = new HashMap<>(env);
        own.put("TRAPWATCH_INSTANCE_NAME", "market-data-service");
        marketData = new ServiceProcess("market-data-service", SERVICES.resolve("market-data-service"), List.of("-Xmx512m"), own, logs);
        own.put("TRAPWATCH_MARKET_DATA_URL", marketData.baseUrl());
        own.put("TRAPWATCH_INSTANCE_NAME", "detection-service");
        detection = new ServiceProcess("detection-service", SERVICES.resolve("detection-service"), List.of("-Xmx512m"), own, logs);
        own.put("TRAPWATCH_DETECTION_URL", detection.baseUrl());
        own.put("TRAPWATCH_INSTANCE_NAME", "monitor-api-service");
        api = new ServiceProcess("monitor-api-service", SERVICES.resolve("monitor-api-service"), List.of("-Xmx512m"), own, logs);
        services = new CopyOnWriteArrayList<>(List.of(marketData, detection, api));
    }

    /**
     * Starts PostgreSQL (its data kept across a restart of the server), Kafka and the three services under
     * {@code work}, emptied of a previous run first.
     */
    static LocalSystem start(Path work) throws Exception {
        return start(work, 4);
    }

    /** The same, with {@code partitions} partitions per topic (more than one instance per service needs more than 4). */
    static LocalSystem start(Path work, int partitions) throws Exception {
        clean(work);
        Path data = prepareReplayDirectory(work);
        PostgresServer postgres = PostgresServer.start(work.resolve("postgres"), 0, true);
        postgres.createDatabase("trapwatch");
        KafkaBroker kafka = KafkaBroker.start(partitions, work);
        Map<String, String> env = new HashMap<>();
        env.put("TRAPWATCH_JDBC_URL", postgres.jdbcUrl("trapwatch"));
        env.put("TRAPWATCH_JDBC_USER", postgres.username());
        env.put("TRAPWATCH_JDBC_PASSWORD", postgres.password());
        env.put("TRAPWATCH_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("TRAPWATCH_MARKET_DATA_SOURCE", "replay");
        Http.token = UUID.randomUUID().toString();
        env.put("TRAPWATCH_API_TOKEN", Http.token);
        // Seals webhook secrets: without it monitor-api-service refuses webhook subscriptions.
        byte[] alertsKey = new byte[32];
        new SecureRandom().nextBytes(alertsKey);
        env.put("TRAPWATCH_ALERTS_SECRET_KEY", Base64.getEncoder().encodeToString(alertsKey));
        env.put("TRAPWATCH_REPLAY_DIR", data.toString());
        env.put("TRAPWATCH_REPLAY_START", PlantedSeries.openTime(VISIBLE_AT_START).toString());
        // The replayed exchange is market-data-service itself: Binance's per-minute weight budget would only add waiting.
        env.put("TRAPWATCH_MARKET_DATA_BINANCE_SPOT_WEIGHT_PER_MINUTE", "1000000");
        env.put("TRAPWATCH_MARKET_DATA_BINANCE_FUTURES_WEIGHT_PER_MINUTE", "1000000");
        LocalSystem system = new LocalSystem(work, postgres, kafka, env);
        for (ServiceProcess service : system.services) {
            service.start();
        }
        return system;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess service : services) {
            service.stop();
        }
        kafka.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    List<ServiceProcess> services() {
        return services;
    }

    /**
     * Starts one more instance of {@code like}'s service under {@code instanceName} (a new pod's name): the same
     * database, broker and settings, its own port and log; from then on one of the services awaited and stopped.
     */
    ServiceProcess addInstance(ServiceProcess like, String instanceName) throws Exception {
        ServiceProcess instance = like.another(instanceName, Map.of("TRAPWATCH_INSTANCE_NAME", instanceName));
        services.add(instance);
        instance.start();
        return instance;
    }

    /** SIGKILL of an instance that does not come back (its pod is gone): no longer one of the services awaited. */
    void lose(ServiceProcess instance) throws InterruptedException {
        instance.kill();
        services.remove(instance);
    }

    /** Flows 1 and 2 for both markets: instruments synced, every series back-filled; then waits until all is processed. */
    void syncAndBackfill() throws Exception {
        for (String market : List.of("spot", "futures")) {
            JsonNode sync = Http.post(marketData.baseUrl() + "/api/market-data/instruments/sync?market_type=" + market + "&exchange=binance");
            if (sync.path("active").asInt() <= 0) {
                throw new IllegalStateException("no active " + market + " instruments: " + sync);
            }
        }
        for (String[] series : BACKFILLED) {
            JsonNode update = update(series[0], series[1], "&backfill=5000");
            if (!update.path("failed").isEmpty()) {
                throw new IllegalStateException("failed symbols of " + String.join(" ", series) + ": " + update.path("failed"));
            }
        }
        awaitQuiet();
    }

    /** The replay clock one 1h bar on, and both markets' 1h series updated: the closed bars go out on Kafka. */
    void nextBar() throws Exception {
        advanceClock(1);
        updateLive();
    }

    void advanceClock(int bars) throws Exception {
        Http.post(marketData.baseUrl() + "/api/market-data/replay/advance?bars=" + bars + "&interval=1h");
        barsAdvanced += bars;
    }

    /** After a restart of market-data-service: its replay clock back where it was. */
    void restoreClock() throws Exception {
        Http.post(marketData.baseUrl() + "/api/market-data/replay/advance?bars=" + barsAdvanced + "&interval=1h");
    }

    /** The 1h update of both markets, as the hourly CronJobs call it. */
    void updateLive() throws Exception {
        update("spot", "1h", "");
        update("futures", "1h", "");
    }

    JsonNode update(String market, String interval, String extra) throws Exception {
        JsonNode update = Http.post(marketData.baseUrl() + "/api/market-data/klines/update?market_type=" + market + "&interval=" + interval + extra);
        barsSaved += update.path("bars_saved").asLong();
        return update;
    }

    JsonNode scan(String body) throws Exception {
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
    void awaitQuiet() throws Exception {
        try (ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
            lag.awaitDrained(Duration.ofMinutes(5), Map.of(
                    "detection-service", KLINE_CLOSED,
                    "monitor-api-service", MONITOR_STATE_CHANGED,
                    "monitor-api-service-outcomes", "trapwatch.monitor-outcomes-changed.v1"));
        }
    }

    List<JsonNode> monitors(String query) throws Exception {
        return monitors(api, query);
    }

    private static List<JsonNode> monitors(ServiceProcess api, String query) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String url = api.baseUrl() + "/api/volume-trap/monitors/?page_size=100" + query;
        while (url != null && !url.isEmpty() && !"null".equals(url)) {
            JsonNode page = Http.get(url);
            page.path("results").forEach(all::add);
            url = page.path("next").isNull() ? null : page.path("next").asText();
        }
        return all;
    }

    /** monitor key (market:symbol:interval:trigger) → its transitions as "from>to@bar" as the monitor API shows them. */
    Map<String, List<String>> liveTransitions() throws Exception {
        return liveTransitions(api);
    }

    /** The same, as one instance of monitor-api-service answers. */
    Map<String, List<String>> liveTransitions(ServiceProcess api) throws Exception {
        Map<String, List<String>> byMonitor = new TreeMap<>();
        for (JsonNode m : monitors(api, "")) {
            JsonNode detail = Http.get(api.baseUrl() + "/api/volume-trap/monitors/" + m.path("id").asLong() + "/");
            List<String> transitions = new ArrayList<>();
            detail.path("transitions").forEach(t -> transitions.add(transition(t)));
            byMonitor.put(key(m), transitions);
        }
        return byMonitor;
    }

    /** The undisturbed result: fresh engines over every stored bar (detection-service's dry-run scan), same shape. */
    Map<String, List<String>> dryRunTransitions() throws Exception {
        Map<String, List<String>> replayed = new TreeMap<>();
        for (String[] series : BACKFILLED) {
            JsonNode scan = scan("{\"market_type\":\"" + series[0] + "\",\"interval\":\"" + series[1] + "\",\"dry_run\":true}");
            if (!scan.path("status").asText().equals("done")) {
                throw new IllegalStateException("dry run " + String.join(" ", series) + ": " + scan);
            }
            for (JsonNode m : scan.path("result").path("monitors")) {
                List<String> transitions = new ArrayList<>();
                m.path("transitions").forEach(t -> transitions.add(transition(t)));
                replayed.put(key(m), transitions);
            }
        }
        return replayed;
    }

    static String key(JsonNode m) {
        return m.path("market_type").asText() + ":" + m.path("symbol").asText() + ":" + m.path("interval").asText()
                + ":" + Instant.parse(m.path("trigger_time").asText());
    }

    static String transition(JsonNode t) {
        return (t.path("from").isNull() || t.path("from").isMissingNode() ? "null" : t.path("from").asText())
                + ">" + t.path("to").asText() + "@" + Instant.parse(t.path("bar_time").asText());
    }

    /**
     * Every record of {@code topic} from the start, each given to {@code each} as (key, value); stops after a few empty
     * polls once at least {@code atLeast} records were read. Returns how many were read.
     */
    int readTopic(String topic, int atLeast, BiConsumer<String, String> each) {
        int records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-audit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int idle = 0;
            while (System.nanoTime() < deadline && (records < atLeast || idle < 5)) {
                var polled = consumer.poll(Duration.ofMillis(500));
                idle = polled.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, String> r : polled) {
                    records++;
                    each.accept(r.key(), r.value());
                }
            }
        }
        return records;
    }

    static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path prepareReplayDirectory(Path work) throws IOException {
        Path data = work.resolve("binance");
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

    /** Empties {@code work} of a previous run, except PostgreSQL's unpacked binaries. */
    private static void clean(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return;
        }
        try (var children = Files.list(work)) {
            for (Path child : children.toList()) {
                deleteRecursively(child.getFileName().toString().equals("postgres") ? child.resolve("data") : child);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
