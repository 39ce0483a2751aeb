package io.trapwatch.marketdata.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.domain.SeriesBar;
import io.trapwatch.marketdata.repository.KlineRepository;
import io.trapwatch.model.MarketType;
import io.trapwatch.service.outbox.OutboxDrainer;
import io.trapwatch.model.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stores streamed closed bars through the same path as REST ingest: one statement per batch (bars + outbox rows,
 * existing bars skipped, so a bar that arrives twice or was already fetched over REST is stored and announced once),
 * then nudges the outbox drainer: it publishes on its own thread while the next batch is stored. Bars arriving within {@code stream.batch-window} share a statement — at a candle close
 * every streamed series delivers its bar within milliseconds. Called from WebSocket event loops; never blocks them.
 * While a series' gap is filled over REST its streamed bars are held back, so its events stay in open-time order.
 */
@ApplicationScoped
public class StreamBarWriter {

    private static final Logger LOG = Logger.getLogger(StreamBarWriter.class);
    private static final int MAX_BATCH = 10_000;

    private final KlineRepository klines;
    private final OutboxDrainer outbox;
    private final StreamStats stats;
    private final long windowNanos;
    private final LinkedBlockingQueue<SeriesBar> queue = new LinkedBlockingQueue<>();
    private final Map<SeriesKey, List<SeriesBar>> heldBack = new HashMap<>();
    private Thread worker;

    public StreamBarWriter(KlineRepository klines, OutboxDrainer outbox, StreamStats stats, MarketDataConfig config) {
        this.klines = klines;
        this.outbox = outbox;
        this.stats = stats;
        this.windowNanos = config.stream().batchWindow().toNanos();
    }

    public void accept(SeriesBar bar) {
        synchronized (heldBack) {
            List<SeriesBar> held = heldBack.get(bar.series());
            if (held != null) {
                held.add(bar);
                return;
            }
        }
        queue.add(bar);
        startIfNeeded();
    }

    /** Holds the bars of these series back until {@link #release}. */
    public void holdBack(Collection<SeriesKey> series) {
        synchronized (heldBack) {
            series.forEach(s -> heldBack.putIfAbsent(s, new ArrayList<>()));
        }
    }

    public void release(Collection<SeriesKey> series) {
        List<SeriesBar> released = new ArrayList<>();
        synchronized (heldBack) {
            series.forEach(s -> {
                List<SeriesBar> held = heldBack.remove(s);
                if (held != null) {
                    released.addAll(held);
                }
            });
        }
        queue.addAll(released);
        if (!released.isEmpty()) {
            startIfNeeded();
        }
    }

    private synchronized void startIfNeeded() {
        if (worker == null) {
            worker = new Thread(this::run, "stream-bar-writer");
            worker.setDaemon(true);
            worker.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        Thread w;
        synchronized (this) {
            w = worker;
        }
        if (w != null) {
            w.interrupt();
        }
    }

    private void run() {
        UUID run = UUID.randomUUID();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<SeriesBar> batch = new ArrayList<>();
                batch.add(queue.take());
                long deadline = System.nanoTime() + windowNanos;
                long left;
                while (batch.size() < MAX_BATCH && (left = deadline - System.nanoTime()) > 0) {
                    SeriesBar next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                queue.drainTo(batch, MAX_BATCH - batch.size());
                store(batch, run);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void store(List<SeriesBar> batch, UUID run) throws InterruptedException {
        // a failed statement (database away) is retried: these bars exist nowhere else until the next REST fill
        for (int attempt = 0; ; attempt++) {
            try {
                Map<MarketType, List<SeriesBar>> byMarket = batch.stream()
                        .collect(Collectors.groupingBy(b -> b.series().marketType(), () -> new EnumMap<>(MarketType.class), Collectors.toList()));
                Map<MarketType, Integer> stored = QuarkusTransaction.requiringNew().call(() -> {
                    Map<MarketType, Integer> counts = new EnumMap<>(MarketType.class);
                    byMarket.forEach((market, bars) -> counts.put(market, klines.insertNew(bars, run)));
                    return counts;
                });
                stored.forEach(stats::stored);
                break;
            } catch (RuntimeException e) {
                LOG.warnf("storing %d streamed bars failed (attempt %d): %s", batch.size(), attempt + 1, e.getMessage());
                Thread.sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
            }
        }
        outbox.nudge();
    }
}
