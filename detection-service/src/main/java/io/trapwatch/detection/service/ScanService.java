package io.trapwatch.detection.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trapwatch.detection.metrics.DetectionMetrics;
import io.trapwatch.detection.client.MarketDataReader;
import io.trapwatch.detection.config.DetectionConfig;
import io.trapwatch.detection.repository.ScanEntity;
import io.trapwatch.detection.repository.SeriesStateEntity;
import io.trapwatch.model.SeriesKey;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans run in the background; their state lives in the scan table.
 * <ul>
 *   <li>Normal scan = catch-up: every stored bar after a series' cursor goes through {@link SeriesProcessor}, the
 *   live path's own step (D15: one engine for live and historical bars), page by page. Bars already processed change
 *   nothing.</li>
 *   <li>Dry run: each series is replayed from its first stored bar through a fresh engine with the requested
 *   thresholds; nothing is stored or published, the would-be monitors are returned in the result.</li>
 * </ul>
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);

    @Inject
    MarketDataReader marketData;

    @Inject
    SeriesProcessor processor;

    @Inject
    ObjectMapper mapper;

    @Inject
    DetectionMetrics metrics;

    private final ExecutorService scans;
    private final ExecutorService seriesWorkers;
    private final AtomicInteger threadIds = new AtomicInteger();

    @Inject
    public ScanService(DetectionConfig config) {
        this.scans = Executors.newFixedThreadPool(config.scan().threads(), r -> thread(r, "scan-"));
        this.seriesWorkers = Executors.newFixedThreadPool(config.scan().seriesParallelism(), r -> thread(r, "scan-series-"));
    }

    private Thread thread(Runnable r, String prefix) {
        Thread t = new Thread(r, prefix + threadIds.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** Records the scan as running and starts it in the background; returns its id. */
    public UUID start(ScanSpec spec) {
        UUID id = UUID.randomUUID();
        Map<String, Object> request = document(ScanView.Request.of(spec));
        QuarkusTransaction.requiringNew().run(() -> {
            ScanEntity scan = new ScanEntity();
            scan.id = id;
            scan.status = ScanEntity.RUNNING;
            scan.marketType = spec.marketType();
            scan.interval = spec.interval();
            scan.dryRun = spec.dryRun();
            scan.request = request;
            scan.createdAt = Instant.now();
            scan.persist();
        });
        scans.submit(() -> run(id, spec));
        return id;
    }

    public Optional<ScanView> find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ScanEntity.<ScanEntity>findByIdOptional(id)).map(scan ->
                ScanView.of(scan, mapper.convertValue(scan.request, ScanView.Request.class),
                        scan.result == null ? null : mapper.convertValue(scan.result, ScanResult.class)));
    }

    /**
     * A request or result as the JSON document the scan row keeps, written by the service's own mapper (ISO times,
     * plain decimals) so that reading it back gives the same record.
     */
    private Map<String, Object> document(Object value) {
        return mapper.convertValue(value, new TypeReference<>() {
        });
    }

    private record SeriesOutcome(String symbol, TransitionTally tally, List<MonitorView> monitors, String error) {
    }

    private void run(UUID id, ScanSpec spec) {
        long started = System.nanoTime();
        try {
            List<String> symbols = spec.symbols() != null ? spec.symbols()
                    : marketData.symbols(spec.marketType(), spec.interval());
            QuarkusTransaction.requiringNew().run(() -> ScanEntity.update("seriesTotal = ?1 where id = ?2", symbols.size(), id));
            List<Future<SeriesOutcome>> futures = new ArrayList<>();
            for (String symbol : symbols) {
                SeriesKey series = new SeriesKey(spec.marketType(), symbol, spec.interval());
                futures.add(seriesWorkers.submit(() -> scanSeries(id, series, spec)));
            }
            TransitionTally tally = TransitionTally.NONE;
            List<MonitorView> monitors = new ArrayList<>();
            List<ScanResult.FailedSymbol> failed = new ArrayList<>();
            for (Future<SeriesOutcome> f : futures) {
                SeriesOutcome outcome = f.get();
                tally = tally.plus(outcome.tally());
                monitors.addAll(outcome.monitors());
                if (outcome.error() != null) {
                    failed.add(new ScanResult.FailedSymbol(outcome.symbol(), outcome.error()));
                }
            }
            finish(id, ScanEntity.DONE, document(ScanResult.of(tally, failed, spec.dryRun() ? monitors : null)), null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            metrics.scanFinished(spec.dryRun(), false, took);
            LOG.infof("scan id=%s market_type=%s interval=%s dry_run=%s series=%d failed_series=%d result=%s elapsed_ms=%d",
                    id, spec.marketType().wire(), spec.interval().wire(), spec.dryRun(), symbols.size(), failed.size(),
                    tally, took.toMillis());
        } catch (Exception e) {
            LOG.errorf(e, "scan %s failed", id);
            finish(id, ScanEntity.FAILED, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            metrics.scanFinished(spec.dryRun(), true, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private SeriesOutcome scanSeries(UUID scanId, SeriesKey series, ScanSpec spec) {
        long[] bars = {0};
        try {
            SeriesOutcome outcome;
            if (spec.dryRun()) {
                DryRunReplay replay = new DryRunReplay(series, spec.settings());
                marketData.pages(series, null, spec.end(), replay::feed);
                bars[0] = replay.bars();
                outcome = new SeriesOutcome(series.symbol(), replay.tallyFrom(spec.start()),
                        replay.monitorsFrom(spec.start()), null);
            } else {
                outcome = new SeriesOutcome(series.symbol(), catchUp(series, spec, bars), List.of(), null);
            }
            progress(scanId, bars[0]);
            return outcome;
        } catch (RuntimeException e) {
            LOG.warnf("scan %s: series %s failed: %s", scanId, series, e.getMessage());
            progress(scanId, bars[0]);
            return new SeriesOutcome(series.symbol(), TransitionTally.NONE, Collections.emptyList(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Feeds every stored bar after the cursor (up to end) to the live path's processing step. */
    private TransitionTally catchUp(SeriesKey series, ScanSpec spec, long[] bars) {
        Instant cursor = QuarkusTransaction.requiringNew()
                .call(() -> SeriesStateEntity.findByKey(series).map(s -> s.lastOpenTime).orElse(null));
        long reportFrom = spec.start() == null ? Long.MIN_VALUE : spec.start().toEpochMilli();
        TransitionTally[] tally = {TransitionTally.NONE};
        marketData.pages(series, cursor == null ? null : cursor.plusMillis(1), spec.end(), page -> {
            ProcessedBars done = processor.process(series, page);
            bars[0] += done.bars();
            tally[0] = tally[0].plus(done.tallyFrom(reportFrom));
        });
        return tally[0];
    }

    private void progress(UUID id, long bars) {
        QuarkusTransaction.requiringNew().run(() -> ScanEntity.seriesDone(id, bars));
    }

    private void finish(UUID id, String status, Map<String, Object> result, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            ScanEntity scan = ScanEntity.findById(id);
            scan.status = status;
            scan.result = result;
            scan.error = error;
            scan.finishedAt = Instant.now();
        });
    }

    @PreDestroy
    void stop() {
        scans.shutdownNow();
        seriesWorkers.shutdownNow();
    }
}
