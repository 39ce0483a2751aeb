package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapwatch.infra.KafkaBroker;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.ProcessCpu;
import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bar close → {@code MonitorStateChanged} over the streaming path, on this machine: a replay "exchange" (a
 * market-data-service in replay mode serving Binance's REST and WebSocket endpoints), the streaming
 * market-data-service pointed at it as at Binance, detection-service, monitor-api-service, PostgreSQL and Kafka.
 * 3,000 1h series (1,500 spot, 1,500 futures) close a bar on the same second each round; in round r, 20 of them
 * close a planted trap bar (volume ×20, long upper wick). Latency = from the exchange clock's move (the candle
 * close) to the consumer seeing the trap's creation event on Kafka. Then the idle service's memory and CPU with
 * 3,000 symbols × 1h/4h/1d = 9,000 subscriptions.
 * <pre>
 * ./mvnw -B -q package -DskipTests -pl market-data-service,detection-service,monitor-api-service -am
 * ./mvnw -B -q -pl deploy test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.mainClass=io.trapwatch.deploy.StreamLatencyBenchmark -Dexec.classpathScope=test
 * </pre>
 * {@code -Dbench.series=} (3000), {@code -Dbench.rounds=} (5), {@code -Dbench.traps=} (20 per round),
 * {@code -Dbench.idle-seconds=} (60), {@code -Dbench.jvm.<process>=} (extra JVM options of {@code exchange}, {@code market-data-service},
 * {@code detection-service} or {@code monitor-api-service}).
 */
public final class StreamLatencyBenchmark {

    private static final Path REPO = Path.of("").toAbsolutePath().getFileName().toString().equals("deploy")
            ? Path.of("").toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
    private static final Path WORK = REPO.resolve("deploy/target/stream-bench");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    /** Calm history before the first trap: the detectors' look-backs need it. */
    private static final int HISTORY = 40;

    private final int series = Integer.getInteger("bench.series", 3000);
    private final int rounds = Integer.getInteger("bench.rounds", 5);
    private final int traps = Integer.getInteger("bench.traps", 20);
    private final int idleSeconds = Integer.getInteger("bench.idle-seconds", 60);
    private final List<ServiceProcess> started = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new StreamLatencyBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        deleteRecursively(WORK);
        Path data = writeDataSet();
        try (PostgresServer postgres = PostgresServer.start(WORK.resolve("postgres"), 0, false);
             KafkaBroker kafka = KafkaBroker.start(12, WORK)) {
            postgres.createDatabase("trapwatch");
            postgres.createDatabase("exchange");
            Path logs = Files.createDirectories(WORK.resolve("logs"));
            Map<String, String> common = new HashMap<>();
            common.put("TRAPWATCH_JDBC_USER", postgres.username());
            common.put("TRAPWATCH_JDBC_PASSWORD", postgres.password());
            common.put("TRAPWATCH_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
            Http.token = UUID.randomUUID().toString(); // writes (sync, replay clock) carry it, as the CronJobs do
            common.put("TRAPWATCH_API_TOKEN", Http.token);

            Map<String, String> exchangeEnv = new HashMap<>(common);
            exchangeEnv.put("TRAPWATCH_JDBC_URL", postgres.jdbcUrl("exchange"));
            exchangeEnv.put("TRAPWATCH_MARKET_DATA_SOURCE", "replay");
            exchangeEnv.put("TRAPWATCH_REPLAY_DIR", data.toString());
            exchangeEnv.put("TRAPWATCH_REPLAY_START", START.plus(Duration.ofHours(HISTORY)).toString());
            exchangeEnv.put("TRAPWATCH_MARKET_DATA_OUTBOX_DRAIN_EVERY", "off");
            ServiceProcess exchange = start(new ServiceProcess("exchange", REPO.resolve("market-data-service"),
                    jvm("exchange"), exchangeEnv, logs));
            String ws = exchange.baseUrl().replace("http://", "ws://");

            Map<String, String> env = new HashMap<>(common);
            env.put("TRAPWATCH_JDBC_URL", postgres.jdbcUrl("trapwatch"));
            env.put("TRAPWATCH_MARKET_DATA_SOURCE", "binance");
            env.put("TRAPWATCH_BINANCE_SPOT_URL", exchange.baseUrl() + "/replay/spot");
            env.put("TRAPWATCH_BINANCE_FUTURES_URL", exchange.baseUrl() + "/replay/futures");
            env.put("TRAPWATCH_MARKET_DATA_BINANCE_SPOT_WEIGHT_PER_MINUTE", "1000000");
            env.put("TRAPWATCH_MARKET_DATA_BINANCE_FUTURES_WEIGHT_PER_MINUTE", "1000000");
            env.put("TRAPWATCH_STREAM_ENABLED", "true");
            env.put("TRAPWATCH_STREAM_INTERVALS", "1h");
            env.put("TRAPWATCH_STREAM_SPOT_URL", ws + "/replay/spot/stream");
            env.put("TRAPWATCH_STREAM_FUTURES_URL", ws + "/replay/futures/market/stream");
            Path services = REPO;
            ServiceProcess marketData = start(new ServiceProcess("market-data-service", services.resolve("market-data-service"),
                    jvm("market-data-service"), env, logs));
            env.put("TRAPWATCH_MARKET_DATA_URL", marketData.baseUrl());
            start(new ServiceProcess("detection-service", services.resolve("detection-service"), jvm("detection-service"), env, logs));
            start(new ServiceProcess("monitor-api-service", services.resolve("monitor-api-service"), jvm("monitor-api-service"), env, logs));

            long setup = System.nanoTime();
            for (String market : List.of("spot", "futures")) {
                Http.post(marketData.baseUrl() + "/api/market-data/instruments/sync?market_type=" + market + "&exchange=binance");
            }
            awaitStreaming(marketData.baseUrl(), series);
            awaitHistoryStored(marketData.baseUrl(), (long) series * HISTORY);
            try (KafkaConsumer<String, String> events = consumer(kafka.bootstrapServers());
                 ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
                awaitDrained(lag, events);
                System.out.printf("setup: %d series streaming, history of %d bars each stored and processed in %.1f s%n",
                        series, HISTORY, (System.nanoTime() - setup) / 1e9);
                List<Long> all = new ArrayList<>();
                List<Long> steady = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    Instant barOpen = START.plus(Duration.ofHours(HISTORY + 2L * round));
                    Map<String, Double> cpuBefore = cpuByProcess();
                    long closedAt = System.currentTimeMillis();
                    // two hours per round: the trap bar closes, and the next bar (its invalidation) too
                    Http.post(exchange.baseUrl() + "/api/market-data/replay/advance?bars=1&interval=1h");
                    List<Long> latencies = trapLatencies(events, barOpen, closedAt);
                    Http.post(exchange.baseUrl() + "/api/market-data/replay/advance?bars=1&interval=1h");
                    awaitDrained(lag, events);
                    printCpu(cpuBefore, cpuByProcess());
                    all.addAll(latencies);
                    if (round > 0) {
                        steady.addAll(latencies);
                    }
                    System.out.printf("round %d: %d series closed a bar; %s%n", round + 1, series, summary(latencies));
                }
                System.out.printf("all rounds: %s%n", summary(all));
                // Round 1 is the first close the services' streaming path ever runs: its code is not compiled yet.
                if (!steady.isEmpty()) {
                    System.out.printf("steady state (rounds 2-%d): %s%n", rounds, summary(steady));
                }
            }
            idleFootprint(marketData, env, logs);
        } finally {
            for (ServiceProcess process : started) {
                process.stop();
            }
        }
    }

    /** Restarts the streaming service with 1h, 4h and 1d streams and samples its memory and CPU while idle. */
    private void idleFootprint(ServiceProcess marketData, Map<String, String> env, Path logs) throws Exception {
        marketData.stop();
        started.remove(marketData);
        env.put("TRAPWATCH_STREAM_INTERVALS", "1h,4h,1d");
        ServiceProcess idle = start(new ServiceProcess("market-data-service-idle", REPO.resolve("market-data-service"),
                List.of("-Xmx512m"), env, logs));
        awaitStreaming(idle.baseUrl(), 3 * series);
        Thread.sleep(10_000); // settle: start-up garbage, JIT
        double cpuBefore = ProcessCpu.seconds(idle.pid());
        long sampleStart = System.nanoTime();
        long maxRss = 0;
        long sumRss = 0;
        for (int s = 0; s < idleSeconds; s++) {
            Thread.sleep(1000);
            long rss = rssKb(idle.pid());
            maxRss = Math.max(maxRss, rss);
            sumRss += rss;
        }
        double seconds = (System.nanoTime() - sampleStart) / 1e9;
        double cpu = (ProcessCpu.seconds(idle.pid()) - cpuBefore) / seconds * 100;
        JsonNode status = Http.get(idle.baseUrl() + "/api/market-data/stream");
        int connections = 0;
        for (JsonNode market : status.path("markets")) {
            connections += market.path("connections").size();
        }
        System.out.printf("idle with %d subscriptions on %d connections (-Xmx512m): RSS mean %.0f MB, max %.0f MB; CPU %.2f %% of one core over %d s%n",
                3 * series, connections, sumRss / 1024.0 / idleSeconds, maxRss / 1024.0, cpu, idleSeconds);
    }

    /** -Xmx512m, and the {@code -Dbench.jvm.<process>=} options (e.g. a flight recording) of that process. */
    private static List<String> jvm(String process) {
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        String extra = System.getProperty("bench.jvm." + process, "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    private ServiceProcess start(ServiceProcess process) throws Exception {
        process.start();
        started.add(process);
        return process;
    }

    /**
     * Waits for the creation events of this round's traps; latency = receipt − candle close, per trap. Also splits
     * it by hop, from the times the records carry (all processes share this machine's clock): the trap bar's
     * kline-closed was sent by market-data-service's outbox drain (record timestamp), detection-service processed it
     * ({@code occurredAt}), its MonitorStateChanged was sent (record timestamp), the benchmark received it.
     */
    private List<Long> trapLatencies(KafkaConsumer<String, String> events, Instant barOpen, long closedAt) throws Exception {
        List<Long> latencies = new ArrayList<>();
        Map<String, List<Long>> hops = new LinkedHashMap<>();
        Map<String, Long> barOut = new HashMap<>();
        long lastBarOut = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (latencies.size() < traps && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(20))) {
                long receivedAt = System.currentTimeMillis();
                if (record.topic().equals(Topics.KLINE_CLOSED)) {
                    // this round's bars only (the earlier ones were drained); the record time is the drain's send
                    long out = record.timestamp() - closedAt;
                    if (out >= 0) {
                        barOut.put(record.key(), out);
                        lastBarOut = Math.max(lastBarOut, out);
                    }
                    continue;
                }
                JsonNode event = Http.JSON.readTree(record.value());
                if (event.path("version").asInt() == 1 && Instant.parse(event.path("triggerTime").asText()).equals(barOpen)) {
                    latencies.add(receivedAt - closedAt);
                    hops.computeIfAbsent("bar published", k -> new ArrayList<>()).add(barOut.getOrDefault(record.key(), -1L));
                    hops.computeIfAbsent("processed by detection", k -> new ArrayList<>())
                            .add(Instant.parse(event.path("occurredAt").asText()).toEpochMilli() - closedAt);
                    hops.computeIfAbsent("event sent", k -> new ArrayList<>()).add(record.timestamp() - closedAt);
                    hops.computeIfAbsent("event received", k -> new ArrayList<>()).add(receivedAt - closedAt);
                }
            }
        }
        if (latencies.size() < traps) {
            throw new IllegalStateException("only " + latencies.size() + " of " + traps + " traps announced for " + barOpen);
        }
        StringBuilder split = new StringBuilder("  traps, ms after the close (p50 / max):");
        hops.forEach((hop, values) -> {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            split.append(String.format(" %s %d / %d;", hop, percentile(sorted, 50), sorted.get(sorted.size() - 1)));
        });
        System.out.println(split);
        System.out.printf("  kline-closed of this bar published meanwhile: %d of %d series, the last %d ms after the close%n",
                barOut.size(), series, lastBarOut);
        return latencies;
    }

    private static String summary(List<Long> latencies) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return String.format("bar close -> MonitorStateChanged for %d traps: p50 %d ms, p99 %d ms, max %d ms", sorted.size(),
                percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void awaitStreaming(String baseUrl, int streams) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = Http.get(baseUrl + "/api/market-data/stream");
            int subscribed = 0;
            boolean settled = true;
            for (JsonNode market : status.path("markets")) {
                subscribed += market.path("streams").asInt();
                settled &= market.path("gap_fills_running").asInt() == 0;
                for (JsonNode c : market.path("connections")) {
                    settled &= c.path("state").asText().equals("streaming");
                }
            }
            if (subscribed == streams && settled) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("streams did not settle at " + streams);
    }

    /** The REST fills after connecting have stored every series' history (the rounds must not overlap them). */
    private static void awaitHistoryStored(String baseUrl, long bars) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            long stored = 0;
            for (JsonNode market : Http.get(baseUrl + "/api/market-data/stream").path("markets")) {
                stored += market.path("gap_fill_bars").asLong();
            }
            if (stored >= bars) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("history of " + bars + " bars not stored in time");
    }

    /** Detection and the read model have consumed everything; the monitor events so far are read and dropped. */
    private static void awaitDrained(ConsumerLag lag, KafkaConsumer<String, String> events) throws Exception {
        lag.awaitDrained(Duration.ofMinutes(10), Map.of("detection-service", Topics.KLINE_CLOSED,
                "monitor-api-service", Topics.MONITOR_STATE_CHANGED));
        while (!events.poll(Duration.ofMillis(500)).isEmpty()) {
            // skip what is already there
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        KafkaConsumer<String, String> consumer = EventTap.assigned(bootstrap);
        consumer.seekToBeginning(consumer.assignment());
        return consumer;
    }

    /** 1h series, half spot and half futures; in round r, traps of group r pump at hour HISTORY + 2r and recover. */
    private Path writeDataSet() throws IOException {
        Path dir = WORK.resolve("data");
        int length = HISTORY + 2 * rounds + 2;
        for (int i = 0; i < series; i++) {
            String market = i % 2 == 0 ? "spot" : "futures";
            Path file = Files.createDirectories(dir.resolve(market).resolve("klines")).resolve(String.format("S%05dUSDT-1h.json", i));
            Files.writeString(file, series(length, trapOf(i)));
        }
        return dir;
    }

    /** Series 0 … rounds×traps−1 are traps: round i / traps (alternating markets), the rest calm. */
    private int trapOf(int index) {
        return index < rounds * traps ? index / traps : -1;
    }

    private static String series(int length, int trapRound) {
        int pump = trapRound < 0 ? -1 : HISTORY + 2 * trapRound;
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < length; i++) {
            long open = START.plus(Duration.ofHours(i)).toEpochMilli();
            boolean trap = i == pump;
            boolean after = pump >= 0 && i > pump;
            String o = after ? "105" : "100";
            String h = trap ? "120" : after ? "106" : "101";
            String l = trap ? "99" : after ? "104.5" : "99";
            String c = trap ? "104" : after ? "105" : "100";
            String v = trap ? "20000" : "1000";
            json.append(i > 0 ? "," : "").append(String.format("[%d,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",%d,\"0\",0,\"0\",\"0\",\"0\"]",
                    open, trap ? "100" : o, h, l, c, v, open + 3_599_999L));
        }
        return json.append("]").toString();
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /**
     * CPU seconds of every process of the benchmark: the services by name, PostgreSQL (all its processes) and this
     * JVM (the Kafka broker and the benchmark's consumer).
     */
    private Map<String, Double> cpuByProcess() throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (ServiceProcess process : started) {
            seconds.put(process.name(), ProcessCpu.seconds(process.pid()));
        }
        seconds.put("kafka broker + benchmark", ProcessCpu.seconds(ProcessHandle.current().pid()));
        seconds.put("postgresql", ProcessCpu.postgresSeconds());
        return seconds;
    }

    /** CPU seconds each process used over a round (both bars, until every consumer drained). */
    private static void printCpu(Map<String, Double> before, Map<String, Double> after) {
        StringBuilder line = new StringBuilder("  CPU seconds over the round:");
        after.forEach((name, s) -> line.append(String.format(" %s %.2f;", name, s - before.getOrDefault(name, 0.0))));
        System.out.println(line);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
