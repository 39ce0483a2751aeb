package io.trapwatch.detection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        // the second is what a running service does. Both are printed.
        burst("first since start-up");
        burst("service warm");
        String data = System.getProperty("trapwatch.bench.data", "/work/shared/data");
        if (Files.isDirectory(Path.of(data, "binance"))) {
            dryRun(Path.of(data, "binance"));
        } else {
            System.out.println("BENCH dry-run skipped: no data set at " + data + " (set -Dtrapwatch.bench.data)");
        }
    }

    private void burst(String label) throws Exception {
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
            try (KafkaConsumer<String, String> consumer = eventsFromNow()) {
                long start = System.nanoTime();
                for (SeriesKey s : series) {
                    send(producer, s, bars.get(PlantedBars.PUMP_1));
                }
                producer.flush();
                int seen = 0;
                while (seen < SERIES && System.nanoTime() - start < Duration.ofSeconds(120).toNanos()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                        if (r.key().contains(":" + prefix)) {
                            seen++;
                        }
                    }
                }
                System.out.printf("BENCH burst (%s): %d series x 1 closed bar -> %d monitor events published in %d ms (target <= 1000 ms)%n",
                        label, SERIES, seen, (System.nanoTime() - start) / 1_000_000);
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
                .header("Content-Type", "application/json")
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
        consumer.subscribe(List.of(Topics.MONITOR_STATE_CHANGED));
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
