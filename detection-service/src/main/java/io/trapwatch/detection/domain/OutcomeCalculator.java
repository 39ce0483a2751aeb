package io.trapwatch.detection.domain;

import java.util.List;

/**
 * The outcome of one monitor from the bars of its series (data-and-api.md §8 with D12's fixes, pinned by D18:
 * entry at the close of the bar after the trigger), computed
 * the direct way: pick the observed window, then search it. Used for monitors found by a sweep and for outcomes
 * computed after the fact; {@link OutcomeTracker} gives the same result bar by bar.
 */
public final class OutcomeCalculator {

    private OutcomeCalculator() {
    }

    /**
     * @param series          the series' bars in ascending open-time order
     * @param triggerIndex    index in {@code series} of the monitor's trigger bar
     * @param observationBars window length after the entry bar; 0 = every bar up to the end of {@code series}
     */
    public static OutcomeState compute(List<Bar> series, int triggerIndex, int observationBars) {
        Bar trigger = series.get(triggerIndex);
        OutcomeState none = OutcomeState.awaitingEntry(trigger.openTime(), trigger.close(), observationBars);
        int entry = triggerIndex + 1;
        if (entry >= series.size()) {
            return none;
        }
        int available = series.size() - 1 - entry;
        int m = observationBars > 0 ? Math.min(observationBars, available) : available;
        Bar b0 = series.get(entry);

        int lowest = OutcomeState.NONE;
        double maxHigh = Double.NaN;
        int stop = OutcomeState.NONE;
        for (int k = 1; k <= m; k++) {
            Bar b = series.get(entry + k);
            if (lowest == OutcomeState.NONE || b.low() < series.get(entry + lowest).low()) {
                lowest = k;
            }
            if (Double.isNaN(maxHigh) || b.high() > maxHigh) {
                maxHigh = b.high();
            }
            if (stop == OutcomeState.NONE && b.close() > trigger.close()) {
                stop = k;
            }
        }
        double reboundHigh = Double.NaN;
        if (lowest != OutcomeState.NONE) {
            for (int k = lowest + 3; k <= m; k++) {
                double h = series.get(entry + k).high();
                if (Double.isNaN(reboundHigh) || h > reboundHigh) {
                    reboundHigh = h;
                }
            }
        }
        Bar last = series.get(entry + m);
        Bar low = lowest == OutcomeState.NONE ? null : series.get(entry + lowest);
        Bar stopBar = stop == OutcomeState.NONE ? null : series.get(entry + stop);
        return new OutcomeState(trigger.openTime(), trigger.close(), observationBars, m, b0.openTime(), b0.close(),
                lowest, low == null ? 0 : low.openTime(), low == null ? Double.NaN : low.low(),
                reboundHigh, maxHigh, stop, stopBar == null ? 0 : stopBar.openTime(),
                stopBar == null ? Double.NaN : stopBar.close(), last.openTime(), last.close());
    }
}
