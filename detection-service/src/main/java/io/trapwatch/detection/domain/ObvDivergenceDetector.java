package io.trapwatch.detection.domain;

/**
 * On-balance volume without bullish divergence (detectors.md §7, code semantics): the price keeps making window lows
 * and the OBV keeps following it down. The reference called it {@code OBVDivergenceAnalyzer}; it is a detector like
 * the other seven (bars in, values and a flag out).
 */
public final class ObvDivergenceDetector {

    private final int lookbackPeriod;
    private final int divergenceWindow;

    /** The reference defaults: at least 30 bars, divergence window 5. */
    public ObvDivergenceDetector() {
        this(30, 5);
    }

    /**
     * @param lookbackPeriod   fewest bars accepted (a minimum, not a window)
     * @param divergenceWindow bars of each divergence test and length of the required streak
     */
    public ObvDivergenceDetector(int lookbackPeriod, int divergenceWindow) {
        this.lookbackPeriod = Parameters.requireAtLeast("lookback_period", lookbackPeriod, 1);
        this.divergenceWindow = Parameters.requireAtLeast("divergence_window", divergenceWindow, 1);
    }

    /**
     * Computes the OBV from the first bar of {@code [from, to)} (which contributes 0) and tests
     * the newest {@code divergenceWindow} bars for divergence.
     *
     * @throws DataInsufficientException if fewer than {@code lookbackPeriod} bars are given
     */
    public Result detect(double[] close, double[] volume, int from, int to) {
        int count = to - from;
        if (count < lookbackPeriod) {
            throw DataInsufficientException.forBars(lookbackPeriod, count);
        }
        double[] obv = new double[count];
        for (int k = 1; k < count; k++) {
            double change = close[from + k] - close[from + k - 1];
            double signed = change > 0 ? volume[from + k] : change < 0 ? -volume[from + k] : 0;
            obv[k] = obv[k - 1] + signed;
        }
        int streak = 0;
        for (int k = count - 1; k >= Math.max(count - divergenceWindow, 0); k--) {
            if (divergesAt(close, from, obv, k)) {
                break;
            }
            streak++;
        }
        boolean divergenceDetected = divergesAt(close, from, obv, count - 1);
        return new Result(obv, obv[count - 1], divergenceDetected, streak >= divergenceWindow, streak);
    }

    /**
     * Bullish divergence at {@code k}: the close is at the low of the window ending at {@code k}
     * (current bar included) while the OBV is above its own low of that window.
     */
    private boolean divergesAt(double[] close, int from, double[] obv, int k) {
        double minClose = Double.POSITIVE_INFINITY;
        double minObv = Double.POSITIVE_INFINITY;
        for (int j = Math.max(0, k - divergenceWindow + 1); j <= k; j++) {
            minClose = Math.min(minClose, close[from + j]);
            minObv = Math.min(minObv, obv[j]);
        }
        return close[from + k] <= minClose && obv[k] > minObv;
    }

    /**
     * Unrounded OBV values (report with 8 digits). {@code obvSeries} has one value per input bar
     * and is owned by the result.
     */
    public record Result(double[] obvSeries, double obvCurrent, boolean divergenceDetected,
                         boolean singleSideDecline, int consecutiveNoDivergence) {
    }
}
