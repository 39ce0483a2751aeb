package io.trapwatch.detection.domain;

/**
 * Abnormal range with a long upper shadow (detectors.md §2): the current bar's amplitude
 * against the mean amplitude of the {@code lookback} bars before it.
 */
public final class AmplitudeDetector {

    private final int lookback;
    private final double amplitudeThreshold;
    private final double upperShadowThreshold;

    /**
     * @param lookback             bars averaged before the current one, in [5, 100]
     * @param amplitudeThreshold   ratio at or above which the range is abnormal, {@code > 0}
     * @param upperShadowThreshold minimum upper shadow as a fraction of the range, in [0, 1]
     */
    public AmplitudeDetector(int lookback, double amplitudeThreshold, double upperShadowThreshold) {
        this.lookback = Parameters.requireInRange("lookback_period", lookback, 5, 100);
        this.amplitudeThreshold = Parameters.requirePositive("amplitude_threshold", amplitudeThreshold);
        this.upperShadowThreshold = Parameters.requireFraction("upper_shadow_threshold", upperShadowThreshold);
    }

    /**
     * Evaluates bar {@code to - 1} against the {@code lookback} bars before it. Only the last
     * {@code lookback + 1} bars of {@code [from, to)} are read.
     *
     * <p>A history bar with a low {@code <= 0} has no finite amplitude. The reference let it
     * turn the mean infinite; TrapWatch rejects it explicitly (decision D17.3), so such a bar
     * can never be part of a discovery.
     *
     * @throws DataInsufficientException if the range holds fewer than {@code lookback + 1} bars
     * @throws InvalidDataException      for a current or history low {@code <= 0}, or a current high below its low
     */
    public Result detect(double[] high, double[] low, double[] close, int from, int to) {
        int count = to - from;
        if (count < lookback + 1) {
            throw DataInsufficientException.forBars(lookback + 1, count);
        }
        int current = to - 1;
        double h = high[current];
        double l = low[current];
        double c = close[current];
        if (!(l > 0)) {
            throw new InvalidDataException("low_price", l, "division by zero: low must be > 0");
        }
        if (h < l) {
            throw new InvalidDataException("high_price", h, "high below low");
        }
        double sum = 0;
        for (int j = current - lookback; j < current; j++) {
            if (!(low[j] > 0)) {
                throw new InvalidDataException("low_price", low[j], "history bar low must be > 0");
            }
            sum += amplitude(high[j], low[j]);
        }
        double maAmplitude = sum / lookback;
        double currentAmplitude = amplitude(h, l);
        double ratio = maAmplitude > 0 ? currentAmplitude / maAmplitude : 0;
        double range = h - l;
        double upperShadow = range > 0 ? (h - c) / range * 100 : 0;
        boolean triggered = ratio >= amplitudeThreshold && upperShadow >= upperShadowThreshold * 100;
        return new Result(ratio, maAmplitude, currentAmplitude, upperShadow, triggered);
    }

    /** Amplitude in percent of the low. */
    private static double amplitude(double high, double low) {
        return (high - low) / low * 100;
    }

    /** Unrounded values (percentages for the amplitudes and the shadow); report them with 2 digits. */
    public record Result(double ratio, double maAmplitude, double currentAmplitude, double upperShadowRatio,
                         boolean triggered) {
    }
}
