package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;

import static io.trapwatch.detection.domain.TestArrays.concat;
import static io.trapwatch.detection.domain.TestArrays.of;
import static io.trapwatch.detection.domain.TestArrays.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PriceEfficiencyDetectorTest {

    private final PriceEfficiencyDetector detector = new PriceEfficiencyDetector(30, 2.0);

    /** Historical bars first, recent bars after them, in one set of arrays. */
    private static PriceEfficiencyDetector.Result detect(PriceEfficiencyDetector detector, int historical,
                                                          double[] open, double[] close, double[] volume) {
        return detector.detect(open, close, volume, historical, open.length, 0, historical);
    }

    /** Anchor history: 30 bars O = 100, C = 101, V = 1000 (PE 0.001) and one recent bar. */
    private static PriceEfficiencyDetector.Result anchor(PriceEfficiencyDetector detector, double recentClose) {
        return detect(detector, 30, repeat(100, 31), concat(repeat(101, 30), of(recentClose)), repeat(1000, 31));
    }

    @Test
    void workedExample() {
        double[] open = repeat(100, 35);
        double[] close = concat(repeat(101, 20), repeat(100.4, 10), of(98, 98, 98, 90, 99));
        double[] volume = concat(repeat(1000, 20), repeat(2000, 10), of(1000, 1000, 1000, 0, 500));

        PriceEfficiencyDetector.Result result = detect(detector, 30, open, close, volume);

        assertThat(Rounding.round(result.currentPe(), 8)).isEqualByComparingTo("0.00200000");
        assertThat(Rounding.round(result.historicalPeMean(), 8)).isEqualByComparingTo("0.00073333");
        assertThat(result.triggered()).isTrue();
        assertThat(result.recentCount()).isEqualTo(4);
        assertThat(result.historicalCount()).isEqualTo(30);
    }

    @Test
    void anchors() {
        PriceEfficiencyDetector.Result up = anchor(detector, 103);
        assertThat(up.historicalPeMean()).isCloseTo(0.001, within(1e-15));
        assertThat(up.currentPe()).isCloseTo(0.003, within(1e-15));
        assertThat(up.triggered()).isTrue();

        assertThat(anchor(detector, 97).currentPe()).isCloseTo(0.003, within(1e-15));

        PriceEfficiencyDetector.Result small = anchor(detector, 101.5);
        assertThat(small.currentPe()).isCloseTo(0.0015, within(1e-15));
        assertThat(small.triggered()).isFalse();

        assertThat(anchor(detector, 102.5).triggered()).isTrue();
        assertThat(anchor(new PriceEfficiencyDetector(30, 3.0), 102.5).triggered()).isFalse();
    }

    @Test
    void historicalBarsWithoutVolumeAreSkipped() {
        double[] volume = concat(repeat(0, 10), repeat(1000, 20), of(1000));

        PriceEfficiencyDetector.Result result =
                detect(detector, 30, repeat(100, 31), concat(repeat(101, 30), of(103)), volume);

        assertThat(result.historicalCount()).isEqualTo(20);
        assertThat(result.historicalPeMean()).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void cannotEvaluateWithoutVolume() {
        double[] open = repeat(100, 31);
        double[] close = concat(repeat(101, 30), of(103));

        assertThat(detect(detector, 30, open, close, concat(repeat(0, 30), of(1000)))).isNull();
        assertThat(detect(detector, 30, open, close, concat(repeat(1000, 30), of(0)))).isNull();
        assertThat(detect(detector, 31, open, close, repeat(1000, 31))).as("no recent bar").isNull();
    }

    @Test
    void twentyHistoricalBarsAreInsufficient() {
        assertThatThrownBy(() -> detect(detector, 20, repeat(100, 21), repeat(101, 21), repeat(1000, 21)))
                .isInstanceOfSatisfying(DataInsufficientException.class, e -> {
                    assertThat(e.required()).isEqualTo(30);
                    assertThat(e.actual()).isEqualTo(20);
                });
    }

    @Test
    void multiplierMustBePositive() {
        assertThatThrownBy(() -> new PriceEfficiencyDetector(30, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pe_multiplier must be > 0, got 0");
    }
}
