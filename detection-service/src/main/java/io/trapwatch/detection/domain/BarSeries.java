package io.trapwatch.detection.domain;

import java.util.Arrays;

/**
 * The most recent bars of one series in parallel primitive arrays. Bars are addressed by their
 * position in the whole series (D17.1); only the latest {@code keep} bars are guaranteed to be
 * held, which is all the engine ever reads, so memory stays bounded however long the series runs.
 */
final class BarSeries {

    private static final int MIN_CAPACITY = 256;

    private final int keep;
    private long[] openTime;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    /** Bars held, at indices {@code [0, size)}. */
    private int size;
    /** Series position of the bar at index 0. */
    private int base;

    BarSeries(int keep, int expectedBars) {
        this.keep = keep;
        int capacity = Math.max(expectedBars, Math.max(MIN_CAPACITY, 4 * keep));
        openTime = new long[capacity];
        open = new double[capacity];
        high = new double[capacity];
        low = new double[capacity];
        close = new double[capacity];
        volume = new double[capacity];
    }

    /** Appends a bar and returns its series position. */
    int append(Bar bar) {
        if (size == openTime.length) {
            makeRoom();
        }
        openTime[size] = bar.openTime();
        open[size] = bar.open();
        high[size] = bar.high();
        low[size] = bar.low();
        close[size] = bar.close();
        volume[size] = bar.volume();
        return base + size++;
    }

    /**
     * Drops all but the latest {@code keep} bars when that frees at least half of the arrays
     * (amortised O(1) per bar), otherwise grows them.
     */
    private void makeRoom() {
        int drop = size - keep;
        if (drop >= size / 2) {
            shift(drop);
        } else {
            int capacity = 2 * size;
            openTime = Arrays.copyOf(openTime, capacity);
            open = Arrays.copyOf(open, capacity);
            high = Arrays.copyOf(high, capacity);
            low = Arrays.copyOf(low, capacity);
            close = Arrays.copyOf(close, capacity);
            volume = Arrays.copyOf(volume, capacity);
        }
    }

    private void shift(int drop) {
        int remaining = size - drop;
        System.arraycopy(openTime, drop, openTime, 0, remaining);
        System.arraycopy(open, drop, open, 0, remaining);
        System.arraycopy(high, drop, high, 0, remaining);
        System.arraycopy(low, drop, low, 0, remaining);
        System.arraycopy(close, drop, close, 0, remaining);
        System.arraycopy(volume, drop, volume, 0, remaining);
        size = remaining;
        base += drop;
    }

    /** Array index of a held series position. */
    int index(int position) {
        return position - base;
    }

    /** Series position of the bar opening at {@code time}, or -1 if it is not held. */
    int positionOf(long time) {
        int index = Arrays.binarySearch(openTime, 0, size, time);
        return index >= 0 ? base + index : -1;
    }

    /** Open time of the latest bar, {@link Long#MIN_VALUE} when empty. */
    long lastOpenTime() {
        return size == 0 ? Long.MIN_VALUE : openTime[size - 1];
    }

    double[] open() {
        return open;
    }

    double[] high() {
        return high;
    }

    double[] low() {
        return low;
    }

    double[] close() {
        return close;
    }

    double[] volume() {
        return volume;
    }
}
