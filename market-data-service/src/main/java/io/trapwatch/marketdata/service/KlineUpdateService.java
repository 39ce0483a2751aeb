package io.trapwatch.marketdata.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trapwatch.marketdata.client.BinanceClients;
import io.trapwatch.marketdata.client.BinanceMarketClient;
import io.trapwatch.marketdata.client.KlineRowParser;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.domain.ParsedKlines;
import io.trapwatch.marketdata.metrics.MarketDataMetrics;
import io.trapwatch.marketdata.repository.InstrumentRepository;
import io.trapwatch.marketdata.repository.InstrumentRow;
import io.trapwatch.marketdata.repository.KlineRepository;
import io.trapwatch.model.Interval;
import io.trapwatch.model.Kline;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.service.outbox.OutboxDrainer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fetches the closed K-lines of a market and interval that are not stored yet and stores them with their
 * kline-closed events (transactional outbox), then drains the outbox. Incremental from the last stored bar;
 * a series without bars is back-filled. Symbols are fetched concurrently (bounded by the market's
 * limiter); one symbol's failure is reported and does not stop the others; a failure of the database stops the
 * update ({@link StorageFailedException}).
 */
@ApplicationScoped
public class KlineUpdateService {

    private static final Logger LOG = Logger.getLogger(KlineUpdateService.class);
    /** Bound on waiting for a store in flight when an update ends; a statement against a lost database fails sooner. */
    private static final Duration STORE_END_WAIT = Duration.ofSeconds(60);

    private final BinanceClients clients;
    private final InstrumentRepository instruments;
    private final KlineRepository klines;
    private final OutboxDrainer outbox;
    private final MarketDataConfig config;
    private final KlineRowParser parser;
    private final Map<String, ReentrantLock> runningUpdates = new ConcurrentHashMap<>();
    private final Semaphore storeSlots;
    private final MarketDataMetrics metrics;

    public KlineUpdateService(BinanceClients clients, InstrumentRepository instruments, KlineRepository klines,
                              OutboxDrainer outbox, MarketDataConfig config, ObjectMapper mapper, MarketDataMetrics metrics) {
        this.metrics = metrics;
        this.clients = clients;
        this.instruments = instruments;
        this.klines = klines;
        this.outbox = outbox;
        this.config = config;
        this.parser = new KlineRowParser(mapper);
        this.storeSlots = new Semaphore(Math.max(1, config.klines().storeConcurrency()), true);
    }

    public UpdateResult update(MarketType market, Interval interval, Optional<List<String>> symbols, Optional<Integer> backfill) {
        try {
            List<String> targets = symbols.isPresent() ? knownSymbols(market, symbols.get()) : activeSymbols(market);
            // Two updates of one market and interval would interleave the outbox rows of a series.
            ReentrantLock lock = runningUpdates.computeIfAbsent(market + ":" + interval, k -> new ReentrantLock());
            lock.lock();
            try {
                return run(market, interval, targets, backfill.orElse(config.klines().backfill()));
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            throw StorageFailedException.from(e);
        }
    }

    private UpdateResult run(MarketType market, Interval interval, List<String> targets, int backfill) {
        long started = System.nanoTime();
        BinanceMarketClient client = clients.forMarket(market);
        Instant serverTime = client.serverTime();
        Map<String, Instant> lastStored = klines.lastOpenTimes(market, interval);
        UUID run = UUID.randomUUID();
        LongAdder storeNanos = new LongAdder();
        List<UpdateResult.SymbolError> failed = Collections.synchronizedList(new ArrayList<>());
        List<UpdateResult.SymbolError> rejected = Collections.synchronizedList(new ArrayList<>());
        long saved = 0;
        if (!targets.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(targets.size(), config.binance().concurrency()) + 1);
            AtomicBoolean fetching = new AtomicBoolean(true);
            // Publishing overlaps fetching: a long back-fill does not hold all its events back until the end.
            Future<?> drainer = pool.submit(() -> drainWhile(fetching));
            try {
                List<Future<Integer>> work = new ArrayList<>(targets.size());
                for (String symbol : targets) {
                    SeriesKey series = new SeriesKey(market, symbol, interval);
                    work.add(pool.submit(() -> ingest(client, series, serverTime, lastStored.get(symbol), backfill, run, failed, rejected, storeNanos)));
                }
                for (Future<Integer> f : work) {
                    saved += f.get();
                }
                fetching.set(false);
                drainer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("update interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                fetching.set(false);
                stopWorkers(pool);
            }
        }
        metrics.barsStored(market, interval, saved);
        long drainStarted = System.nanoTime();
        long queued = saved == 0 ? 0 : drainAndCountQueued(run);
        long publishMs = (System.nanoTime() - drainStarted) / 1_000_000;
        UpdateResult result = new UpdateResult(market.wire(), interval.wire(), targets.size(),
                UpdateResult.Bars.savedWithQueued(saved, queued), new UpdateResult.Problems(sorted(failed), sorted(rejected)),
                new UpdateResult.Timings(storeNanos.sum() / 1_000_000, publishMs, (System.nanoTime() - started) / 1_000_000));
        LOG.infof("kline update run=%s market_type=%s interval=%s instruments=%d bars_saved=%d events_published=%d"
                        + " events_queued=%d failed=%d rejected_rows=%d elapsed_ms=%d", run, market.wire(), interval.wire(),
                result.instruments(), saved, result.bars().eventsPublished(), queued, failed.size(), rejected.size(),
                result.timings().elapsedMs());
        return result;
    }

    /**
     * Interrupts the workers still fetching or waiting for a store slot and waits for those inside a store to end, so
     * that once the update answers (a 503 included) none of its bars is still being written.
     */
    private static void stopWorkers(ExecutorService pool) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(STORE_END_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warnf("kline update: a store still runs %s after the update ended", STORE_END_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fetches and stores one series; failures are recorded, never thrown. */
    private int ingest(BinanceMarketClient client, SeriesKey series, Instant serverTime, Instant lastOpen, int backfill,
                       UUID run, List<UpdateResult.SymbolError> failed, List<UpdateResult.SymbolError> rejected,
                       LongAdder storeNanos) {
        try {
            return lastOpen == null
                    ? backfill(client, series, serverTime, backfill, run, rejected, storeNanos)
                    : forward(client, series, serverTime, lastOpen.toEpochMilli() + series.interval().millis(), run, rejected, storeNanos);
        } catch (RuntimeException e) {
            if (StorageFailedException.databaseCause(e).isPresent()) {
                throw e; // the database fails every symbol alike: the whole update fails (503), not this symbol
            }
            LOG.warnf("kline update %s failed: %s", series, e.getMessage());
            failed.add(new UpdateResult.SymbolError(series.symbol(), e.getMessage()));
            return 0;
        }
    }

    /** Incremental: every closed bar from {@code from} on, page by page, oldest first. */
    private int forward(BinanceMarketClient client, SeriesKey series, Instant serverTime, long from, UUID run,
                        List<UpdateResult.SymbolError> rejected, LongAdder storeNanos) {
        long step = series.interval().millis();
        long formingOpen = formingOpen(series, serverTime);
        int saved = 0;
        while (from < formingOpen) {
            int limit = (int) Math.min(client.market().maxKlineLimit(), (formingOpen - from) / step);
            ParsedKlines page = fetch(client, series, from, formingOpen - 1, limit, rejected);
            List<Kline> bars = page.bars();
            if (bars.isEmpty()) {
                break;
            }
            saved += store(series, closedOnly(bars, serverTime), run, storeNanos);
            long next = bars.get(bars.size() - 1).openTime().toEpochMilli() + step;
            if (next <= from || bars.size() + page.rejections().size() < limit) {
                break;
            }
            from = next;
        }
        return saved;
    }

    /**
     * A series seen for the first time gets its newest {@code backfill} closed bars: pages walk backwards from the
     * exchange's clock (so a series whose trading stopped long ago still gets its last bars), then the bars are
     * stored oldest first so that their events keep open-time order.
     */
    private int backfill(BinanceMarketClient client, SeriesKey series, Instant serverTime, int backfill, UUID run,
                         List<UpdateResult.SymbolError> rejected, LongAdder storeNanos) {
        List<List<Kline>> pagesNewestFirst = new ArrayList<>();
        int collected = 0;
        long endTime = formingOpen(series, serverTime) - 1;
        while (collected < backfill) {
            int limit = Math.min(client.market().maxKlineLimit(), backfill - collected);
            ParsedKlines page = fetch(client, series, null, endTime, limit, rejected);
            List<Kline> closed = closedOnly(page.bars(), serverTime);
            if (closed.size() > backfill - collected) {
                closed = closed.subList(closed.size() - (backfill - collected), closed.size());
            }
            pagesNewestFirst.add(closed);
            collected += closed.size();
            if (page.bars().isEmpty() || page.bars().size() + page.rejections().size() < limit) {
                break;
            }
            endTime = page.bars().get(0).openTime().toEpochMilli() - 1;
        }
        int saved = 0;
        for (int i = pagesNewestFirst.size() - 1; i >= 0; i--) {
            saved += store(series, pagesNewestFirst.get(i), run, storeNanos);
        }
        return saved;
    }

    private ParsedKlines fetch(BinanceMarketClient client, SeriesKey series, Long startTime, Long endTime, int limit,
                               List<UpdateResult.SymbolError> rejected) {
        String body = client.klines(series.symbol(), series.interval().wire(), startTime, endTime, limit);
        ParsedKlines page = parser.parse(series.symbol(), body);
        page.rejections().forEach(r -> rejected.add(new UpdateResult.SymbolError(series.symbol(), r)));
        return page;
    }

    /**
     * The open of the still-forming candle (Binance aligns 1h/4h/1d candles to the epoch, UTC). Requests end just
     * before it: asking for it too would cost a second spot request for 1,000 closed bars, or a futures limit of 1,001,
     * which Binance weighs 10 instead of 5, for a candle that is then thrown away (D2).
     */
    private static long formingOpen(SeriesKey series, Instant serverTime) {
        long step = series.interval().millis();
        return Math.floorDiv(serverTime.toEpochMilli(), step) * step;
    }

    /** D2: only candles the exchange's clock has closed; the forming one is never stored. */
    private static List<Kline> closedOnly(List<Kline> bars, Instant serverTime) {
        return bars.stream().filter(k -> k.closeTime().isBefore(serverTime)).toList();
    }

    private int store(SeriesKey series, List<Kline> bars, UUID run, LongAdder storeNanos) {
        if (bars.isEmpty()) {
            return 0;
        }
        try {
            storeSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(series + ": update stopped before this series was stored");
        }
        try {
            // timed inside the slot: store_ms is time spent inserting, not waiting for a turn
            long started = System.nanoTime();
            int saved = QuarkusTransaction.requiringNew().call(() -> klines.insertNew(series, bars, run));
            storeNanos.add(System.nanoTime() - started);
            // Correlation: a bar is followed from here to detection's transition log by series key and open time.
            LOG.debugf("stored run=%s series=%s open_time=%s..%s bars=%d", run, series.asKafkaKey(),
                    bars.get(0).openTime(), bars.get(bars.size() - 1).openTime(), saved);
            return saved;
        } finally {
            storeSlots.release();
        }
    }

    private void drainWhile(AtomicBoolean fetching) {
        while (fetching.get()) {
            if (outbox.drain().published() == 0) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private long drainAndCountQueued(UUID run) {
        outbox.drain();
        return klines.pendingEvents(run);
    }

    private List<String> activeSymbols(MarketType market) {
        return instruments.list(InstrumentSyncService.EXCHANGE, market, Optional.of(InstrumentRow.ACTIVE)).stream()
                .map(InstrumentRow::symbol).toList();
    }

    /** Explicit symbols must be instruments of the market (active or delisted). */
    private List<String> knownSymbols(MarketType market, List<String> symbols) {
        List<String> unknown = symbols.stream()
                .filter(s -> instruments.find(InstrumentSyncService.EXCHANGE, market, s).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownSymbolException(market.wire(), unknown);
        }
        return symbols;
    }

    private static List<UpdateResult.SymbolError> sorted(List<UpdateResult.SymbolError> errors) {
        List<UpdateResult.SymbolError> copy = new ArrayList<>(errors);
        copy.sort((a, b) -> a.symbol().compareTo(b.symbol()));
        return copy;
    }
}
