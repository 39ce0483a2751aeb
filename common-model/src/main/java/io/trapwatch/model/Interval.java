package io.trapwatch.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Duration;
import java.util.List;

/** Candle intervals the detectors are defined for (detectors.md §0.2). */
public enum Interval {
    H1("1h", Duration.ofHours(1)),
    H4("4h", Duration.ofHours(4)),
    D1("1d", Duration.ofDays(1));

    private final String wire;
    private final Duration length;

    Interval(String wire, Duration length) {
        this.wire = wire;
        this.length = length;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public Duration length() {
        return length;
    }

    public long millis() {
        return length.toMillis();
    }

    public static List<String> wireNames() {
        return WireNames.of(values(), Interval::wire);
    }

    /** Parses Binance's spelling ({@code 1h}, {@code 4h}, {@code 1d}); anything else raises {@link IllegalArgumentException}. */
    @JsonCreator
    public static Interval fromWire(String value) {
        return WireNames.parse(values(), Interval::wire, value, false, "interval");
    }

    @Override
    public String toString() {
        return wire;
    }
}
