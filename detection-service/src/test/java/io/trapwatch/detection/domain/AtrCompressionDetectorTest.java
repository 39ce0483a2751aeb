package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;

import static io.trapwatch.detection.domain.TestArrays.concat;
import static io.trapwatch.detection.domain.TestArrays.of;
import static io.trapwatch.detection.domain.TestArrays.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtrCompressionDetectorTest {

    private final AtrCompressionDetector detector = new AtrCompressionDetector(14, 0.5);

    /** detectors.md §8.5 example 1: 15 bars of range 10, then 15 of range 0.4, all closing at 105. */
    private static AtrCompressionDetector.Result compression(AtrCompressionDetector detector) {
        double[] high = concat(repeat(110, 15), repeat(105.2, 15));
        double[] low = concat(repeat(100, 15), repeat(104.8, 15));
        return detector.detect(high, low, repeat(105, 30), 0, 30);
    }

    @Test
    void compression() {
        AtrCompressionDetector.Result result = compression(detector);

        assertThat(Rounding.round(result.atrCurrent(), 8)).isEqualByComparingTo("1.52215444");
        assertThat(Rounding.round(result.atrBaseline(), 8)).isEqualByComparingTo("7.03686654");
        assertThat(result.decreasing()).isTrue();
        assertThat(result.compressed()).isTrue();
    }

    @Test
    void lowerThresholdIsNotReached() {
        AtrCompressionDetector.Result result = compression(new AtrCompressionDetector(14, 0.1));

        assertThat(result.decreasing()).isTrue();
        assertThat(result.compressed()).isFalse();
    }

    @Test
    void flatRangeIsNotCompressed() {
        AtrCompressionDetector.Result result = detector.detect(repeat(110, 30), repeat(100, 30), repeat(105, 30), 0, 30);

        assertThat(Rounding.round(result.atrCurrent(), 8)).isEqualByComparingTo("10");
        assertThat(Rounding.round(result.atrBaseline(), 8)).isEqualByComparingTo("10");
        assertThat(result.decreasing()).isFalse();
        assertThat(result.compressed()).isFalse();
    }

    @Test
    void twentyBarsAreInsufficient() {
        assertThatThrownBy(() -> detector.detect(repeat(110, 20), repeat(100, 20), repeat(105, 20), 0, 20))
                .isInstanceOfSatisfying(DataInsufficientException.class, e -> {
                    assertThat(e.required()).isEqualTo(30);
                    assertThat(e.actual()).isEqualTo(20);
                });
    }

    @Test
    void referenceAnchorShrinkingRanges() {
        double[] high = concat(repeat(120, 25), of(120, 115, 110, 108, 105));
        double[] close = concat(repeat(110, 25), of(110, 108, 105, 104, 102));

        AtrCompressionDetector.Result result = detector.detect(high, repeat(100, 30), close, 0, 30);

        assertThat(result.decreasing()).isTrue();
    }
}
