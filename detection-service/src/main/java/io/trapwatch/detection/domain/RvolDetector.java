package io.trapwatch.detection.domain;

/**
 * Relative volume (detectors.md §1): the current bar's volume against the mean volume of the
 * {@code lookback} bars before it.
 */
public final class RvolDetector {

    private final int lookback;
    private final double threshold;

    /**
     * @param lookback  number of bars averaged before the current one, in [5, 100]
     * @param threshold ratio at or above which the bar is triggered, {@code > 0}
     */
    public RvolDetector(int lookback, double threshold) {
        this.lookback = Parameters.requireInRange("lookback_period", lookback, 5, 100);
        this.threshold = Parameters.requirePositive("rvol_threshold", threshold);
    }

    /**
     * Evaluates bar {@code to - 1} against the {@code lookback} bars before it. Only the last
     * {@code lookback + 1} bars of {@code [from, to)} are read.
     *
     * @throws DataInsufficientException if the range holds fewer than {@code lookback + 1} bars
     * @throws InvalidDataException      if the current volume is {@code <= 0}
     */
    public Result detect(double[] volume, int from, int to) {
        int count = to - from;
        if (count < lookback + 1) {
            throw DataInsufficientException.forBars(lookback + 1, count);
        }
        int current = to - 1;
        double currentVolume = volume[current];
        if (!(currentVolume > 0)) {
            throw new InvalidDataException("volume", currentVolume, "current bar volume must be > 0");
        }
        double sum = 0;
        for (int j = current - lookback; j < current; j++) {
            sum += volume[j];
        }
        double maVolume = sum / lookback;
        // A history without any volume gives no ratio rather than a division by zero (§1.5).
        double ratio = maVolume > 0 ? currentVolume / maVolume : 0;
        return new Result(ratio, maVolume, currentVolume, ratio >= threshold);
    }

    /** Unrounded values; report them through {@link Rounding#round} with 2 digits. */
    public record Result(double ratio, double maVolume, double currentVolume, boolean triggered) {
    }
}
