package io.trapwatch.detection.domain;

import java.util.ArrayList;
import java.util.List;

/** Builds a planted hourly series bar by bar; bar {@code k} opens {@code k} hours after {@link #START}. */
final class SeriesBuilder {

    static final long START = 1_700_000_000_000L - 1_700_000_000_000L % 3_600_000L;
    static final long HOUR = 3_600_000L;

    private final List<Bar> bars = new ArrayList<>();

    SeriesBuilder bar(double open, double high, double low, double close, double volume) {
        bars.add(new Bar(START + bars.size() * HOUR, open, high, low, close, volume));
        return this;
    }

    SeriesBuilder repeat(int count, double open, double high, double low, double close, double volume) {
        for (int k = 0; k < count; k++) {
            bar(open, high, low, close, volume);
        }
        return this;
    }

    /**
     * A bar opening at the previous close and closing at {@code close}, with wicks of
     * {@code wick} beyond its body.
     */
    SeriesBuilder move(double close, double wick, double volume) {
        double open = lastClose();
        double high = Math.round((Math.max(open, close) + wick) * 1e6) / 1e6;
        double low = Math.round((Math.min(open, close) - wick) * 1e6) / 1e6;
        return bar(open, high, low, close, volume);
    }

    /** {@code count} moves of {@code step} each, prices kept to 6 decimals so they read as typed. */
    SeriesBuilder slide(int count, double step, double wick, double volume) {
        for (int k = 0; k < count; k++) {
            move(Math.round((lastClose() + step) * 1e6) / 1e6, wick, volume);
        }
        return this;
    }

    double lastClose() {
        return bars.get(bars.size() - 1).close();
    }

    List<Bar> build() {
        return List.copyOf(bars);
    }

    /** Index of the bar opening at {@code openTime} in a series built here. */
    static int index(long openTime) {
        return Math.toIntExact((openTime - START) / HOUR);
    }
}
