package io.trapwatch.detection.domain;

/**
 * Price move per unit of volume (detectors.md §5): a thin order book lets little volume move the price far more than
 * it used to. The reference called it {@code PriceEfficiencyAnalyzer}; it is a detector like the other seven (bars
 * in, values and a flag out).
 */
public final class PriceEfficiencyDetector {

    private final int historicalPeriod;
    private final double multiplier;

    /**
     * @param historicalPeriod fewest historical bars accepted (30 in the reference)
     * @param multiplier       how many times the historical efficiency the recent one must exceed, {@code > 0}
     */
    public PriceEfficiencyDetector(int historicalPeriod, double multiplier) {
        this.historicalPeriod = Parameters.requireAtLeast("historical_period", historicalPeriod, 1);
        this.multiplier = Parameters.requirePositive("pe_multiplier", multiplier);
    }

    /**
     * Compares the mean efficiency of the recent bars {@code [recentFrom, recentTo)} with that of
     * the historical bars {@code [historicalFrom, historicalTo)}; all historical bars are used.
     *
     * @return {@code null} ("cannot evaluate") when no historical or no recent bar has a volume
     *         {@code > 0}, including an empty recent range
     * @throws DataInsufficientException if fewer than {@code historicalPeriod} historical bars are given
     */
    public Result detect(double[] open, double[] close, double[] volume,
                          int recentFrom, int recentTo, int historicalFrom, int historicalTo) {
        int historicalBars = historicalTo - historicalFrom;
        if (historicalBars < historicalPeriod) {
            throw DataInsufficientException.forBars(historicalPeriod, historicalBars);
        }
        Mean historical = meanEfficiency(open, close, volume, historicalFrom, historicalTo);
        Mean recent = meanEfficiency(open, close, volume, recentFrom, recentTo);
        if (historical.count == 0 || recent.count == 0) {
            return null;
        }
        double currentPe = recent.value();
        double historicalPeMean = historical.value();
        return new Result(currentPe, historicalPeMean, currentPe > historicalPeMean * multiplier,
                recent.count, historical.count);
    }

    /** Bars without volume have no efficiency and are skipped, not counted as zero. */
    private static Mean meanEfficiency(double[] open, double[] close, double[] volume, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int j = from; j < to; j++) {
            if (volume[j] > 0) {
                sum += Math.abs(close[j] - open[j]) / volume[j];
                count++;
            }
        }
        return new Mean(sum, count);
    }

    private record Mean(double sum, int count) {
        double value() {
            return sum / count;
        }
    }

    /** Unrounded efficiencies (price units per unit of base volume); report them with 8 digits. */
    public record Result(double currentPe, double historicalPeMean, boolean triggered,
                         int recentCount, int historicalCount) {
    }
}
