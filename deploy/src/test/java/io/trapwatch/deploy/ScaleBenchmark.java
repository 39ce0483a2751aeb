package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapwatch.infra.KafkaBroker;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.ProcessCpu;
import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.infra.WeightBudgetStub;
import io.trapwatch.infra.WeightBudgetStub.Market;
import io.trapwatch.infra.http.PrometheusText;
import io.trapwatch.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system at Binance's scale, on this machine: PostgreSQL, Kafka, the three services as processes ({@code -Xmx512m}
 * each), and Binance played by {@link WeightBudgetStub} (its real weight budgets, 429s, a latency per call).
 * <ul>
 * <li><b>back-fill</b>: both markets synced, then the six market × interval updates with {@code backfill=bars} started
 * together, as the CronJobs start them at 00:05 UTC: wall time to every bar stored and to every event published
 * against the floor that the weight budgets set (from the requests the service makes, and from the cheapest
 * possible plan), requests, 429s, bars/s; then detection-service consuming the back-fill, bounded.</li>
 * <li><b>update</b>: if detection-service has not consumed the back-fill within the wait, the rest is skipped (its
 * group moved to the end of the topic); one unmeasured hour; then the stub's clock one hour on, a few planted traps
 * in that hour's bar, the 1h update of both markets: its wall time; the burst of closed bars through detection (until
 * every bar ran through the engine) and each trap's MonitorStateChanged; monitor-api's latency under a paced read
 * load meanwhile.</li>
 * </ul>
 * Throughout: peak heap and RSS of each service, CPU seconds per process and phase, the database's size.
 * <pre>
 * ./mvnw -B -q package -DskipTests -pl market-data-service,detection-service,monitor-api-service -am
 * ./mvnw -B -q -pl deploy test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.mainClass=io.trapwatch.deploy.ScaleBenchmark -Dexec.classpathScope=test
 * </pre>
 * {@code -Dbench.spot=} (2000), {@code -Dbench.futures=} (500), {@code -Dbench.bars=} (1000 per series),
 * {@code -Dbench.parts=} (backfill,update; update alone back-fills the 1h series unmeasured),
 * {@code -Dbench.latency-ms=} (50), {@code -Dbench.detection-wait-minutes=} (15), {@code -Dbench.traps=} (10),
 * {@code -Dbench.read-rate=} (50 requests/s).
 */
public final class ScaleBenchmark {

    private static final Path REPO = Path.of("").toAbsolutePath().getFileName().toString().equals("deploy")
            ? Path.of("").toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
    private static final Path WORK = REPO.resolve("deploy/target/scale-bench");
    /** Half past midnight: one hour on, exactly one more 1h candle has closed (4h and 1d are still forming). */
    private static final Instant START = Instant.parse("2024-06-01T00:30:00Z");
    private static final long H1 = 3_600_000L;
    private static final List<String> INTERVALS = List.of("1h", "4h", "1d");
    /** market-data-service's binance.concurrency default: calls in flight per market. */
    private static final int CONCURRENCY = 16;

    private final int spot = Integer.getInteger("bench.spot", 2000);
    private final int futures = Integer.getInteger("bench.futures", 500);
    private final int bars = Integer.getInteger("bench.bars", 1000);
    private final Set<String> parts = Set.of(System.getProperty("bench.parts", "backfill,update").split(","));
    private final long latency = Long.getLong("bench.latency-ms", 50);
    private final Duration detectionWait = Duration.ofMinutes(Long.getLong("bench.detection-wait-minutes", 15));
    private final int traps = Integer.getInteger("bench.traps", 10);
    private final int readRate = Integer.getInteger("bench.read-rate", 50);

    private PostgresServer postgres;
    private WeightBudgetStub stub;
    private ConsumerLag lag;
    private ServiceProcess marketData;
    private ServiceProcess detection;
    private ServiceProcess api;

    public static void main(String[] args) throws Exception {
        new ScaleBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        deleteRecursively(WORK);
        System.out.printf("=== scale: %d spot + %d futures instruments x %s, %d bars per series, stub latency %d ms; load average %s ===%n",
                spot, futures, INTERVALS, bars, latency, Files.readString(Path.of("/proc/loadavg")).trim());
        try (PostgresServer pg = PostgresServer.start(WORK.resolve("postgres"), 0, false);
             KafkaBroker kafka = KafkaBroker.start(12, WORK);
             WeightBudgetStub exchange = new WeightBudgetStub(spot, futures, latency, START.toEpochMilli());
             ConsumerLag consumerLag = new ConsumerLag(kafka.bootstrapServers())) {
            postgres = pg;
            stub = exchange;
            lag = consumerLag;
            pg.createDatabase("trapwatch");
            try {
                startServices(kafka);
                measure(kafka.bootstrapServers());
            } finally {
                // before the broker and the database go
                for (ServiceProcess service : new ServiceProcess[] {api, detection, marketData}) {
                    if (service != null) {
                        service.stop();
                    }
                }
            }
        }
    }

    private void measure(String bootstrap) throws Exception {
        try (ResourceSampler sampler = new ResourceSampler(List.of(marketData, detection, api))) {
            for (String market : List.of("spot", "futures")) {
                Http.post(marketData.baseUrl() + "/api/market-data/instruments/sync?market_type=" + market + "&exchange=binance");
            }
            if (parts.contains("backfill")) {
                backfill();
            } else {
                history();
            }
            if (parts.contains("update")) {
                steadyState(bootstrap);
            }
            printDatabaseSize();
            System.out.println("peaks over the run (sampled every second; each service -Xmx512m, goal heap <= 512 MB):");
            sampler.peaks().forEach((service, p) -> System.out.printf(
                    "  %-20s heap used %4d MB (old generation %4d MB), RSS %4d MB%n",
                    service, p.heapUsed() >> 20, p.oldGeneration() >> 20, p.rss() >> 20));
        }
    }

    private void startServices(KafkaBroker kafka) throws Exception {
        Path logs = Files.createDirectories(WORK.resolve("logs"));
        Map<String, String> env = new HashMap<>();
        env.put("TRAPWATCH_JDBC_URL", postgres.jdbcUrl("trapwatch"));
        env.put("TRAPWATCH_JDBC_USER", postgres.username());
        env.put("TRAPWATCH_JDBC_PASSWORD", postgres.password());
        env.put("TRAPWATCH_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("TRAPWATCH_MARKET_DATA_SOURCE", "binance");
        env.put("TRAPWATCH_BINANCE_SPOT_URL", stub.url(Market.SPOT));
        env.put("TRAPWATCH_BINANCE_FUTURES_URL", stub.url(Market.FUTURES));
        Http.token = java.util.UUID.randomUUID().toString(); // writes carry it, as the CronJobs do
        env.put("TRAPWATCH_API_TOKEN", Http.token);
        // the read load stands for many users but comes from one address: the per-client budget would answer it 429
        env.put("TRAPWATCH_RATE_LIMIT_PER_SECOND", "100000");
        env.put("TRAPWATCH_RATE_LIMIT_BURST", "100000");
        marketData = new ServiceProcess("market-data-service", REPO.resolve("market-data-service"), List.of("-Xmx512m"), env, logs).stopOnExit();
        marketData.start();
        env.put("TRAPWATCH_MARKET_DATA_URL", marketData.baseUrl());
        detection = new ServiceProcess("detection-service", REPO.resolve("detection-service"), List.of("-Xmx512m"), env, logs).stopOnExit();
        detection.start();
        env.put("TRAPWATCH_DETECTION_URL", detection.baseUrl());
        api = new ServiceProcess("monitor-api-service", REPO.resolve("monitor-api-service"), List.of("-Xmx512m"), env, logs).stopOnExit();
        api.start();
    }

    // ---------------------------------------------------------------- back-fill

    private void backfill() throws Exception {
        Map<Market, long[]> before = budgets();
        Map<String, Double> cpu = cpu();
        double engineBefore = engineBars();
        long t0 = System.nanoTime();
        List<JsonNode> results = updateAll(INTERVALS, "&backfill=" + bars);
        double returned = seconds(t0);
        double stored = 0;
        long saved = 0;
        int failed = 0;
        for (JsonNode r : results) {
            stored = Math.max(stored, (r.path("elapsed_ms").asLong() - r.path("publish_ms").asLong()) / 1e3);
            saved += r.path("bars_saved").asLong();
            failed += r.path("failed").size();
        }
        awaitOutboxEmpty();
        double published = seconds(t0);
        Map<Market, long[]> used = since(before);

        System.out.printf("%nback-fill (six market x interval updates started together, backfill=%d):%n", bars);
        System.out.printf("  %d bars saved (%d series failed); all stored after %.1f s, calls returned after %.1f s, "
                + "all published (outbox empty) after %.1f s: %.0f bars/s stored, %.0f bars/s published%n",
                saved, failed, stored, returned, published, saved / stored, saved / published);
        double serviceFloor = 0;
        double bestFloor = 0;
        for (Market market : Market.values()) {
            int series = instruments(market) * INTERVALS.size();
            Plan service = Plan.service(market, bars);
            Plan best = Plan.best(market, bars);
            double serviceSeconds = 60.0 * series * service.weight() / market.budgetPerMinute();
            double bestSeconds = 60.0 * series * best.weight() / market.budgetPerMinute();
            serviceFloor = Math.max(serviceFloor, serviceSeconds);
            bestFloor = Math.max(bestFloor, bestSeconds);
            System.out.printf("  %-7s %5d series: %d requests answered, %d answered 429, weight %d (budget %d/min)%n",
                    market, series, used.get(market)[0], used.get(market)[1], used.get(market)[2], market.budgetPerMinute());
            System.out.printf("          the service's plan: %s per series -> %d weight -> floor %.1f s; cheapest plan: %s -> %d weight -> floor %.1f s%n",
                    service, series * service.weight(), serviceSeconds, best, series * best.weight(), bestSeconds);
        }
        System.out.printf("  floor (markets in parallel, the slower one): %.1f s with the service's requests, %.1f s with the cheapest; "
                + "stored / floor = %.2fx resp. %.2fx, published / floor = %.2fx resp. %.2fx (goal <= 1.2x)%n",
                serviceFloor, bestFloor, stored / serviceFloor, stored / bestFloor, published / serviceFloor, published / bestFloor);
        printCpu("back-fill until published", cpu, published);
        printDatabaseSize();
        awaitDetection(t0, engineBefore);
    }

    /** Update without back-fill measurement: the 1h series get their history, detection consumes it. */
    private void history() throws Exception {
        long t0 = System.nanoTime();
        double engineBefore = engineBars();
        updateAll(List.of("1h"), "&backfill=" + bars);
        awaitOutboxEmpty();
        awaitDetection(t0, engineBefore);
    }

    /** Every market x interval update started together; their answers. */
    private List<JsonNode> updateAll(List<String> intervals, String extra) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * intervals.size());
        try {
            List<Future<JsonNode>> calls = new ArrayList<>();
            for (String market : List.of("spot", "futures")) {
                for (String interval : intervals) {
                    calls.add(pool.submit(() -> Http.post(marketData.baseUrl() + "/api/market-data/klines/update?market_type="
                            + market + "&interval=" + interval + extra, Duration.ofMinutes(60))));
                }
            }
            List<JsonNode> results = new ArrayList<>();
            for (Future<JsonNode> call : calls) {
                results.add(call.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /** Waits (bounded) until detection-service has consumed every kline-closed record; prints how long, or how far. */
    private void awaitDetection(long t0, double engineBefore) throws Exception {
        Map<String, Double> cpu = cpu();
        long cpuFrom = System.nanoTime();
        long deadline = System.nanoTime() + detectionWait.toNanos();
        long remaining = lag.lag("detection-service", Topics.KLINE_CLOSED);
        while (remaining > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5000);
            remaining = lag.lag("detection-service", Topics.KLINE_CLOSED);
        }
        double processed = engineBars() - engineBefore;
        double elapsed = seconds(t0);
        if (remaining == 0) {
            System.out.printf("detection-service consumed the back-fill (lag 0) %.1f s after it started: %.0f bars through the engine, %.0f bars/s%n",
                    elapsed, processed, processed / elapsed);
        } else {
            System.out.printf("detection-service NOT caught up after the %d min wait (%.1f s after the back-fill started): lag %d records, "
                    + "%.0f bars through the engine, %.0f bars/s -> about %.0f min more%n", detectionWait.toMinutes(), elapsed, remaining,
                    processed, processed / elapsed, remaining / (processed / elapsed) / 60);
        }
        printCpu("detection consuming", cpu, seconds(cpuFrom));
    }

    private void awaitOutboxEmpty() throws Exception {
        while (metric(marketData, "trapwatch_outbox_depth") > 0) {
            Thread.sleep(250);
        }
    }

    // ---------------------------------------------------------------- steady state

    private void steadyState(String bootstrap) throws Exception {
        long remaining = lag.lag("detection-service", Topics.KLINE_CLOSED);
        if (remaining > 0) {
            // The hourly burst is measured on a detection-service that is current, not queued behind the back-fill.
            // SIGKILL: stopped gracefully, it fails its batch in flight (persistence already closed) and commits those
            // records as skipped.
            detection.kill();
            long skipped = lag.skipToEnd("detection-service", Topics.KLINE_CLOSED);
            detection.start();
            System.out.printf("%nskipped the %d back-fill records detection-service had not consumed (restarted it at the end of the topic; "
                    + "series it never reached start without history, a partly processed one fills its gap over REST)%n", skipped);
        }
        warmUpHour();
        long newBar = Math.floorDiv(stub.serverTime(), H1) * H1;
        List<String> trapKeys = plantTraps(newBar);
        // An hourly update finds the minute's weight untouched (the previous one was an hour ago); the warm-up hour's
        // 4,000 spot weight would otherwise still count against it at full scale.
        Thread.sleep(60_000 - System.currentTimeMillis() % 60_000 + 100);
        try (KafkaConsumer<String, String> events = consumer(bootstrap)) {
            Map<Market, long[]> before = budgets();
            Map<String, Double> cpu = cpu();
            double engineBefore = engineBars();
            int expected = spot + futures;
            ReadLoad reads = new ReadLoad(api.baseUrl(), readRate);
            stub.advance(H1);
            long start = System.currentTimeMillis();
            long t0 = System.nanoTime();
            // The events are read while the update runs: the burst's first bars reach detection long before the
            // update's last call returns.
            CompletableFuture<List<JsonNode>> updating = CompletableFuture.supplyAsync(() -> {
                try {
                    return updateAll(List.of("1h"), "");
                } catch (Exception e) {
                    throw new IllegalStateException("the 1h update failed", e);
                }
            });
            AtomicLong updateEnded = new AtomicLong();
            updating.thenRun(() -> updateEnded.set(System.nanoTime()));

            long firstOut = Long.MAX_VALUE;
            long lastOut = 0;
            Map<String, Long> trapOut = new HashMap<>();
            List<Long> trapLatency = new ArrayList<>();
            // the trap's path, ms after its bar's record was published: processed by detection (occurredAt), event sent
            Map<String, List<Long>> hops = new LinkedHashMap<>();
            long processedAt = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long nextCheck = 0;
            while ((!updating.isDone() || processedAt == 0 || trapLatency.size() < trapKeys.size()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(20))) {
                    long receivedAt = System.currentTimeMillis();
                    if (record.topic().equals(Topics.KLINE_CLOSED)) {
                        firstOut = Math.min(firstOut, record.timestamp());
                        lastOut = Math.max(lastOut, record.timestamp());
                        trapOut.put(record.key(), record.timestamp());
                        continue;
                    }
                    JsonNode event = Http.JSON.readTree(record.value());
                    if (event.path("version").asInt() == 1 && trapKeys.contains(record.key())
                            && Instant.parse(event.path("triggerTime").asText()).toEpochMilli() == newBar) {
                        long barOut = trapOut.getOrDefault(record.key(), start);
                        trapLatency.add(receivedAt - barOut);
                        hops.computeIfAbsent("processed", k -> new ArrayList<>())
                                .add(Instant.parse(event.path("occurredAt").asText()).toEpochMilli() - barOut);
                        hops.computeIfAbsent("event sent", k -> new ArrayList<>()).add(record.timestamp() - barOut);
                    }
                }
                if (processedAt == 0 && System.nanoTime() > nextCheck) {
                    nextCheck = System.nanoTime() + 100_000_000L;
                    if (engineBars() - engineBefore >= expected) {
                        processedAt = System.currentTimeMillis();
                    }
                }
            }
            double window = seconds(t0);
            List<Long> readLatencies = reads.stop();
            List<JsonNode> results = updating.join();
            double update = (updateEnded.get() - t0) / 1e9;
            long saved = results.stream().mapToLong(r -> r.path("bars_saved").asLong()).sum();
            int failed = results.stream().mapToInt(r -> r.path("failed").size()).sum();
            Map<Market, long[]> used = since(before);

            System.out.printf("%nsteady state: the clock one hour on, the 1h update of both markets started together (%d series):%n", expected);
            System.out.printf("  update: %.1f s (goal <= 60 s): %d bars saved, %d failed; ", update, saved, failed);
            for (Market market : Market.values()) {
                System.out.printf("%s %d requests, %d answered 429, weight %d; ", market, used.get(market)[0], used.get(market)[1], used.get(market)[2]);
            }
            int spotWeight = spot * Plan.update(Market.SPOT).weight();
            int futuresWeight = futures * Plan.update(Market.FUTURES).weight();
            System.out.printf("%n  floor: weight %d of 6000 (spot) and %d of 2400 (futures) fit into one minute, so calls in flight bound it: "
                    + "%d x %d ms / %d = %.1f s%n", spotWeight, futuresWeight, Math.max(spot, futures), latency, CONCURRENCY,
                    Math.ceil(Math.max(spot, futures) / (double) CONCURRENCY) * latency / 1e3);
            System.out.printf("  kline-closed of the new bar published %.1f s to %.1f s after the update started%n",
                    (firstOut - start) / 1e3, (lastOut - start) / 1e3);
            if (processedAt == 0) {
                System.out.printf("  burst: detection did NOT run %d bars through the engine within 3 min (%.0f did)%n", expected, engineBars() - engineBefore);
            } else {
                System.out.printf("  burst: all %d bars through detection %.1f s after the update started, %.2f s after the last was published, "
                        + "%.2f s after the first (goal <= 3 s)%n", expected, (processedAt - start) / 1e3, (processedAt - lastOut) / 1e3,
                        (processedAt - firstOut) / 1e3);
            }
            System.out.printf("  traps: %d of %d announced; bar published -> MonitorStateChanged received: %s%n",
                    trapLatency.size(), trapKeys.size(), percentiles(trapLatency, "ms"));
            hops.forEach((hop, values) -> System.out.printf("    %s: %s%n", hop, percentiles(values, "ms")));
            System.out.printf("  monitor-api under %d requests/s over %.1f s: %d answered, %d errors, %s%n", readRate, window,
                    readLatencies.size(), reads.errors.get(), percentiles(readLatencies, "ms"));
            printCpu("steady state (update + burst)", cpu, window);
        }
    }

    /**
     * One hour unmeasured first, as every hour follows another: after the back-fill (or a restart) detection-service
     * holds no series engine in memory and rebuilds each from its stored bars on the series' next bar.
     */
    private void warmUpHour() throws Exception {
        double engineBefore = engineBars();
        stub.advance(H1);
        long t0 = System.nanoTime();
        updateAll(List.of("1h"), "");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (engineBars() - engineBefore < spot + futures && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        System.out.printf("%nwarm-up hour (unmeasured): 1h update and its bars through detection in %.1f s%n", seconds(t0));
    }

    /**
     * Traps in the new 1h bar of series detection-service has history for (its own series table, read here only to
     * choose them), half spot and half futures, spread over the universe.
     */
    private List<String> plantTraps(long newBar) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("trapwatch"), postgres.username(), postgres.password());
             Statement s = c.createStatement()) {
            for (String market : List.of("spot", "futures")) {
                List<String> ready = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT symbol FROM detection.series_state WHERE market_type = '" + market
                        + "' AND kline_interval = '1h' AND bars_processed >= 100 AND last_open_time = to_timestamp(" + (newBar - H1) / 1000
                        + ") ORDER BY symbol")) {
                    while (rs.next()) {
                        ready.add(rs.getString(1));
                    }
                }
                int wanted = Math.min(ready.size(), market.equals("spot") ? (traps + 1) / 2 : traps / 2);
                for (int i = 0; i < wanted; i++) {
                    String symbol = ready.get(i * ready.size() / wanted);
                    stub.plantTrap(symbol, "1h", newBar);
                    keys.add(market + ":" + symbol + ":1h");
                }
            }
        }
        return keys;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        KafkaConsumer<String, String> consumer = EventTap.assigned(bootstrap);
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    /** A paced read load on monitor-api (list, detail, statistics), each request timed from its send. */
    private static final class ReadLoad {

        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger errors = new AtomicInteger();

        ReadLoad(String base, int perSecond) throws Exception {
            List<String> urls = new ArrayList<>(List.of(
                    base + "/api/volume-trap/monitors/?market_type=spot&page_size=20",
                    base + "/api/volume-trap/monitors/?market_type=futures&status=pending&page_size=20",
                    base + "/api/volume-trap/statistics/"));
            for (JsonNode m : Http.get(base + "/api/volume-trap/monitors/?page_size=20").path("results")) {
                urls.add(base + "/api/volume-trap/monitors/" + m.path("id").asLong() + "/");
            }
            pacer.scheduleAtFixedRate(() -> {
                long from = System.nanoTime();
                String url = urls.get(sent.getAndIncrement() % urls.size());
                client.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                            latencies.add((System.nanoTime() - from) / 1_000_000);
                            if (failure != null || response.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        });
            }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        }

        /** Stops sending, lets the requests in flight finish (up to 10 s), returns the latencies in ms. */
        List<Long> stop() throws InterruptedException {
            pacer.shutdownNow();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (latencies.size() < sent.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            return new ArrayList<>(latencies);
        }
    }

    // ---------------------------------------------------------------- weight plans

    /** Klines calls for one series: how many and their summed weight. */
    record Plan(int requests, int weight) {

        /**
         * What market-data-service sends for a back-fill of {@code bars} (KlineUpdateService.backfill): pages backwards
         * ending just before the still-forming candle, limit = min(largest page, bars still needed).
         */
        static Plan service(Market market, int bars) {
            int collected = 0;
            int requests = 0;
            int weight = 0;
            while (collected < bars) {
                int limit = Math.min(market.maxKlineLimit(), bars - collected);
                collected += limit;
                requests++;
                weight += market.klinesWeight(limit);
            }
            return new Plan(requests, weight);
        }

        /**
         * The cheapest: {@code endTime} just before the forming candle (no candle wasted), pages sized by weight
         * (futures: 499 rows cost 2, 1000 cost 5); exact minimum over every split.
         */
        static Plan best(Market market, int bars) {
            int[] weight = new int[bars + 1];
            int[] requests = new int[bars + 1];
            for (int n = 1; n <= bars; n++) {
                weight[n] = Integer.MAX_VALUE;
                for (int limit = 1; limit <= market.maxKlineLimit(); limit++) {
                    int rest = Math.max(0, n - limit);
                    int w = market.klinesWeight(limit) + weight[rest];
                    if (w < weight[n] || (w == weight[n] && requests[rest] + 1 < requests[n])) {
                        weight[n] = w;
                        requests[n] = requests[rest] + 1;
                    }
                    if (limit >= n) {
                        break;
                    }
                }
            }
            return new Plan(requests[bars], weight[bars]);
        }

        /** The hourly update of one series: from the last stored bar to the forming one, limit 1. */
        static Plan update(Market market) {
            return new Plan(1, market.klinesWeight(1));
        }

        @Override
        public String toString() {
            return requests + " request" + (requests == 1 ? "" : "s") + " of weight " + weight;
        }
    }

    // ---------------------------------------------------------------- measurements

    private int instruments(Market market) {
        return market == Market.SPOT ? spot : futures;
    }

    /** Per market: calls answered, 429s, weight charged. */
    private Map<Market, long[]> budgets() {
        Map<Market, long[]> now = new LinkedHashMap<>();
        for (Market market : Market.values()) {
            WeightBudgetStub.Budget b = stub.budget(market);
            now.put(market, new long[] {b.calls(), b.rejected(), b.weight()});
        }
        return now;
    }

    private Map<Market, long[]> since(Map<Market, long[]> before) {
        Map<Market, long[]> now = budgets();
        now.forEach((market, v) -> {
            for (int i = 0; i < v.length; i++) {
                v[i] -= before.get(market)[i];
            }
        });
        return now;
    }

    /** Bars detection-service ran through its engine (live path, gap fills included), from its timer. */
    private double engineBars() throws Exception {
        return metric(detection, "trapwatch_engine_bar_seconds_count");
    }

    private static double metric(ServiceProcess service, String name) throws Exception {
        return PrometheusText.parse(Http.text(service.baseUrl() + "/q/metrics")).sum(name);
    }

    /** CPU seconds so far of the services, this server's PostgreSQL and this JVM (the stub and the Kafka broker). */
    private Map<String, Double> cpu() throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (ServiceProcess service : List.of(marketData, detection, api)) {
            seconds.put(service.name(), ProcessCpu.seconds(service.pid()));
        }
        seconds.put("postgresql", ProcessCpu.postgresSeconds(WORK.resolve("postgres")));
        seconds.put("stub + kafka (this JVM)", ProcessCpu.seconds(ProcessHandle.current().pid()));
        return seconds;
    }

    private void printCpu(String phase, Map<String, Double> before, double wall) throws Exception {
        StringBuilder line = new StringBuilder(String.format("  CPU seconds, %s (%.1f s wall, 2 cores = %.0f s):", phase, wall, 2 * wall));
        cpu().forEach((process, now) -> line.append(String.format(" %s %.1f;", process, now - before.getOrDefault(process, now))));
        System.out.println(line);
    }

    private void printDatabaseSize() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("trapwatch"), postgres.username(), postgres.password());
             Statement s = c.createStatement()) {
            StringBuilder line = new StringBuilder("  database: ");
            try (ResultSet rs = s.executeQuery("SELECT pg_database_size('trapwatch')")) {
                rs.next();
                line.append(rs.getLong(1) >> 20).append(" MB;");
            }
            try (ResultSet rs = s.executeQuery("SELECT n.nspname, sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') "
                    + "AND n.nspname IN ('market_data', 'detection', 'monitor_api') GROUP BY 1 ORDER BY 1")) {
                while (rs.next()) {
                    line.append(' ').append(rs.getString(1)).append(' ').append(rs.getLong(2) >> 20).append(" MB;");
                }
            }
            System.out.println(line + " (tables with their indexes)");
        }
    }

    private static String percentiles(List<Long> values, String unit) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("p50 %d %s, p99 %d %s, max %d %s", percentile(sorted, 50), unit, percentile(sorted, 99), unit,
                sorted.get(sorted.size() - 1), unit);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double seconds(long fromNanos) {
        return (System.nanoTime() - fromNanos) / 1e9;
    }

    private static void deleteRecursively(Path dir) throws Exception {
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
