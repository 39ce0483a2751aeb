package io.trapwatch.marketdata.service;

import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of the kline streams per market, for the status endpoint and the health check. */
@ApplicationScoped
public class StreamStats {

    /** Counters of one market. {@code barsStored} ≤ {@code barsReceived}: the rest were already stored. */
    public static final class Market {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong barsReceived = new AtomicLong();
        final AtomicLong barsStored = new AtomicLong();
        final AtomicLong notClosed = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final AtomicLong rotations = new AtomicLong();
        final AtomicLong connectFailures = new AtomicLong();
        final AtomicLong gapFillBars = new AtomicLong();
        final AtomicLong gapFillFailures = new AtomicLong();
        final AtomicInteger gapFillsRunning = new AtomicInteger();
        final AtomicReference<Instant> lastMessage = new AtomicReference<>();
        final AtomicReference<String> lastMalformed = new AtomicReference<>();
    }

    private final Map<MarketType, Market> markets = new EnumMap<>(MarketType.class);

    public StreamStats() {
        for (MarketType market : MarketType.values()) {
            markets.put(market, new Market());
        }
    }

    Market of(MarketType market) {
        return markets.get(market);
    }

    void message(MarketType market, Instant at) {
        of(market).messages.incrementAndGet();
        of(market).lastMessage.set(at);
    }

    void malformed(MarketType market, String reason) {
        of(market).malformed.incrementAndGet();
        of(market).lastMalformed.set(reason);
    }

    void stored(MarketType market, int stored) {
        of(market).barsStored.addAndGet(stored);
    }
}
