package io.trapwatch.marketdata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.infra.KafkaBroker;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.infra.WeightBudgetStub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest benchmark (not a test). Starts PostgreSQL, a KRaft broker and {@link WeightBudgetStub} (500 spot symbols,
 * 50 ms per call, 6000 weight/minute enforced), runs the packaged service ({@code target/quarkus-app/quarkus-run.jar})
 * against them, back-fills 1000 4h bars per symbol, lets one candle close, runs one incremental update, and prints
 * the figures including the service process's peak RSS; then measures the store path alone ({@link StoreOnlyBenchmark}). Run: see the module README.
 */
public final class IngestBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The writes (sync, update) carry the operator token the service was started with, as the CronJobs do. */
    private static final String TOKEN = UUID.randomUUID().toString();
    static final long H4 = 4 * 3_600_000L;
    private static final int SYMBOLS = Integer.getInteger("bench.symbols", 500);
    private static final int BACKFILL = Integer.getInteger("bench.backfill", 1000);
    /** The heap a deployment gives the service (a container limit does the same); without it the JVM sizes itself to the host. */
    private static final int STORE_THREADS = Integer.getInteger("bench.store-threads", 2);
    private static final String HEAP = "-Xmx" + System.getProperty("bench.heap", "256m");

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path module = ServiceProcess.moduleDir("market-data-service");
        Path work = Files.createTempDirectory(Files.createDirectories(module.resolve("target")), "bench-");
        long serverTime = Instant.parse("2024-06-01T02:00:00Z").toEpochMilli();
        try (PostgresServer pg = PostgresServer.start(work.resolve("pg"), 0, false);
             KafkaBroker kafka = KafkaBroker.start(4, work);
             WeightBudgetStub stub = new WeightBudgetStub(SYMBOLS, 0, 50, serverTime)) {
            pg.createDatabase("bench");
            ServiceProcess service = new ServiceProcess("market-data-service", module, List.of(HEAP), Map.of(
                    "TRAPWATCH_JDBC_URL", pg.jdbcUrl("bench"),
                    "TRAPWATCH_JDBC_USER", pg.username(),
                    "TRAPWATCH_JDBC_PASSWORD", pg.password(),
                    "TRAPWATCH_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                    "TRAPWATCH_BINANCE_SPOT_URL", stub.url(WeightBudgetStub.Market.SPOT),
                    "TRAPWATCH_API_TOKEN", TOKEN), work);
            try {
                service.start();
                AtomicLong peakRssKb = new AtomicLong();
                Thread sampler = new Thread(() -> sampleRss(service.pid(), peakRssKb), "rss-sampler");
                sampler.setDaemon(true);
                sampler.start();
                String base = service.baseUrl();
                JsonNode sync = post(base + "/api/market-data/instruments/sync?market_type=spot&exchange=binance");
                System.out.printf("instruments: %s%n", sync);

                long t0 = System.nanoTime();
                JsonNode backfill = post(base + "/api/market-data/klines/update?market_type=spot&interval=4h&backfill=" + BACKFILL);
                double backfillSec = (System.nanoTime() - t0) / 1e9;
                long callsAfterBackfill = stub.budget(WeightBudgetStub.Market.SPOT).calls();

                stub.advance(H4);
                long t1 = System.nanoTime();
                JsonNode incremental = post(base + "/api/market-data/klines/update?market_type=spot&interval=4h");
                double incrementalSec = (System.nanoTime() - t1) / 1e9;

                long bars = backfill.get("bars_saved").asLong();
                long storeMs = backfill.get("store_ms").asLong();
                System.out.println();
                System.out.println("=== market-data-service ingest benchmark (" + SYMBOLS + " spot symbols, 4h, 50 ms/call, 6000 weight/min) ===");
                System.out.printf("back-fill:            %.2f s  (%d bars saved, %d events published, %d failed, %d stub calls answered, %d answered 429)%n",
                        backfillSec, bars, backfill.get("events_published").asLong(), backfill.get("failed").size(),
                        callsAfterBackfill, stub.budget(WeightBudgetStub.Market.SPOT).rejected());
                System.out.printf("  final drain:        %.2f s (events left in the outbox when fetching ended, acks=all)%n",
                        backfill.get("publish_ms").asLong() / 1e3);
                System.out.printf("incremental update:   %.2f s  (%d bars saved, %d events published, %d failed)%n", incrementalSec,
                        incremental.get("bars_saved").asLong(), incremental.get("events_published").asLong(), incremental.get("failed").size());
                double storedSec = backfillSec - backfill.get("publish_ms").asLong() / 1e3;
                System.out.printf("insert rate:          %.0f bars/s wall clock: all %d bars fetched, parsed and stored in %.2f s "
                        + "(before the final drain; publishing overlapped)%n", bars / storedSec, bars, storedSec);
                System.out.printf("                      %.0f bars/s end-to-end over the whole back-fill (fetch + store + publish)%n",
                        bars / backfillSec);
                System.out.printf("                      %.0f bars/s per insert connection (insert time summed over the fetch threads: %d ms)%n",
                        bars / (storeMs / 1e3), storeMs);
                System.out.printf("service peak RSS:     %d MB (sampled every 100 ms; VmHWM %d MB; started with %s)%n",
                        peakRssKb.get() / 1024, hwmKb(service.pid()) / 1024, HEAP);
            } finally {
                service.stop();
            }
            // after the service stopped, so nothing else competes for the CPU
            StoreOnlyBenchmark.Result store = StoreOnlyBenchmark.run(pg, SYMBOLS, BACKFILL, STORE_THREADS);
            System.out.printf("store only:           %.0f bars/s (KlineRepository.insertNew alone: %d bars in pages of %d, "
                    + "%d connections, %.2f s, bars + outbox rows)%n", store.barsPerSecond(), store.bars(), BACKFILL,
                    store.threads(), store.seconds());
        }
        System.exit(0);
    }

    private static void sampleRss(long pid, AtomicLong peak) {
        while (true) {
            long rss = statusKb(pid, "VmRSS:");
            if (rss > 0) {
                peak.accumulateAndGet(rss, Math::max);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long hwmKb(long pid) {
        return statusKb(pid, "VmHWM:");
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private static JsonNode post(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " → " + response.statusCode() + " " + response.body());
        }
        return MAPPER.readTree(response.body());
    }


}
