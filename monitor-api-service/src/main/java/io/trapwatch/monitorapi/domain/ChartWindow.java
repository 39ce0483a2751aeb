package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.Interval;

import java.time.Instant;

/** Bars shown around a monitor: 30 bars of its interval before the trigger bar and 60 after it (91 at most). */
public record ChartWindow(Instant start, Instant end, int maxBars) {

    public static final int BARS_BEFORE = 30;
    public static final int BARS_AFTER = 60;

    public static ChartWindow around(Instant triggerTime, Interval interval) {
        return new ChartWindow(triggerTime.minus(interval.length().multipliedBy(BARS_BEFORE)),
                triggerTime.plus(interval.length().multipliedBy(BARS_AFTER)), BARS_BEFORE + BARS_AFTER + 1);
    }
}
