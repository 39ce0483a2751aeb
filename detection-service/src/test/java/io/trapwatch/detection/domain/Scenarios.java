package io.trapwatch.detection.domain;

import java.util.List;

/**
 * Planted series for the engine tests. Each starts with 40 quiet bars (O = C = 100, range 99–101,
 * volume 1000; amplitude 2.02 %), so the earliest possible trigger bar is bar 30 and the pump
 * is bar 40: range 99.5–110 (ratio 5.22), close 101 (upper shadow 85.7 %), volume 10000 (RVOL 10).
 */
final class Scenarios {

    static final int TRIGGER = 40;

    private Scenarios() {
    }

    static SeriesBuilder quietThenPump() {
        return new SeriesBuilder().repeat(TRIGGER, 100, 101, 99, 100, 1000).bar(100, 110, 99.5, 101, 10000);
    }

    /**
     * Thin bleed below the trigger low on 500 volume (retention 5 %): bar 43 closes at 98.7, below
     * the key level 99.5, so phase 2 passes there.
     */
    static SeriesBuilder pumpAndBleed() {
        return quietThenPump().move(99.3, 0.1, 500).move(99.0, 0.05, 500).move(98.7, 0.05, 500);
    }

    /** (a) Bleed, then a quiet slide of 0.3 per bar with 0.05 wicks: validated on bar 52. */
    static List<Bar> abandonment() {
        return pumpAndBleed().slide(37, -0.3, 0.05, 500).build();
    }

    /** (b) The bar after the pump closes at 102, above the trigger close 101. */
    static List<Bar> recovery() {
        return quietThenPump().bar(101, 102.5, 100.8, 102, 1500).repeat(5, 102, 102.5, 101.5, 102, 1000).build();
    }

    /** (c) Suspected on bar 43, then bar 44 closes at 101.2. */
    static List<Bar> recoveryAfterSuspicion() {
        return pumpAndBleed().move(101.2, 0.1, 600).repeat(3, 101.2, 101.5, 101, 101.2, 1000).build();
    }

    /** (d) Price bleeds below the low but volume stays at half the trigger volume: expires on bar 45. */
    static List<Bar> volumeNeverDriesUp() {
        return quietThenPump().move(100.5, 0.1, 5000).move(99.0, 0.1, 5000).move(98.5, 0.1, 5000)
                .move(98.0, 0.1, 5000).move(97.5, 0.1, 5000).slide(5, -0.1, 0.1, 1000).build();
    }

    /** (e) Same volume and range as the pump but closing at its high: no upper shadow. */
    static List<Bar> spikeWithoutWick() {
        return new SeriesBuilder().repeat(TRIGGER, 100, 101, 99, 100, 1000).bar(100, 110, 99.5, 110, 10000)
                .repeat(10, 109, 110, 108, 109, 1000).build();
    }

    /**
     * (f) Suspected on bar 43, then closes alternate 98.5 / 98.9 with wide wicks: the ATR never
     * compresses, so validation fails through bar 73 (30 bars after the confirming bar).
     */
    static List<Bar> suspicionThatNeverValidates() {
        SeriesBuilder series = pumpAndBleed();
        for (int k = 0; k < 35; k++) {
            series.move(k % 2 == 0 ? 98.5 : 98.9, 0.8, 500);
        }
        return series.build();
    }

    /** (g) Bar 41 closes at 102 (invalidating the pending monitor) and is itself a pump. */
    static List<Bar> invalidationAndDiscoveryOnOneBar() {
        return quietThenPump().bar(101, 110, 101, 102, 12000).repeat(5, 102, 102.5, 101.5, 102, 1000).build();
    }

    /**
     * (h) Scenario (a) continued: a second pump on bar 81 (close 88) opens a pending monitor next
     * to the confirmed one; bar 82 closes at 101.5, above both trigger closes.
     */
    static List<Bar> confirmedAndPendingInvalidatedTogether() {
        return pumpAndBleed().slide(37, -0.3, 0.05, 500).bar(87.6, 95, 87.5, 88, 10000).move(101.5, 0.2, 800).build();
    }

    /**
     * (h') Scenario (a) continued: the second pump on bar 81 closes at 102, above the confirmed
     * monitor's trigger close: step 1 invalidates it, step 3 opens the new one on the same bar,
     * which then expires on bar 86 (its closes never fall below its low 87.5).
     */
    static List<Bar> secondPumpInvalidatesConfirmed() {
        return pumpAndBleed().slide(37, -0.3, 0.05, 500).bar(87.6, 120, 87.5, 102, 10000)
                .slide(5, -0.5, 0.05, 700).build();
    }

    static List<List<Bar>> all() {
        return List.of(abandonment(), recovery(), recoveryAfterSuspicion(), volumeNeverDriesUp(), spikeWithoutWick(),
                suspicionThatNeverValidates(), invalidationAndDiscoveryOnOneBar(),
                confirmedAndPendingInvalidatedTogether(), secondPumpInvalidatesConfirmed());
    }
}
