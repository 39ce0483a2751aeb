package io.trapwatch.detection.domain;

import io.trapwatch.model.outcome.OutcomeStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outcome formulas of data-and-api.md §8 with D12, as pinned by D18, with exact numbers. */
class OutcomeTest {

    private static final long HOUR = 3_600_000L;

    /** A trigger bar (close {@code triggerClose}) followed by the given (O, H, L, C) bars, one hour apart. */
    private static List<Bar> series(double triggerClose, double[]... ohlc) {
        List<Bar> bars = new ArrayList<>();
        bars.add(new Bar(0, triggerClose, triggerClose, triggerClose, triggerClose, 1));
        for (int i = 0; i < ohlc.length; i++) {
            double[] b = ohlc[i];
            bars.add(new Bar((i + 1) * HOUR, b[0], b[1], b[2], b[3], 1));
        }
        return bars;
    }

    /** §8's worked example: B0 (100, 102, 98, 100) … B6 (98, 104, 97, 103); trigger close 97. */
    private static List<Bar> workedExample() {
        return series(97, new double[]{100, 102, 98, 100}, new double[]{100, 101, 95, 96}, new double[]{96, 97, 90, 91},
                new double[]{91, 93, 88, 92}, new double[]{92, 95, 91, 94}, new double[]{94, 99, 93, 98},
                new double[]{98, 104, 97, 103});
    }

    private static Outcome outcome(List<Bar> bars, int observationBars) {
        return Outcome.of(OutcomeCalculator.compute(bars, 0, observationBars));
    }

    @Test
    void workedExampleOfTheSpecWithTheD12Fixes() {
        Outcome o = outcome(workedExample(), 6);
        assertThat(o.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(o.barsObserved()).isEqualTo(6);
        assertThat(o.entryTime()).isEqualTo(HOUR);
        assertThat(o.entryPrice()).isEqualByComparingTo("100");
        assertThat(o.barsToLowest()).isEqualTo(3);
        assertThat(o.lowestPrice()).isEqualByComparingTo("88");
        assertThat(o.lowestTime()).isEqualTo(4 * HOUR);
        assertThat(o.maxProfitPercent()).isEqualTo("12.00");
        // Rebound bars from index 6: high 104 -> (104 - 88) / 88 = +18.18 (the reference's sign was inverted), below 20.
        assertThat(o.reboundHighPrice()).isEqualByComparingTo("104");
        assertThat(o.reboundPercent()).isEqualTo("18.18");
        assertThat(o.hasRebound()).isFalse();
        assertThat(o.maxDrawdownPercent()).isEqualTo("4.00");
        assertThat(o.hold().price()).isEqualByComparingTo("103");
        assertThat(o.hold().time()).isEqualTo(7 * HOUR);
        assertThat(o.hold().finalProfitPercent()).isEqualTo("-3.00");
        assertThat(o.hold().profitable()).isFalse();
        assertThat(o.hold().byInvalidation()).isFalse();
        // Invalidation stop: B5 is the first bar to close above the trigger close 97 -> cover at 98.
        assertThat(o.invalidationStop().byInvalidation()).isTrue();
        assertThat(o.invalidationStop().time()).isEqualTo(6 * HOUR);
        assertThat(o.invalidationStop().price()).isEqualByComparingTo("98");
        assertThat(o.invalidationStop().finalProfitPercent()).isEqualTo("2.00");
        assertThat(o.invalidationStop().profitable()).isTrue();
    }

    @Test
    void theEntryBarsOwnHighIsNotAnAdverseMove() {
        Outcome o = outcome(series(99, new double[]{100, 110, 98, 100}, new double[]{100, 105, 97, 99},
                new double[]{99, 101, 96, 97}), 2);
        // The reference would report 10.00 from the entry bar's 110.
        assertThat(o.maxDrawdownPercent()).isEqualTo("5.00");
    }

    @Test
    void priceNeverAboveEntryIsADrawdownOfZero() {
        Outcome o = outcome(series(99, new double[]{100, 100, 98, 100}, new double[]{100, 99, 90, 92}), 1);
        assertThat(o.maxDrawdownPercent()).isEqualTo("0.00");
        assertThat(o.hold().finalProfitPercent()).isEqualTo("8.00");
        assertThat(o.invalidationStop()).isEqualTo(o.hold());
    }

    @Test
    void aReboundOfExactlyTwentyPercentIsSignificant() {
        // lowest 10 at index 1, rebound window from index 4: high 12 -> exactly 20.00 %.
        Outcome o = outcome(series(20, new double[]{15, 15, 14, 15}, new double[]{15, 15, 10, 11},
                new double[]{11, 11, 10.5, 11}, new double[]{11, 11, 10.5, 11}, new double[]{11, 12, 10.5, 11}), 4);
        assertThat(o.reboundPercent()).isEqualTo("20.00");
        assertThat(o.hasRebound()).isTrue();
    }

    @Test
    void theReboundTestUsesTheUnroundedValue() {
        // (119999.99 - 100000) / 100000 = 19.99999 % -> reported 20.00, but not significant.
        Outcome o = outcome(series(200000, new double[]{150000, 150000, 140000, 150000},
                new double[]{150000, 150000, 100000, 110000}, new double[]{110000, 110000, 105000, 110000},
                new double[]{110000, 110000, 105000, 110000}, new double[]{110000, 119999.99, 105000, 110000}), 4);
        assertThat(o.reboundPercent()).isEqualTo("20.00");
        assertThat(o.hasRebound()).isFalse();
    }

    @Test
    void theFirstOfEqualLowsIsTheLowest() {
        Outcome o = outcome(series(99, new double[]{100, 100, 99, 100}, new double[]{100, 100, 90, 95},
                new double[]{95, 96, 90, 95}), 2);
        assertThat(o.barsToLowest()).isEqualTo(1);
    }

    @Test
    void noBarAfterTheTriggerIsInsufficientData() {
        Outcome o = outcome(series(100), 30);
        assertThat(o.status()).isEqualTo(OutcomeStatus.INSUFFICIENT_DATA);
        assertThat(o.entryPrice()).isNull();
        assertThat(o.hold()).isNull();
        assertThat(o.trade(false)).isNull();
    }

    @Test
    void onlyTheEntryBarIsOpenWithAFlatExitThatCountsAsALoss() {
        Outcome o = outcome(series(99, new double[]{100, 101, 98, 100}), 30);
        assertThat(o.status()).isEqualTo(OutcomeStatus.OPEN);
        assertThat(o.barsObserved()).isZero();
        assertThat(o.barsToLowest()).isNull();
        assertThat(o.maxProfitPercent()).isNull();
        assertThat(o.maxDrawdownPercent()).isEqualTo("0.00");
        assertThat(o.hold().finalProfitPercent()).isEqualTo("0.00");
        assertThat(o.hold().profitable()).isFalse();
    }

    @Test
    void theWindowEndsAfterObservationBarsAndZeroMeansEverythingSinceTheEntry() {
        List<Bar> bars = workedExample();
        Outcome three = outcome(bars, 3);
        assertThat(three.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(three.hold().price()).isEqualByComparingTo("92");
        assertThat(three.hold().finalProfitPercent()).isEqualTo("8.00");
        assertThat(three.invalidationStop()).isEqualTo(three.hold());
        assertThat(outcome(bars, 30).status()).isEqualTo(OutcomeStatus.OPEN);
        Outcome all = outcome(bars, 0);
        assertThat(all.status()).isEqualTo(OutcomeStatus.OPEN);
        assertThat(all.barsObserved()).isEqualTo(6);
        assertThat(all.hold().finalProfitPercent()).isEqualTo("-3.00");
    }

    @Test
    void pricesKeepTheExchangeDecimals() {
        Outcome o = outcome(series(0.00001234, new double[]{0.00001200, 0.00001250, 0.00001190, 0.00001201},
                new double[]{0.00001201, 0.00001210, 0.00001100, 0.00001105}), 1);
        assertThat(o.entryPrice().toPlainString()).isEqualTo("0.00001201");
        assertThat(o.lowestPrice().toPlainString()).isEqualTo("0.000011");
        // (0.00001201 - 0.00001105) / 0.00001201 = 7.993... %
        assertThat(o.hold().finalProfitPercent()).isEqualTo("7.99");
    }

    @Test
    void theTrackerStopsChangingOnceCompletedAndIgnoresOldBars() {
        List<Bar> bars = workedExample();
        OutcomeTracker tracker = OutcomeTracker.start(0, 97, 3);
        assertThat(tracker.onBar(bars.get(0))).as("the trigger bar itself").isFalse();
        for (int i = 1; i <= 4; i++) {
            assertThat(tracker.onBar(bars.get(i))).isTrue();
        }
        assertThat(tracker.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(tracker.onBar(bars.get(5))).isFalse();
        assertThat(tracker.onBar(bars.get(2))).isFalse();
        assertThat(tracker.state()).isEqualTo(OutcomeCalculator.compute(bars, 0, 3));
    }
}
