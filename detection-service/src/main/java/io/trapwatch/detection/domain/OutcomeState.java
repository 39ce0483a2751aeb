package io.trapwatch.detection.domain;

import io.trapwatch.model.outcome.OutcomeStatus;

/**
 * Everything the outcome of one monitor (decision D18: a short from the bar after the trigger)
 * depends on, as raw values: enough to report it
 * ({@link Outcome#of}) and to carry on from it with the next bar ({@link OutcomeTracker#restore}). Bars are
 * indexed from the entry bar {@code B_0}; an index of {@code -1} (or a NaN price) means "none yet".
 *
 * @param observationBars window length {@code m} stops at; 0 = unlimited
 * @param observed        {@code m}, the index of the last observed bar; -1 before the entry
 * @param lowestIndex     first bar with the lowest low among {@code B_1 … B_m}
 * @param reboundHigh     highest high among the bars from {@code lowestIndex + 3} on
 * @param maxHigh         highest high among {@code B_1 … B_m} (the entry bar's own high excluded, D12)
 * @param stopIndex       first bar {@code k ≥ 1} closing above the trigger close (the invalidation stop, D18.5)
 */
public record OutcomeState(long triggerTime, double triggerClose, int observationBars,
                           int observed, long entryTime, double entryPrice,
                           int lowestIndex, long lowestTime, double lowestPrice,
                           double reboundHigh, double maxHigh,
                           int stopIndex, long stopTime, double stopPrice,
                           long lastTime, double lastClose) {

    public static final int NONE = -1;

    /** A monitor whose trigger bar just closed: nothing observed yet. */
    public static OutcomeState awaitingEntry(long triggerTime, double triggerClose, int observationBars) {
        if (observationBars < 0) {
            throw new IllegalArgumentException("observation_bars must be >= 0, got " + observationBars);
        }
        return new OutcomeState(triggerTime, triggerClose, observationBars, NONE, 0, Double.NaN, NONE, 0, Double.NaN,
                Double.NaN, Double.NaN, NONE, 0, Double.NaN, triggerTime, Double.NaN);
    }

    public OutcomeStatus status() {
        if (observed == NONE) {
            return OutcomeStatus.INSUFFICIENT_DATA;
        }
        return observationBars > 0 && observed >= observationBars ? OutcomeStatus.COMPLETED : OutcomeStatus.OPEN;
    }
}
