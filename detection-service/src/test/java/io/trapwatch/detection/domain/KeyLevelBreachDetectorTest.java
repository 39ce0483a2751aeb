package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyLevelBreachDetectorTest {

    private final KeyLevelBreachDetector detector = new KeyLevelBreachDetector();

    @ParameterizedTest
    @CsvSource({
            "0.0520, 0.0440, 0.0431, 0.04800000, 0.04400000, 2.05, true",
            "0.0520, 0.0440, 0.0440, 0.04800000, 0.04400000, 0.00, false",
            "51000,  49000,  48500,  50000,      49000,      1.02, true",
            "100000, 95000,  94000,  97500,      95000,      1.05, true",
            "50000,  50000,  49500,  50000,      50000,      1.00, true"
    })
    void workedExamples(double high, double low, double close, String midpoint, String keyLevel, String breach,
                        boolean triggered) {
        KeyLevelBreachDetector.Result result = detector.detect(high, low, close);

        assertThat(Rounding.round(result.midpoint(), 8)).isEqualByComparingTo(midpoint);
        assertThat(Rounding.round(result.keyLevel(), 8)).isEqualByComparingTo(keyLevel);
        assertThat(Rounding.round(result.breachPercentage(), 2)).isEqualByComparingTo(breach);
        assertThat(result.triggered()).isEqualTo(triggered);
    }

    @Test
    void highBelowLowIsInvalid() {
        assertThatThrownBy(() -> detector.detect(48000, 49000, 50000))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.field()).isEqualTo("trigger_high");
                    assertThat(e.context()).contains("trigger_high", "< trigger_low");
                });
    }

    @Test
    void nonPositivePricesAreInvalidInOrder() {
        assertThatThrownBy(() -> detector.detect(0, 0, 0))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.field()).isEqualTo("trigger_high"));
        assertThatThrownBy(() -> detector.detect(1, 0, 0))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.field()).isEqualTo("trigger_low"));
        assertThatThrownBy(() -> detector.detect(1, 1, -2))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.field()).isEqualTo("current_close");
                    assertThat(e.value()).isEqualTo(-2);
                });
    }
}
