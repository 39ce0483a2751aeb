package io.trapwatch.detection.domain;

/**
 * Post-trigger volume decay (detectors.md §3): how much of the trigger bar's volume is still traded in the bars after
 * it. Low retention means the buyers have left. The reference called it {@code VolumeRetentionAnalyzer}; it is a
 * detector like the other seven (bars in, values and a flag out).
 */
public final class VolumeRetentionDetector {

    private final double threshold;
    private final int minBars;
    private final int maxBars;

    /**
     * @param threshold retention percentage below which the detector triggers, in (0, 100]
     * @param minBars   fewest post-trigger bars it accepts (3 in the reference)
     * @param maxBars   most post-trigger bars it averages (5 in the reference, D17.8)
     */
    public VolumeRetentionDetector(double threshold, int minBars, int maxBars) {
        this.threshold = Parameters.requirePercent("volume_retention_threshold", threshold);
        this.minBars = Parameters.requireInRange("min_bars", minBars, 1, maxBars);
        this.maxBars = maxBars;
    }

    /**
     * @param volume post-trigger bars are {@code [from, to)}, oldest first; bars past the first
     *               {@code maxBars} are ignored
     * @throws InvalidDataException      if the trigger volume is {@code <= 0}
     * @throws DataInsufficientException if fewer than {@code minBars} post-trigger bars are given
     */
    public Result detect(double triggerVolume, double[] volume, int from, int to) {
        if (!(triggerVolume > 0)) {
            throw new InvalidDataException("trigger_volume", triggerVolume, "trigger volume must be > 0");
        }
        int count = to - from;
        if (count < minBars) {
            throw DataInsufficientException.forBars(minBars, count);
        }
        int used = Math.min(maxBars, count);
        double sum = 0;
        for (int j = from; j < from + used; j++) {
            sum += volume[j];
        }
        double avgVolumePost = sum / used;
        double retention = avgVolumePost / triggerVolume * 100;
        return new Result(retention, avgVolumePost, used, retention < threshold);
    }

    /** Unrounded retention (percent) and mean post-trigger volume; report them with 2 digits. */
    public record Result(double retentionRatio, double avgVolumePost, int postKlineCount, boolean triggered) {
    }
}
