package io.trapwatch.detection.domain;

/**
 * MA(short)/MA(long) death cross (detectors.md §6): the short average below the long one while
 * the long one is falling.
 */
public final class MovingAverageCrossDetector {

    private final int shortPeriod;
    private final int longPeriod;

    /** The reference's MA(7)/MA(25). */
    public MovingAverageCrossDetector() {
        this(7, 25);
    }

    public MovingAverageCrossDetector(int shortPeriod, int longPeriod) {
        this.shortPeriod = Parameters.requireAtLeast("short_period", shortPeriod, 1);
        this.longPeriod = Parameters.requireAtLeast("long_period", longPeriod, 1);
    }

    /**
     * Evaluates the last bar of {@code [from, to)}; only the tail of the range is read.
     *
     * @throws DataInsufficientException if fewer than {@code longPeriod + 1} bars are given
     *                                   (the slope needs the previous long average too)
     * @throws InvalidDataException      if the previous long average is 0
     */
    public Result detect(double[] close, int from, int to) {
        int count = to - from;
        int required = Math.max(longPeriod, shortPeriod) + 1;
        if (count < required) {
            throw DataInsufficientException.forBars(required, count);
        }
        int current = to - 1;
        double maShort = mean(close, current, shortPeriod);
        double maLong = mean(close, current, longPeriod);
        double maLongPrevious = mean(close, current - 1, longPeriod);
        if (maLongPrevious == 0) {
            throw new InvalidDataException("ma25_prev", 0.0, "previous MA25 is 0, division by zero");
        }
        double slopePercent = (maLong - maLongPrevious) / maLongPrevious * 100;
        return new Result(maShort, maLong, slopePercent, maShort < maLong && slopePercent < 0);
    }

    /** Simple moving average of the {@code period} closes ending at {@code end} (inclusive). */
    private static double mean(double[] close, int end, int period) {
        double sum = 0;
        for (int j = end - period + 1; j <= end; j++) {
            sum += close[j];
        }
        return sum / period;
    }

    /** Unrounded averages (report with 8 digits) and slope in percent (report with 2). */
    public record Result(double maShort, double maLong, double slopePercent, boolean deathCross) {
    }
}
