package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;

import static io.trapwatch.detection.domain.TestArrays.concat;
import static io.trapwatch.detection.domain.TestArrays.of;
import static io.trapwatch.detection.domain.TestArrays.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AmplitudeDetectorTest {

    private final AmplitudeDetector detector = new AmplitudeDetector(30, 3, 0.5);

    /** detectors.md §2.6: 15 bars of 4 % then 15 of 6 % (mean 5 %) and the given current bar. */
    private AmplitudeDetector.Result workedExample(double h, double l, double c) {
        double[] high = concat(repeat(104, 15), repeat(106, 15), of(h));
        double[] low = concat(repeat(100, 30), of(l));
        double[] close = concat(repeat(102, 15), repeat(103, 15), of(c));
        return detector.detect(high, low, close, 0, 31);
    }

    /** Reference test anchors: 30 bars with L = 100, H = 110 (10 %) and the given current bar. */
    private AmplitudeDetector.Result anchor(double h, double c) {
        double[] high = concat(repeat(110, 30), of(h));
        double[] low = repeat(100, 31);
        double[] close = concat(repeat(105, 30), of(c));
        return detector.detect(high, low, close, 0, 31);
    }

    @Test
    void pulseCandleTriggers() {
        AmplitudeDetector.Result result = workedExample(116, 100, 107);

        assertThat(Rounding.round(result.ratio(), 2)).isEqualByComparingTo("3.20");
        assertThat(Rounding.round(result.maAmplitude(), 2)).isEqualByComparingTo("5.00");
        assertThat(Rounding.round(result.currentAmplitude(), 2)).isEqualByComparingTo("16.00");
        assertThat(Rounding.round(result.upperShadowRatio(), 2)).isEqualByComparingTo("56.25");
        assertThat(result.triggered()).isTrue();
    }

    @Test
    void shortShadowDoesNotTrigger() {
        AmplitudeDetector.Result result = workedExample(116, 100, 110);

        assertThat(Rounding.round(result.ratio(), 2)).isEqualByComparingTo("3.20");
        assertThat(Rounding.round(result.upperShadowRatio(), 2)).isEqualByComparingTo("37.50");
        assertThat(result.triggered()).isFalse();
    }

    @Test
    void dojiHasNoRangeAndNoShadow() {
        AmplitudeDetector.Result result = workedExample(100, 100, 100);

        assertThat(Rounding.round(result.ratio(), 2)).isEqualByComparingTo("0.00");
        assertThat(Rounding.round(result.upperShadowRatio(), 2)).isEqualByComparingTo("0.00");
        assertThat(result.triggered()).isFalse();
    }

    @Test
    void zeroCurrentLowIsInvalid() {
        assertThatThrownBy(() -> workedExample(51000, 0, 100))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.field()).isEqualTo("low_price");
                    assertThat(e.value()).isZero();
                });
    }

    @Test
    void currentHighBelowLowIsInvalid() {
        assertThatThrownBy(() -> workedExample(99, 100, 99.5))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.field()).isEqualTo("high_price"));
    }

    @Test
    void historyLowOfZeroIsRejected() {
        double[] high = concat(repeat(110, 30), of(130));
        double[] low = concat(repeat(100, 10), of(0), repeat(100, 20));
        double[] close = concat(repeat(105, 30), of(112));

        assertThatThrownBy(() -> detector.detect(high, low, close, 0, 31))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.field()).isEqualTo("low_price"));
    }

    @Test
    void anchorRatioThree() {
        AmplitudeDetector.Result result = anchor(130, 115);

        assertThat(result.currentAmplitude()).isCloseTo(30, within(1e-9));
        assertThat(result.ratio()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void anchorShadowSeventyFive() {
        assertThat(anchor(120, 105).upperShadowRatio()).isCloseTo(75, within(1e-9));
    }

    @Test
    void anchorShadowSixtyTriggers() {
        AmplitudeDetector.Result result = anchor(130, 112);

        assertThat(result.upperShadowRatio()).isCloseTo(60, within(1e-9));
        assertThat(result.triggered()).isTrue();
    }

    @Test
    void anchorShadowOneThirdDoesNotTrigger() {
        AmplitudeDetector.Result result = anchor(130, 120);

        assertThat(Rounding.round(result.upperShadowRatio(), 2)).isEqualByComparingTo("33.33");
        assertThat(result.triggered()).isFalse();
    }

    @Test
    void anchorRatioTwoDoesNotTrigger() {
        AmplitudeDetector.Result result = anchor(120, 108);

        assertThat(result.ratio()).isCloseTo(2.0, within(1e-9));
        assertThat(result.upperShadowRatio()).isCloseTo(60, within(1e-9));
        assertThat(result.triggered()).isFalse();
    }

    @Test
    void needsLookbackPlusOneBars() {
        assertThatThrownBy(() -> detector.detect(repeat(110, 10), repeat(100, 10), repeat(105, 10), 0, 10))
                .isInstanceOfSatisfying(DataInsufficientException.class, e -> {
                    assertThat(e.required()).isEqualTo(31);
                    assertThat(e.actual()).isEqualTo(10);
                });
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new AmplitudeDetector(101, 3, 0.5))
                .hasMessage("lookback_period out of range, expected [5, 100], actual 101");
        assertThatThrownBy(() -> new AmplitudeDetector(30, -1, 0.5))
                .hasMessage("amplitude_threshold must be > 0, got -1");
        assertThatThrownBy(() -> new AmplitudeDetector(30, 3, 1.5))
                .hasMessage("upper_shadow_threshold must be in [0, 1], got 1.5");
    }
}
