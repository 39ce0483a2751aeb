package io.trapwatch.detection.domain;

/**
 * Volatility compression (detectors.md §8): the ATR has fallen for several bars in a row and
 * now sits well below its mean over the window.
 */
public final class AtrCompressionDetector {

    private final int atrPeriod;
    private final int baselinePeriod;
    private final int decreasingWindow;
    private final double compressionThreshold;

    /** The reference's ATR(14) with a 30-bar minimum and a 5-bar decreasing test. */
    public AtrCompressionDetector(int atrPeriod, double compressionThreshold) {
        this(atrPeriod, 30, 5, compressionThreshold);
    }

    public AtrCompressionDetector(int atrPeriod, int baselinePeriod, int decreasingWindow, double compressionThreshold) {
        this.atrPeriod = Parameters.requireAtLeast("atr_period", atrPeriod, 1);
        this.decreasingWindow = Parameters.requireAtLeast("decreasing_window", decreasingWindow, 1);
        this.baselinePeriod = Parameters.requireAtLeast("baseline_period", baselinePeriod, decreasingWindow);
        this.compressionThreshold = compressionThreshold;
    }

    /**
     * Runs the ATR over all bars of {@code [from, to)}, seeded with the first bar's range (no
     * warm-up), and compares the last value with the mean of all values.
     *
     * @throws DataInsufficientException if fewer than {@code baselinePeriod} bars are given
     */
    public Result detect(double[] high, double[] low, double[] close, int from, int to) {
        int count = to - from;
        if (count < baselinePeriod) {
            throw DataInsufficientException.forBars(baselinePeriod, count);
        }
        double alpha = 2.0 / (atrPeriod + 1);
        double atr = high[from] - low[from];
        double sum = atr;
        // Number of strict decreases in a row ending at the current value.
        int decreasingRun = 0;
        for (int k = 1; k < count; k++) {
            int j = from + k;
            double previousClose = close[j - 1];
            double trueRange = Math.max(high[j] - low[j],
                    Math.max(Math.abs(high[j] - previousClose), Math.abs(low[j] - previousClose)));
            double previousAtr = atr;
            atr = alpha * trueRange + (1 - alpha) * atr;
            sum += atr;
            decreasingRun = atr < previousAtr ? decreasingRun + 1 : 0;
        }
        // decreasingWindow values strictly decreasing = decreasingWindow - 1 decreases in a row.
        boolean decreasing = decreasingRun >= decreasingWindow - 1;
        double baseline = sum / count;
        boolean compressed = decreasing && atr < baseline * compressionThreshold;
        return new Result(atr, baseline, decreasing, compressed);
    }

    /** Unrounded ATR values; report them with 8 digits. */
    public record Result(double atrCurrent, double atrBaseline, boolean decreasing, boolean compressed) {
    }
}
