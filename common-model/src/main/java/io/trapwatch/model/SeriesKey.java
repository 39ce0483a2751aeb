package io.trapwatch.model;

import java.util.Objects;

/**
 * A series is one (market type, symbol, interval). Its string form {@code market:symbol:interval}
 * is the Kafka key of every event about it, so a series always lands on one partition, in order.
 */
public record SeriesKey(MarketType marketType, String symbol, Interval interval) {

    public SeriesKey {
        Objects.requireNonNull(marketType, "marketType");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
    }

    public String asKafkaKey() {
        return marketType.wire() + ":" + symbol + ":" + interval.wire();
    }

    public static SeriesKey parse(String key) {
        String[] parts = key.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("series key must be market:symbol:interval, got '" + key + "'");
        }
        return new SeriesKey(MarketType.fromWire(parts[0]), parts[1], Interval.fromWire(parts[2]));
    }

    @Override
    public String toString() {
        return asKafkaKey();
    }
}
