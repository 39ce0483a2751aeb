package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;

import static io.trapwatch.detection.domain.TestArrays.concat;
import static io.trapwatch.detection.domain.TestArrays.of;
import static io.trapwatch.detection.domain.TestArrays.ramp;
import static io.trapwatch.detection.domain.TestArrays.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObvDivergenceDetectorTest {

    private final ObvDivergenceDetector defaults = new ObvDivergenceDetector();
    private final ObvDivergenceDetector lookbackTen = new ObvDivergenceDetector(10, 5);

    private static ObvDivergenceDetector.Result detect(ObvDivergenceDetector detector, double[] close, double[] volume) {
        return detector.detect(close, volume, 0, close.length);
    }

    @Test
    void steadyDeclineIsSingleSided() {
        ObvDivergenceDetector.Result result = detect(defaults, ramp(130, -1, 30), repeat(1000, 30));

        assertThat(result.obvSeries()).containsExactly(ramp(0, -1000, 30));
        assertThat(result.obvCurrent()).isEqualTo(-29000);
        assertThat(result.divergenceDetected()).isFalse();
        assertThat(result.consecutiveNoDivergence()).isEqualTo(5);
        assertThat(result.singleSideDecline()).isTrue();
    }

    @Test
    void bullishDivergence() {
        double[] close = of(106, 105, 104, 103, 102, 100, 98, 99, 99, 97);
        double[] volume = concat(repeat(1000, 9), of(500));

        ObvDivergenceDetector.Result result = detect(lookbackTen, close, volume);

        assertThat(result.obvSeries())
                .containsExactly(0, -1000, -2000, -3000, -4000, -5000, -6000, -5000, -5000, -5500);
        assertThat(result.divergenceDetected()).isTrue();
        assertThat(result.consecutiveNoDivergence()).isZero();
        assertThat(result.singleSideDecline()).isFalse();
    }

    @Test
    void partialStreak() {
        double[] close = concat(ramp(110, -1, 10), of(102, 103, 101, 100, 99));

        ObvDivergenceDetector.Result result = detect(lookbackTen, close, repeat(1000, 15));

        double[] obv = result.obvSeries();
        assertThat(new double[]{obv[9], obv[10], obv[11], obv[12], obv[13], obv[14]})
                .containsExactly(-9000, -8000, -7000, -8000, -9000, -10000);
        assertThat(result.divergenceDetected()).isFalse();
        assertThat(result.consecutiveNoDivergence()).isEqualTo(2);
        assertThat(result.singleSideDecline()).isFalse();
    }

    @Test
    void twentyBarsAreInsufficient() {
        assertThatThrownBy(() -> detect(defaults, repeat(100, 20), repeat(1000, 20)))
                .isInstanceOfSatisfying(DataInsufficientException.class, e -> {
                    assertThat(e.required()).isEqualTo(30);
                    assertThat(e.actual()).isEqualTo(20);
                });
    }

    @Test
    void referenceAnchors() {
        assertThat(detect(lookbackTen, ramp(100, 1, 10), repeat(1000, 10)).obvSeries())
                .containsExactly(ramp(0, 1000, 10));

        ObvDivergenceDetector.Result falling = detect(lookbackTen, ramp(100, -1, 10), repeat(1000, 10));
        assertThat(falling.obvSeries()).containsExactly(ramp(0, -1000, 10));
        assertThat(falling.singleSideDecline()).isTrue();

        assertThat(detect(lookbackTen, repeat(100, 10), repeat(1000, 10)).obvSeries()).containsOnly(0);
    }
}
