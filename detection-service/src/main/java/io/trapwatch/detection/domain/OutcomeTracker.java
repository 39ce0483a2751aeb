package io.trapwatch.detection.domain;

import io.trapwatch.model.outcome.OutcomeStatus;

/**
 * The outcome of one monitor kept up to date bar by bar (decision D18: a short from the bar after the
 * trigger): each bar of the series after the trigger
 * bar updates it in O(1) — running minimum, maxima and the first stop — so the live path never rescans a window.
 * For the same bars it reports exactly what {@link OutcomeCalculator} computes from the whole window.
 * Not thread-safe.
 */
public final class OutcomeTracker {

    private final long triggerTime;
    private final double triggerClose;
    private final int observationBars;
    private int observed;
    private long entryTime;
    private double entryPrice;
    private int lowestIndex;
    private long lowestTime;
    private double lowestPrice;
    private double reboundHigh;
    private double maxHigh;
    private int stopIndex;
    private long stopTime;
    private double stopPrice;
    private long lastTime;
    private double lastClose;

    private OutcomeTracker(OutcomeState s) {
        triggerTime = s.triggerTime();
        triggerClose = s.triggerClose();
        observationBars = s.observationBars();
        observed = s.observed();
        entryTime = s.entryTime();
        entryPrice = s.entryPrice();
        lowestIndex = s.lowestIndex();
        lowestTime = s.lowestTime();
        lowestPrice = s.lowestPrice();
        reboundHigh = s.reboundHigh();
        maxHigh = s.maxHigh();
        stopIndex = s.stopIndex();
        stopTime = s.stopTime();
        stopPrice = s.stopPrice();
        lastTime = s.lastTime();
        lastClose = s.lastClose();
    }

    public static OutcomeTracker start(long triggerTime, double triggerClose, int observationBars) {
        return new OutcomeTracker(OutcomeState.awaitingEntry(triggerTime, triggerClose, observationBars));
    }

    public static OutcomeTracker restore(OutcomeState state) {
        return new OutcomeTracker(state);
    }

    /**
     * Takes the next closed bar of the series.
     *
     * @return whether the outcome changed: false for a bar not after the last one seen and once completed
     */
    public boolean onBar(Bar bar) {
        if (bar.openTime() <= lastTime || status() == OutcomeStatus.COMPLETED) {
            return false;
        }
        lastTime = bar.openTime();
        lastClose = bar.close();
        if (observed == OutcomeState.NONE) {
            observed = 0;
            entryTime = bar.openTime();
            entryPrice = bar.close();
            return true;
        }
        int n = ++observed;
        if (lowestIndex == OutcomeState.NONE || bar.low() < lowestPrice) {
            // A new lowest: the rebound window (from lowest + 3 on) starts over, in the future.
            lowestIndex = n;
            lowestTime = bar.openTime();
            lowestPrice = bar.low();
            reboundHigh = Double.NaN;
        } else if (n >= lowestIndex + 3) {
            reboundHigh = Double.isNaN(reboundHigh) ? bar.high() : Math.max(reboundHigh, bar.high());
        }
        maxHigh = Double.isNaN(maxHigh) ? bar.high() : Math.max(maxHigh, bar.high());
        if (stopIndex == OutcomeState.NONE && bar.close() > triggerClose) {
            stopIndex = n;
            stopTime = bar.openTime();
            stopPrice = bar.close();
        }
        return true;
    }

    public OutcomeStatus status() {
        return state().status();
    }

    public long triggerTime() {
        return triggerTime;
    }

    public OutcomeState state() {
        return new OutcomeState(triggerTime, triggerClose, observationBars, observed, entryTime, entryPrice,
                lowestIndex, lowestTime, lowestPrice, reboundHigh, maxHigh, stopIndex, stopTime, stopPrice,
                lastTime, lastClose);
    }
}
