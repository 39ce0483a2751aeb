package io.trapwatch.detection.service;

import io.trapwatch.detection.client.MarketDataReader;
import io.trapwatch.detection.domain.Bar;
import io.trapwatch.detection.domain.SeriesBacktest;
import io.trapwatch.detection.domain.SweepPart;
import io.trapwatch.detection.domain.SweepRanking;
import io.trapwatch.detection.metrics.DetectionMetrics;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Threshold sweeps: the bars of every requested series are read once from market-data-service, then each
 * combination of the grid replays every series through a fresh engine — the live one — with the outcome of each
 * monitor, and the combinations are ranked. Sweeps run in the background and are kept in memory (a restart
 * forgets them; they are cheap to run again).
 */
@ApplicationScoped
public class SweepService {

    private static final Logger LOG = Logger.getLogger(SweepService.class);

    private final MarketDataReader marketData;
    private final DetectionMetrics metrics;
    private final Map<UUID, SweepRun> sweeps = new ConcurrentHashMap<>();
    private final ExecutorService sweepThread = Executors.newSingleThreadExecutor(r -> daemon(r, "sweep"));
    private final ExecutorService readers = Executors.newFixedThreadPool(4, r -> daemon(r, "sweep-read"));
    private final ExecutorService engines = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> daemon(r, "sweep-engine"));

    public SweepService(MarketDataReader marketData, DetectionMetrics metrics) {
        this.marketData = marketData;
        this.metrics = metrics;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public SweepRun start(SweepSpec spec) {
        SweepRun run = new SweepRun(UUID.randomUUID(), spec);
        sweeps.put(run.id, run);
        sweepThread.submit(() -> execute(run));
        return run;
    }

    public Optional<SweepRun> find(UUID id) {
        return Optional.ofNullable(sweeps.get(id));
    }

    /** Stops a running sweep (its partial figures are dropped); a finished one is only marked. */
    public Optional<SweepRun> cancel(UUID id) {
        SweepRun run = sweeps.get(id);
        if (run == null) {
            return Optional.empty();
        }
        synchronized (run) { // against the sweep's own finish
            if (SweepRun.RUNNING.equals(run.status)) {
                run.finishedAt = Instant.now();
                recordEnd(run, SweepRun.CANCELLED);
                run.status = SweepRun.CANCELLED;
            }
        }
        return Optional.of(run);
    }

    /** A series read into memory with the index where its later part starts. */
    private record LoadedSeries(SeriesKey key, List<Bar> bars, int cut) {
    }

    private void execute(SweepRun run) {
        try {
            long t0 = System.nanoTime();
            List<LoadedSeries> series = read(run);
            run.readMillis = (System.nanoTime() - t0) / 1_000_000;
            if (run.cancelled()) {
                return;
            }
            long t1 = System.nanoTime();
            int total = run.spec.grid().size();
            List<Future<SweepRun.Result>> futures = new ArrayList<>(total);
            for (int n = 0; n < total; n++) {
                int combination = n;
                futures.add(engines.submit(() -> combination(run, series, combination)));
            }
            List<SweepRun.Result> unranked = new ArrayList<>(total);
            for (Future<SweepRun.Result> f : futures) {
                SweepRun.Result r = f.get();
                if (r == null) {
                    futures.forEach(other -> other.cancel(false));
                    return;
                }
                unranked.add(r);
            }
            Comparator<SweepRun.Result> order = SweepRanking.by(run.spec.rankBy(), SweepRun.Result::statistics,
                    SweepRun.Result::combination);
            unranked.sort(order);
            List<SweepRun.Result> ranked = new ArrayList<>(total);
            for (int i = 0; i < unranked.size(); i++) {
                SweepRun.Result r = unranked.get(i);
                ranked.add(new SweepRun.Result(i + 1, r.combination(), r.settings(), r.statistics(), r.outOfSample()));
            }
            run.runMillis = (System.nanoTime() - t1) / 1_000_000;
            run.results = List.copyOf(ranked);
            finish(run, SweepRun.DONE, null);
        } catch (Exception e) {
            LOG.errorf(e, "sweep %s failed", run.id);
            finish(run, SweepRun.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private void finish(SweepRun run, String status, String error) {
        synchronized (run) {
            if (!run.cancelled()) {
                run.error = error;
                run.finishedAt = Instant.now();
                recordEnd(run, status);
                run.status = status;
            }
        }
    }

    /** One log line and one timer sample per sweep, whatever ended it; before the status shows, so readers see both. */
    private void recordEnd(SweepRun run, String status) {
        Duration took = Duration.between(run.createdAt, run.finishedAt);
        metrics.sweepFinished(status, took);
        LOG.infof("sweep %s %s: combinations=%d/%d series=%d/%d bars=%d read_ms=%d run_ms=%d elapsed_ms=%d", run.id,
                status, run.combinationsDone.get(), run.spec.grid().size(), run.seriesRead.get(), run.seriesTotal,
                run.barsRead.get(), run.readMillis, run.runMillis, took.toMillis());
    }

    /** Every requested series, read once, in parallel; a series that cannot be read is reported and left out. */
    private List<LoadedSeries> read(SweepRun run) throws Exception {
        SweepSpec spec = run.spec;
        List<SeriesKey> keys = new ArrayList<>();
        for (MarketType market : spec.marketTypes()) {
            for (Interval interval : spec.intervals()) {
                List<String> symbols = spec.symbols() != null ? spec.symbols() : marketData.symbols(market, interval);
                symbols.forEach(s -> keys.add(new SeriesKey(market, s, interval)));
            }
        }
        run.seriesTotal = keys.size();
        List<Future<LoadedSeries>> futures = new ArrayList<>();
        for (SeriesKey key : keys) {
            futures.add(readers.submit(() -> load(run, key)));
        }
        List<LoadedSeries> loaded = new ArrayList<>();
        for (Future<LoadedSeries> f : futures) {
            LoadedSeries s = f.get();
            if (s != null && !s.bars().isEmpty()) {
                loaded.add(s);
            }
        }
        return loaded;
    }

    private LoadedSeries load(SweepRun run, SeriesKey key) {
        if (run.cancelled()) {
            return null;
        }
        try {
            List<Bar> bars = new ArrayList<>();
            marketData.pages(key, null, run.spec.end(), page -> page.forEach(b -> bars.add(b.toBar())));
            run.barsRead.addAndGet(bars.size());
            return new LoadedSeries(key, bars, cut(run.spec, bars));
        } catch (RuntimeException e) {
            run.failedSeries.add(new SweepRun.FailedSeries(key.toString(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return null;
        } finally {
            run.seriesRead.incrementAndGet();
        }
    }

    /** Index of the first bar of the later part: after train_until, or at the fraction of the series. */
    static int cut(SweepSpec spec, List<Bar> bars) {
        if (spec.trainUntil() != null) {
            long until = spec.trainUntil().toEpochMilli();
            int i = 0;
            while (i < bars.size() && bars.get(i).openTime() <= until) {
                i++;
            }
            return i;
        }
        if (spec.trainFraction() != null) {
            return (int) Math.floor(bars.size() * spec.trainFraction());
        }
        return bars.size();
    }

    /** One combination over every series; null when the sweep was cancelled meanwhile. */
    private SweepRun.Result combination(SweepRun run, List<LoadedSeries> series, int n) {
        if (run.cancelled()) {
            return null;
        }
        var settings = run.spec.grid().settings(n);
        long from = run.spec.start() == null ? Long.MIN_VALUE : run.spec.start().toEpochMilli();
        List<SeriesBacktest.MonitorResult> earlier = new ArrayList<>();
        List<SeriesBacktest.MonitorResult> later = new ArrayList<>();
        for (LoadedSeries s : series) {
            SeriesBacktest.Replay replay = SeriesBacktest.run(settings, s.bars(), s.cut(), run.spec.observationBars());
            replay.before().stream().filter(m -> m.triggerTime() >= from).forEach(earlier::add);
            replay.after().stream().filter(m -> m.triggerTime() >= from).forEach(later::add);
        }
        run.combinationsDone.incrementAndGet();
        return new SweepRun.Result(0, n, run.spec.grid().combination(n), SweepPart.of(earlier),
                run.spec.split() ? SweepPart.of(later) : null);
    }

    @PreDestroy
    void stop() {
        sweepThread.shutdownNow();
        readers.shutdownNow();
        engines.shutdownNow();
    }
}
