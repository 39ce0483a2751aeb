package io.trapwatch.monitorapi.bench;

import io.trapwatch.infra.KafkaBroker;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.ProcessCpu;
import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.support.Events;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Read-side benchmark (not a test). Starts PostgreSQL and a KRaft broker, produces the full event history of
 * 100,000 monitors (mixed markets, intervals and statuses; every version of each) plus one kline-closed bar per
 * series, runs the packaged service against them, and measures (1) ingestion: events/s from the service being ready
 * until every monitor holds its final version; (2) capacity: 50 closed-loop HTTP clients for a fixed time running
 * mixed list queries (filters, pages, page sizes) and detail reads: requests/s and latency percentiles; (3) the
 * target figure: the same mix paced at a fixed offered rate, latency from each request's scheduled send time. The
 * clients are plain keep-alive HTTP/1.1 connections ({@link KeepAliveConnection}), cheap next to the service. Both
 * read runs also print the CPU time the service, PostgreSQL and this JVM (the load generator) used while measured.
 * Run: see the README.
 */
public final class ReadBenchmark {

    private static final int MONITORS = Integer.getInteger("bench.monitors", 100_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 50);
    private static final int WARMUP_S = Integer.getInteger("bench.warmup", 15);
    private static final int WARMUP_MAX_S = Integer.getInteger("bench.warmup-max", 120);
    private static final int WARMUP_STEP_S = 5;
    /** JIT compiler CPU seconds per warm-up step below which the service counts as compiled (5 % of one core). */
    private static final double JIT_SETTLED_S = 0.25;
    private static final int MEASURE_S = Integer.getInteger("bench.seconds", 30);
    /** Offered rate of the paced (open-loop) run, the figure judged against the target. */
    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final int PACED_WARMUP_S = Integer.getInteger("bench.paced-warmup", 5);
    /**
     * Share (0..1) of request slots that revalidate the client's previous answer (same URL, If-None-Match with its
     * ETag) instead of taking the next request of the mix; reported apart from the mix. 0 by default: the mix alone.
     */
    private static final double REVALIDATE = Double.parseDouble(System.getProperty("bench.revalidate", "0"));
    private static final int SYMBOLS = 2_000;
    private static final String[] STATUSES = MonitorStatus.wireNames().toArray(String[]::new);

    private ReadBenchmark() {
    }

    /** The parties whose CPU time is reported: the service, the benchmark's PostgreSQL server, this JVM. */
    private record Parties(long service, Path postgresData) {

        /** CPU seconds so far of each party, in the order service, PostgreSQL, this JVM, then the service's JIT. */
        double[] cpu() throws IOException {
            return new double[]{ProcessCpu.seconds(service), ProcessCpu.postgresSeconds(postgresData),
                    ProcessCpu.seconds(ProcessHandle.current().pid()), serviceJit()};
        }

        /** CPU seconds so far of the service's JIT compiler threads (part of the service's). */
        double serviceJit() throws IOException {
            return ProcessCpu.jitSeconds(service);
        }
    }

    public static void main(String[] args) throws Exception {
        Path module = ServiceProcess.moduleDir("monitor-api-service");
        Path work = Files.createTempDirectory(Files.createDirectories(module.resolve("target")), "bench-");
        // -Dbench.service-jvm= adds JVM options to the service, e.g. a flight recording.
        String jvm = System.getProperty("bench.service-jvm", "").trim();
        try (PostgresServer pg = PostgresServer.start(work.resolve("pg"), 0, false);
             KafkaBroker kafka = KafkaBroker.start(4, work)) {
            pg.createDatabase("bench");
            long[] produced = produce(kafka.bootstrapServers());
            long events = produced[0];
            long versionSum = produced[1];

            ServiceProcess service = new ServiceProcess("monitor-api-service", module,
                    jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")), Map.of(
                    "TRAPWATCH_JDBC_URL", pg.jdbcUrl("bench"),
                    "TRAPWATCH_JDBC_USER", pg.username(),
                    "TRAPWATCH_JDBC_PASSWORD", pg.password(),
                    "TRAPWATCH_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                    // the load comes from one address: measure capacity, not the per-client abuse limit
                    "TRAPWATCH_RATE_LIMIT_PER_SECOND", "1000000", "TRAPWATCH_RATE_LIMIT_BURST", "1000000"), work).stopOnExit();
            try {
                service.start();
                String base = service.baseUrl();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                long t0 = System.nanoTime();
                try (Connection db = DriverManager.getConnection(pg.jdbcUrl("bench"), pg.username(), pg.password())) {
                    while (true) {
                        try (Statement s = db.createStatement();
                             ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(version), 0) FROM monitor_api.monitor")) {
                            rs.next();
                            if (rs.getLong(1) == MONITORS && rs.getLong(2) == versionSum) {
                                break;
                            }
                        }
                        if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
                            throw new IllegalStateException("ingestion did not finish in 10 minutes");
                        }
                        Thread.sleep(50);
                    }
                    double ingestSec = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("%n=== monitor-api-service ingestion ===%n");
                    System.out.printf("%d MonitorStateChanged events (%d monitors) applied in %.2f s from readiness: %.0f events/s%n",
                            events, MONITORS, ingestSec, events / ingestSec);
                    // Every projected transition also entered the alert outbox; its fan-out (to no subscription here)
                    // runs after the projection and would otherwise fall into the read runs, as would autovacuum of
                    // the tables the ingestion filled: both are ingestion's work, not the reads'.
                    long t1 = System.nanoTime();
                    while (count(db, "SELECT count(*) FROM monitor_api.alert_transition WHERE NOT fanned_out") > 0) {
                        if (System.nanoTime() - t1 > Duration.ofMinutes(5).toNanos()) {
                            throw new IllegalStateException("the alert outbox was not fanned out in 5 minutes");
                        }
                        Thread.sleep(200);
                    }
                    System.out.printf("alert outbox fanned out %.1f s after the ingestion%n", (System.nanoTime() - t1) / 1e9);
                    try (Statement s = db.createStatement()) {
                        // What autovacuum does in production on its own schedule: statistics and the visibility map.
                        s.execute("VACUUM ANALYZE");
                    }
                }
                // Only this benchmark's server counts (PostgreSQL's processes run in its data directory).
                Parties parties = new Parties(service.pid(), work.resolve("pg").resolve("data"));
                closedLoop(http, base, parties);
                paced(http, base, parties);
                int hold = Integer.getInteger("bench.hold", 0);
                if (hold > 0) {
                    System.out.printf("holding %d s: service %s, database %s%n", hold, base, pg.jdbcUrl("bench"));
                    Thread.sleep(hold * 1000L);
                }
            } finally {
                service.stop();
            }
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Returns {events produced, sum of the final versions}. */
    private static long[] produce(String bootstrap) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        long events = 0;
        long versionSum = 0;
        Instant epoch = Instant.parse("2023-01-01T00:00:00Z");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"))) {
            Interval[] intervals = Interval.values();
            for (int i = 0; i < MONITORS; i++) {
                MarketType market = MarketType.values()[i % 2];
                Interval interval = intervals[(i / 2) % 3];
                String symbol = "S" + (i / 6) % SYMBOLS + "USDT";
                // Distinct trigger bars per series: the k-th monitor of a series is k*37 bars after the first.
                long slot = (long) (i / 6 / SYMBOLS) * 37 + random.nextInt(30);
                Instant trigger = epoch.plus(interval.length().multipliedBy(slot));
                BigDecimal price = BigDecimal.valueOf(random.nextInt(1, 5_000_000), 5);
                Events.Monitor m = new Events.Monitor(market, symbol, interval, trigger, price.toPlainString());
                int kind = random.nextInt(10);
                if (kind >= 4) {
                    m.step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, price.multiply(new BigDecimal("0.9")), Events.confirmationSnapshot());
                }
                if (kind >= 6) {
                    m.step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 6, price.multiply(new BigDecimal("0.8")), Events.validationSnapshot());
                }
                if (kind == 9) {
                    m.step(MonitorStatus.INVALIDATED, "invalidation", 9, price.multiply(new BigDecimal("1.1")),
                            Map.of("current_close", price.multiply(new BigDecimal("1.1")), "trigger_price", price));
                } else if (kind == 3) {
                    m.step(MonitorStatus.EXPIRED, "expiry", 5, price, Events.confirmationSnapshot());
                }
                for (int v = 1; v <= m.versions(); v++) {
                    var e = m.version(v);
                    producer.send(new ProducerRecord<>(Topics.MONITOR_STATE_CHANGED, e.series().asKafkaKey(), Events.json(e)));
                    events++;
                }
                versionSum += m.versions();
                if (i % 6 == 5 || i < 6 * SYMBOLS) {
                    var bar = Events.bar(market, symbol, interval, trigger.plus(interval.length().multipliedBy(12)),
                            price.multiply(new BigDecimal("0.95")).toPlainString());
                    producer.send(new ProducerRecord<>(Topics.KLINE_CLOSED, bar.series().asKafkaKey(), Events.json(bar)));
                }
            }
            producer.flush();
        }
        System.out.printf("produced %d monitor events for %d monitors%n", events, MONITORS);
        return new long[]{events, versionSum};
    }

    /** Capacity: every client sends its next request as soon as the previous answer arrived (no think time). */
    private static void closedLoop(HttpClient http, String base, Parties parties) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Client>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            long seed = c;
            futures.add(pool.submit(() -> {
                Client client = new Client(base, seed);
                while (!stop.get()) {
                    client.next(System.nanoTime(), measuring.get());
                }
                return client;
            }));
        }
        int warmedUp = warmUp(parties);
        CacheCounts before = CacheCounts.read(http, base);
        double[] cpuBefore = parties.cpu();
        Instant from = Instant.now();
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(MEASURE_S * 1000L);
        measuring.set(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] cpuAfter = parties.cpu();
        CacheCounts after = CacheCounts.read(http, base);
        stop.set(true);
        Recorder all = new Recorder();
        Recorder revalidations = new Recorder();
        for (Future<Client> f : futures) {
            all.merge(f.get().mix);
            revalidations.merge(f.get().revalidations);
            f.get().close();
        }
        pool.shutdown();
        System.out.printf("%n=== monitor-api-service read CAPACITY (closed loop): %d monitors, %d clients without think time, %d s measured after %d s warm-up ===%n",
                MONITORS, CLIENTS, MEASURE_S, warmedUp);
        print(all, revalidations, seconds, after.since(before));
        printCpu(cpuBefore, cpuAfter, all.n + revalidations.n, seconds, from);
    }

    /**
     * Runs the load for at least {@code bench.warmup} seconds, then on in steps of {@link #WARMUP_STEP_S} while the
     * service's JIT compilers still used more than {@link #JIT_SETTLED_S} CPU seconds in the last step (at most
     * {@code bench.warmup-max} seconds in all). Capacity is a steady-state figure: a fixed 15 s on two busy cores left
     * 1 to 6 CPU seconds of compilation inside the measured 30 s, run to run, and with them most of the spread.
     * Returns the seconds it took.
     */
    private static int warmUp(Parties parties) throws Exception {
        Thread.sleep(WARMUP_S * 1000L);
        int warmed = WARMUP_S;
        double jit = parties.serviceJit();
        while (warmed + WARMUP_STEP_S <= WARMUP_MAX_S) {
            Thread.sleep(WARMUP_STEP_S * 1000L);
            warmed += WARMUP_STEP_S;
            double now = parties.serviceJit();
            boolean settled = now - jit < JIT_SETTLED_S;
            jit = now;
            if (settled) {
                break;
            }
        }
        return warmed;
    }

    /**
     * The figure against the target: {@code CLIENTS} threads together offer {@code RATE} requests/s on a fixed
     * schedule (thread c sends request k at start + (k * CLIENTS + c) / RATE). Latency is measured from the
     * scheduled send time, so a request that waits for a busy client thread counts its wait (no coordinated omission).
     */
    private static void paced(HttpClient http, String base, Parties parties) throws Exception {
        long intervalNanos = 1_000_000_000L / RATE;
        long start = System.nanoTime() + 100_000_000L;
        long measureFrom = start + PACED_WARMUP_S * 1_000_000_000L;
        long end = measureFrom + MEASURE_S * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Client>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int index = c;
            futures.add(pool.submit(() -> {
                Client client = new Client(base, 1_000L + index);
                for (long k = 0; ; k++) {
                    long intended = start + (k * CLIENTS + index) * intervalNanos;
                    if (intended >= end) {
                        return client;
                    }
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    client.next(intended, intended >= measureFrom);
                }
            }));
        }
        java.util.concurrent.locks.LockSupport.parkNanos(measureFrom - System.nanoTime());
        double[] cpuBefore = parties.cpu();
        Instant from = Instant.now();
        CacheCounts before = CacheCounts.read(http, base);
        Recorder all = new Recorder();
        Recorder revalidations = new Recorder();
        for (Future<Client> f : futures) {
            all.merge(f.get().mix);
            revalidations.merge(f.get().revalidations);
            f.get().close();
        }
        double seconds = (System.nanoTime() - measureFrom) / 1e9;
        double[] cpuAfter = parties.cpu();
        CacheCounts after = CacheCounts.read(http, base);
        pool.shutdown();
        System.out.printf("%n=== monitor-api-service read TARGET run (paced, open loop): %d monitors, %d clients offering %d requests/s together,"
                + " %d s measured after %d s warm-up; latency from each request's scheduled send time ===%n",
                MONITORS, CLIENTS, RATE, MEASURE_S, PACED_WARMUP_S);
        print(all, revalidations, seconds, after.since(before));
        printCpu(cpuBefore, cpuAfter, all.n + revalidations.n, seconds, from);
    }

    /**
     * CPU seconds of each party while measured, as cores busy on average and as microseconds per request; with the
     * span measured (UTC), to find it in a flight recording of the service.
     */
    private static void printCpu(double[] before, double[] after, int requests, double seconds, Instant from) {
        String[] names = {"service", "PostgreSQL", "benchmark JVM (load generator)"}; // the JIT's is part of the service's
        StringBuilder line = new StringBuilder("CPU while measured:");
        double total = 0;
        for (int i = 0; i < names.length; i++) {
            double used = after[i] - before[i];
            total += used;
            line.append(String.format(" %s %.1f s (%.2f cores, %.0f µs/request);", names[i], used, used / seconds,
                    1e6 * used / Math.max(1, requests)));
        }
        System.out.printf("%s together %.1f s (%.2f cores, %.0f µs/request)%n", line, total, total / seconds,
                1e6 * total / Math.max(1, requests));
        System.out.printf("of the service's: its JIT compiler threads %.1f s%n", after[3] - before[3]);
        System.out.printf("measured %s to %s%n", from, Instant.now());
    }

    private static void print(Recorder all, Recorder revalidations, double seconds, CacheCounts cache) {
        print("", all, seconds);
        if (revalidations.n > 0) {
            print("revalidations (If-None-Match with the previous answer's ETag, apart from the mix): ", revalidations, seconds);
            System.out.printf("revalidation answers: %d x 304%n", revalidations.notModified);
        }
        System.out.printf("service cache while measured (/q/metrics): hit ratio %.1f %% (%d hits, %d misses), %d x 304, %d evictions%n",
                100.0 * cache.hits / Math.max(1, cache.hits + cache.misses), cache.hits, cache.misses, cache.notModified, cache.evictions);
    }

    private static void print(String label, Recorder all, double seconds) {
        long[] lat = Arrays.copyOf(all.nanos, all.n);
        Arrays.sort(lat);
        System.out.printf("%srequests: %d (%d list, %d detail)  throughput: %.0f requests/s%n", label, all.n, all.lists, all.n - all.lists, all.n / seconds);
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", pct(lat, 0.50), pct(lat, 0.90),
                pct(lat, 0.99), pct(lat, 0.999), lat[lat.length - 1] / 1e6);
        System.out.printf("answers: %d x 200, %d x 404 (page past the end of a narrow filter), %d other%n",
                all.ok, all.notFound, all.n - all.ok - all.notFound - all.notModified);
    }

    /**
     * One client thread on its own keep-alive connection: the next request of its mix, or (with probability
     * {@code bench.revalidate}, from a random stream of its own so the mix stays the same) its previous URL again with
     * the ETag it got.
     */
    private static final class Client implements AutoCloseable {
        final Recorder mix = new Recorder();
        final Recorder revalidations = new Recorder();
        private final KeepAliveConnection connection;
        private final SplittableRandom random;
        private final SplittableRandom revalidating;
        private String lastPath;
        private String lastEtag;

        Client(String base, long seed) {
            this.connection = new KeepAliveConnection(base);
            this.random = new SplittableRandom(seed);
            this.revalidating = new SplittableRandom(seed + 1_000_000L);
        }

        /** Sends one request; its latency counts from {@code since} and is recorded if {@code record}. */
        void next(long since, boolean record) {
            boolean revalidate = REVALIDATE > 0 && lastEtag != null && revalidating.nextDouble() < REVALIDATE;
            String path = revalidate ? lastPath : randomRequest(random);
            int status;
            try {
                KeepAliveConnection.Answer answer = connection.get(path, revalidate ? lastEtag : null);
                status = answer.status();
                lastPath = path;
                lastEtag = answer.etag();
            } catch (Exception e) {
                status = -1;
            }
            long took = System.nanoTime() - since;
            if (record) {
                (revalidate ? revalidations : mix).add(took, status, path.contains("/monitors/?"));
            }
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** The service's cache counters ({@code trapwatch_read_cache_*} at /q/metrics). */
    private record CacheCounts(long hits, long misses, long notModified, long evictions) {

        static CacheCounts read(HttpClient http, String base) throws Exception {
            String text = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new CacheCounts(sample(text, "trapwatch_read_cache_hits_total"), sample(text, "trapwatch_read_cache_misses_total"),
                    sample(text, "trapwatch_read_cache_not_modified_total"), sample(text, "trapwatch_read_cache_evictions_total"));
        }

        private static long sample(String metrics, String name) {
            for (String line : metrics.split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            throw new IllegalStateException(name + " not at /q/metrics");
        }

        CacheCounts since(CacheCounts before) {
            return new CacheCounts(hits - before.hits, misses - before.misses, notModified - before.notModified,
                    evictions - before.evictions);
        }
    }

    /** 30 % detail reads; 70 % list queries with random market/status/interval filters, some symbol or date filters, pages 1-10. */
    private static String randomRequest(SplittableRandom r) {
        if (r.nextInt(10) < 3) {
            return "/api/volume-trap/monitors/" + r.nextInt(1, MONITORS + 1) + "/";
        }
        StringBuilder q = new StringBuilder("/api/volume-trap/monitors/?market_type=").append(new String[]{"all", "spot", "futures"}[r.nextInt(3)]);
        if (r.nextBoolean()) {
            q.append("&status=").append(STATUSES[r.nextInt(STATUSES.length)]);
        }
        if (r.nextBoolean()) {
            q.append("&interval=").append(Interval.values()[r.nextInt(3)].wire());
        }
        int kind = r.nextInt(10);
        boolean narrow = false;
        if (kind == 0) {
            q.append("&symbol=S").append(r.nextInt(SYMBOLS)).append("USDT");
            narrow = true;
        } else if (kind == 1) {
            int day = r.nextInt(700);
            q.append("&start_date=").append(java.time.LocalDate.of(2023, 1, 1).plusDays(day))
                    .append("&end_date=").append(java.time.LocalDate.of(2023, 1, 1).plusDays(day + 30));
        }
        int size = new int[]{20, 20, 20, 20, 20, 20, 20, 50, 50, 100}[r.nextInt(10)];
        int page = narrow ? 1 : (r.nextInt(10) < 6 ? 1 : r.nextInt(2, 11));
        return q.append("&page_size=").append(size).append("&page=").append(page).toString();
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    /** Latencies and answers of one client thread. */
    private static final class Recorder {
        long[] nanos = new long[1 << 16];
        int n;
        int lists;
        int ok;
        int notFound;
        int notModified;

        void add(long took, int status, boolean list) {
            if (n == nanos.length) {
                nanos = Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = took;
            lists += list ? 1 : 0;
            ok += status == 200 ? 1 : 0;
            notFound += status == 404 ? 1 : 0;
            notModified += status == 304 ? 1 : 0;
        }

        void merge(Recorder other) {
            nanos = Arrays.copyOf(nanos, n + other.n);
            System.arraycopy(other.nanos, 0, nanos, n, other.n);
            n += other.n;
            lists += other.lists;
            ok += other.ok;
            notFound += other.notFound;
            notModified += other.notModified;
        }
    }
}
