package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;

import static io.trapwatch.detection.domain.TestArrays.concat;
import static io.trapwatch.detection.domain.TestArrays.of;
import static io.trapwatch.detection.domain.TestArrays.ramp;
import static io.trapwatch.detection.domain.TestArrays.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MovingAverageCrossDetectorTest {

    private final MovingAverageCrossDetector detector = new MovingAverageCrossDetector();

    private MovingAverageCrossDetector.Result detect(double[] close) {
        return detector.detect(close, 0, close.length);
    }

    @Test
    void deathCross() {
        MovingAverageCrossDetector.Result result = detect(concat(repeat(100, 19), of(96, 94, 92, 90, 88, 86, 84)));

        assertThat(Rounding.round(result.maShort(), 8)).isEqualByComparingTo("90");
        assertThat(Rounding.round(result.maLong(), 8)).isEqualByComparingTo("97.2");
        assertThat(result.slopePercent()).isCloseTo(-0.654129, within(1e-6));
        assertThat(Rounding.round(result.slopePercent(), 2)).isEqualByComparingTo("-0.65");
        assertThat(result.deathCross()).isTrue();
    }

    @Test
    void flatSeriesHasNoCross() {
        MovingAverageCrossDetector.Result result = detect(repeat(100, 26));

        assertThat(result.maShort()).isEqualTo(100);
        assertThat(result.maLong()).isEqualTo(100);
        assertThat(Rounding.round(result.slopePercent(), 2)).isEqualByComparingTo("0.00");
        assertThat(result.deathCross()).isFalse();
    }

    @Test
    void risingSeriesHasNoCross() {
        MovingAverageCrossDetector.Result result = detect(ramp(100, 1, 26));

        assertThat(result.maShort()).isGreaterThan(result.maLong());
        assertThat(result.slopePercent()).isPositive();
        assertThat(result.deathCross()).isFalse();
    }

    @Test
    void twentyBarsAreInsufficient() {
        assertThatThrownBy(() -> detect(repeat(100, 20)))
                .isInstanceOfSatisfying(DataInsufficientException.class, e -> {
                    assertThat(e.required()).isEqualTo(26);
                    assertThat(e.actual()).isEqualTo(20);
                });
    }

    @Test
    void previousLongAverageOfZeroIsInvalid() {
        assertThatThrownBy(() -> detect(concat(repeat(0, 25), of(50000))))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.field()).isEqualTo("ma25_prev");
                    assertThat(e.value()).isZero();
                });
    }

    @Test
    void onlyTheTailMatters() {
        double[] close = concat(repeat(1, 40), repeat(100, 19), of(96, 94, 92, 90, 88, 86, 84));

        assertThat(detect(close)).isEqualTo(detect(concat(repeat(100, 19), of(96, 94, 92, 90, 88, 86, 84))));
    }
}
