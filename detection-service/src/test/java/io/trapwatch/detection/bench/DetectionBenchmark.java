package io.trapwatch.detection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.detection.domain.Bar;
import io.trapwatch.detection.domain.OutcomeState;
import io.trapwatch.detection.domain.OutcomeTracker;
import io.trapwatch.detection.domain.ClosedBar;
import io.quarkus.test.common.http.TestHTTPResource;
import io.trapwatch.detection.support.MarketDataStub;
import io.trapwatch.detection.support.PlantedBars;
import io.trapwatch.detection.support.ServiceTest;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.model.Interval;
import io.trapwatch.model.Kline;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.Topics;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Benchmark (prints figures, asserts nothing; not run by the normal build):
 * <pre>
 * cd /work/main && mvn -B -pl detection-service verify -Dtest=DetectionBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtrapwatch.bench.data=/work/shared/data
 * </pre>
 * 1. Burst: 500 series, each warmed up with 40 calm bars, then receive one closed bar each (a pump, so every
 *    one yields a discovery); time from the first send until all 500 MonitorStateChanged events are on the topic.
 * 2. Dry run of the whole data set: every spot/futures 1h/4h/1d kline file of the data set is served by the
 *    market-data stub over HTTP; one dry-run scan per market and interval is started through the endpoint and
 *    the time until all are done is printed.
 */
@ServiceTest
class DetectionBenchmark {

    private static final int SERIES = 500;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Inject
    ObjectMapper mapper;

    @TestHTTPResource("/")
    URL appUrl;

    @Test
    void burstOf500SeriesAndDryRunOfTheDataSet() throws Exception {
        // The first burst also pays for compiling the transition path (the warm-up bars cause no transitions);
        // the next ones are what a running service does. Bursts without and with 2,000 open outcomes (4 per
        // series) alternate, so the machine's drift affects both alike.
        // The outcome topic exists before the first consumer subscribes (it would only be seen after a metadata refresh).
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(Topics.MONITOR_OUTCOMES_CHANGED)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(Topics.MONITOR_OUTCOMES_CHANGED,
                        java.util.Optional.empty(), java.util.Optional.empty()))).all().get();
            }
        }
        // -Dtrapwatch.bench.parts=burst,dry-run,sweep (the default: all three) runs a selection.
        String parts = System.getProperty("trapwatch.bench.parts", "burst,dry-run,sweep");
        if (parts.contains("burst")) {
            burst("first since start-up", 0);
            // Alternating rounds: the upkeep is judged on their medians (-Dtrapwatch.bench.rounds, default 3).
            for (int round = 1; round <= Integer.getInteger("trapwatch.bench.rounds", 3); round++) {
                burst("service warm, no open outcomes, round " + round, 0);
                burst("service warm, 2000 open outcomes, round " + round, OPEN_OUTCOMES_PER_SERIES);
            }
        }
        String data = System.getProperty("trapwatch.bench.data", "/work/shared/data");
        if (Files.isDirectory(Path.of(data, "binance"))) {
            // The dry run plants the data set in the market-data stub; the sweep reads it from there.
            dryRun(Path.of(data, "binance"));
            if (parts.contains("sweep")) {
                sweep();
            }
        } else {
            System.out.println("BENCH dry-run skipped: no data set at " + data + " (set -Dtrapwatch.bench.data)");
        }
    }

    /** 100 combinations (10 RVOL × 10 amplitude thresholds) over every series of the data set. */
    private void sweep() throws IOException {
        List<Double> rvol = List.of(4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0);
        List<Double> amplitude = List.of(1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0, 10.0);
        long start = System.nanoTime();
        HttpResponse<String> started = call(HttpRequest.newBuilder(URI.create(appUrl + "api/detection/sweeps"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestTokens.OPERATOR)
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(Map.of(
                        "grid", Map.of("rvol_threshold", rvol, "amplitude_threshold", amplitude))))).build());
        String id = mapper.readTree(started.body()).get("id").asText();
        JsonNode sweep;
        do {
            sweep = mapper.readTree(call(HttpRequest.newBuilder(URI.create(appUrl + "api/detection/sweeps/" + id + "?top=3")).build()).body());
        } while ("running".equals(sweep.get("status").asText()) && sleep());
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("BENCH sweep of the whole data set: %s, %d combinations, %d series, %d bars in %d ms (read %d ms, "
                        + "engine %d ms; target <= 10000 ms)%n", sweep.get("status").asText(),
                sweep.get("progress").get("combinations_done").asInt(), sweep.get("progress").get("series_read").asInt(),
                sweep.get("progress").get("bars_read").asLong(), elapsed, sweep.get("read_ms").asLong(), sweep.get("run_ms").asLong());
        for (JsonNode r : sweep.get("results")) {
            JsonNode stop = r.get("statistics").get("invalidation_stop");
            JsonNode hold = r.get("statistics").get("hold");
            System.out.printf("BENCH sweep rank %d %s: monitors %d, stop pf %s (inf %s) win %s%% avg %s%%, hold pf %s win %s%% avg %s%%, trades %d%n",
                    r.get("rank").asInt(), r.get("settings"), r.get("statistics").get("monitors").asInt(),
                    stop.get("profit_factor"), stop.get("profit_factor_infinite"), stop.get("win_rate"),
                    stop.get("avg_profit_percent"), hold.get("profit_factor"), hold.get("win_rate"),
                    hold.get("avg_profit_percent"), hold.get("total_trades").asInt());
        }
    }

    private static final int OPEN_OUTCOMES_PER_SERIES = 4;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Open outcomes of monitors triggered on warm-up bars 30.. of each series (entry 31.., so 5 to 8 bars observed
     * when the burst's bar closes), stored as the live path would have left them.
     */
    private void plantOpenOutcomes(List<SeriesKey> series, int perSeries) throws Exception {
        List<Bar> bars = PlantedBars.bars().subList(0, PlantedBars.PUMP_1).stream().map(k -> ClosedBar.of(k).toBar()).toList();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO detection.monitor_outcome (monitor_key, series_id, version, status, observation_bars, trigger_time,"
                        + " trigger_close, observed, entry_time, entry_price, lowest_index, lowest_time, lowest_price,"
                        + " rebound_high, max_high, last_time, last_close, updated_at) SELECT ?, id, 1, 'open', 30, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, now() FROM detection.series_state WHERE market_type = ? AND symbol = ?"
                        + " AND kline_interval = ?")) {
            for (SeriesKey key : series) {
                for (int t = 30; t < 30 + perSeries; t++) {
                    OutcomeTracker tracker = OutcomeTracker.start(bars.get(t).openTime(), bars.get(t).close(), 30);
                    bars.subList(t + 1, bars.size()).forEach(tracker::onBar);
                    OutcomeState o = tracker.state();
                    int i = 1;
                    s.setString(i++, key.asKafkaKey() + ":" + o.triggerTime());
                    s.setObject(i++, java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(o.triggerTime()), java.time.ZoneOffset.UTC));
                    s.setBigDecimal(i++, BigDecimal.valueOf(o.triggerClose()));
                    s.setInt(i++, o.observed());
                    s.setObject(i++, java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(o.entryTime()), java.time.ZoneOffset.UTC));
                    s.setBigDecimal(i++, BigDecimal.valueOf(o.entryPrice()));
                    s.setInt(i++, o.lowestIndex());
                    s.setObject(i++, java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(o.lowestTime()), java.time.ZoneOffset.UTC));
                    s.setBigDecimal(i++, BigDecimal.valueOf(o.lowestPrice()));
                    s.setBigDecimal(i++, Double.isNaN(o.reboundHigh()) ? null : BigDecimal.valueOf(o.reboundHigh()));
                    s.setBigDecimal(i++, BigDecimal.valueOf(o.maxHigh()));
                    s.setObject(i++, java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(o.lastTime()), java.time.ZoneOffset.UTC));
                    s.setBigDecimal(i++, BigDecimal.valueOf(o.lastClose()));
                    s.setString(i++, key.marketType().wire());
                    s.setString(i++, key.symbol());
                    s.setString(i, key.interval().wire());
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private void burst(String label, int openOutcomesPerSeries) throws Exception {
        String prefix = "B" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        List<SeriesKey> series = new ArrayList<>();
        for (int i = 0; i < SERIES; i++) {
            series.add(new SeriesKey(MarketType.FUTURES, prefix + i + "USDT", Interval.H1));
        }
        List<Kline> bars = PlantedBars.bars();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int b = 0; b < PlantedBars.PUMP_1; b++) {
                for (SeriesKey s : series) {
                    send(producer, s, bars.get(b));
                }
            }
            producer.flush();
            long warm = System.nanoTime();
            awaitConsumerCaughtUp();
            System.out.printf("BENCH warm-up: %d bars processed in %d ms%n", SERIES * PlantedBars.PUMP_1,
                    (System.nanoTime() - warm) / 1_000_000);
            plantOpenOutcomes(series, openOutcomesPerSeries);
            try (KafkaConsumer<String, String> consumer = eventsFromNow()) {
                long start = System.nanoTime();
                for (SeriesKey s : series) {
                    send(producer, s, bars.get(PlantedBars.PUMP_1));
                }
                producer.flush();
                int seen = 0;
                int outcomeEvents = 0;
                int outcomes = 0;
                long monitorsDone = 0;
                while ((seen < SERIES || outcomeEvents < SERIES) && System.nanoTime() - start < Duration.ofSeconds(120).toNanos()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                        if (!r.key().contains(":" + prefix)) {
                            continue;
                        }
                        if (r.topic().equals(Topics.MONITOR_STATE_CHANGED)) {
                            seen++;
                        } else {
                            outcomeEvents++;
                            outcomes += mapper.readTree(r.value()).get("outcomes").size();
                        }
                    }
                    if (seen == SERIES && monitorsDone == 0) {
                        monitorsDone = System.nanoTime();
                    }
                }
                System.out.printf("BENCH burst (%s): %d series x 1 closed bar -> %d monitor events in %d ms, with %d outcome "
                                + "events (%d outcomes) in %d ms (target <= 1000 ms)%n", label, SERIES, seen,
                        (monitorsDone - start) / 1_000_000, outcomeEvents, outcomes, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private void dryRun(Path binance) throws IOException {
        Map<String, Integer> planted = new HashMap<>();
        long bars = 0;
        for (MarketType market : MarketType.values()) {
            Path dir = binance.resolve(market.wire()).resolve("klines");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    String name = f.getFileName().toString().replace(".json", "");
                    int dash = name.lastIndexOf('-');
                    String interval = name.substring(dash + 1);
                    if (!Interval.wireNames().contains(interval)) {
                        continue;
                    }
                    // A distinct symbol prefix keeps the data set apart from the burst's series.
                    SeriesKey key = new SeriesKey(market, "DS" + name.substring(0, dash), Interval.fromWire(interval));
                    List<Kline> klines = read(f);
                    MarketDataStub.plant(key, klines);
                    bars += klines.size();
                    planted.merge(market.wire() + " " + interval, 1, Integer::sum);
                }
            }
        }
        System.out.printf("BENCH data set: %d series, %d bars %s%n", planted.values().stream().mapToInt(i -> i).sum(), bars, planted);
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (String combo : planted.keySet()) {
            String[] parts = combo.split(" ");
            List<String> symbols = symbolsOf(parts[0], parts[1]);
            ids.add(mapper.readTree(startScan(Map.of("market_type", parts[0], "interval", parts[1], "dry_run", true,
                    "symbols", symbols))).get("id").asText());
        }
        long barsDone = 0;
        long monitors = 0;
        for (String id : ids) {
            JsonNode scan;
            do {
                scan = mapper.readTree(status(id));
            } while ("running".equals(scan.get("status").asText()) && sleep());
            barsDone += scan.get("progress").get("bars_processed").asLong();
            monitors += scan.get("result").get("monitors").size();
        }
        System.out.printf("BENCH dry-run of the whole data set: %d scans, %d bars, %d would-be monitors in %d ms (target <= 5000 ms)%n",
                ids.size(), barsDone, monitors, (System.nanoTime() - start) / 1_000_000);
    }

    private static List<String> symbolsOf(String market, String interval) {
        return MarketDataStub.symbols(MarketType.fromWire(market), Interval.fromWire(interval)).stream()
                .filter(s -> s.startsWith("DS")).collect(Collectors.toList());
    }

    private List<Kline> read(Path file) throws IOException {
        JsonNode rows = mapper.readTree(file.toFile());
        List<Kline> klines = new ArrayList<>(rows.size());
        for (JsonNode r : rows) {
            klines.add(new Kline(Instant.ofEpochMilli(r.get(0).asLong()), Instant.ofEpochMilli(r.get(6).asLong()),
                    new BigDecimal(r.get(1).asText()), new BigDecimal(r.get(2).asText()), new BigDecimal(r.get(3).asText()),
                    new BigDecimal(r.get(4).asText()), new BigDecimal(r.get(5).asText()), new BigDecimal(r.get(7).asText()),
                    r.get(8).asLong(), new BigDecimal(r.get(9).asText()), new BigDecimal(r.get(10).asText())));
        }
        return klines;
    }

    /**
     * The scans are started and polled with the JDK's client (polling every 50 ms): the client shares the two
     * cores with the scans it measures, and RestAssured's first call alone costs a second of Groovy start-up.
     */
    private String startScan(Map<String, Object> request) throws IOException {
        HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(appUrl + "api/detection/scans"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestTokens.OPERATOR)
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(request))).build());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("scan not accepted: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private String status(String id) throws IOException {
        return call(HttpRequest.newBuilder(URI.create(appUrl + "api/detection/scans/" + id)).build()).body();
    }

    private static HttpResponse<String> call(HttpRequest request) throws IOException {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    private void send(KafkaProducer<String, String> producer, SeriesKey s, Kline k) throws IOException {
        producer.send(new ProducerRecord<>(Topics.KLINE_CLOSED, s.asKafkaKey(), mapper.writeValueAsString(KlineClosed.of(s, k, Instant.now()))));
    }

    private KafkaConsumer<String, String> eventsFromNow() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.MONITOR_STATE_CHANGED, Topics.MONITOR_OUTCOMES_CHANGED));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    /** The detection-service consumer group has committed up to the end of every kline-closed partition. */
    private static void awaitConsumerCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()))) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("detection-service")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(Topics.KLINE_CLOSED)).allTopicNames().get().get(Topics.KLINE_CLOSED).partitions()
                        .forEach(p -> latest.put(new TopicPartition(Topics.KLINE_CLOSED, p.partition()), OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                boolean caughtUp = ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue().offset());
                if (caughtUp) {
                    return;
                }
                Thread.sleep(100);
            }
        }
    }
}
