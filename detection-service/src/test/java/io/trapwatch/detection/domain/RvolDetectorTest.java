package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.trapwatch.detection.domain.TestArrays.concat;
import static io.trapwatch.detection.domain.TestArrays.of;
import static io.trapwatch.detection.domain.TestArrays.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RvolDetectorTest {

    private final RvolDetector detector = new RvolDetector(20, 8);

    /** detectors.md §1.6: ten bars of 800 then ten of 1200 average 1000. */
    private static double[] withCurrent(double current) {
        return concat(repeat(800, 10), repeat(1200, 10), of(current));
    }

    @ParameterizedTest
    @CsvSource({
            "8500,    8.50, 8500.00, true",
            "8000,    8.00, 8000.00, true",
            "7999.99, 8.00, 7999.99, false"
    })
    void workedExamples(double current, String ratio, String currentVolume, boolean triggered) {
        RvolDetector.Result result = detector.detect(withCurrent(current), 0, 21);

        assertThat(Rounding.round(result.ratio(), 2)).isEqualByComparingTo(ratio);
        assertThat(Rounding.round(result.maVolume(), 2)).isEqualByComparingTo("1000.00");
        assertThat(Rounding.round(result.currentVolume(), 2)).isEqualByComparingTo(currentVolume);
        assertThat(result.triggered()).isEqualTo(triggered);
    }

    @Test
    void decidesOnTheUnroundedRatio() {
        RvolDetector.Result result = detector.detect(withCurrent(7999.99), 0, 21);

        assertThat(result.ratio()).isCloseTo(7.99999, within(1e-12));
        assertThat(result.triggered()).isFalse();
    }

    @Test
    void zeroCurrentVolumeIsInvalid() {
        assertThatThrownBy(() -> detector.detect(withCurrent(0), 0, 21))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.field()).isEqualTo("volume");
                    assertThat(e.value()).isZero();
                });
    }

    @Test
    void tenBarsAreInsufficient() {
        assertThatThrownBy(() -> detector.detect(repeat(1000, 10), 0, 10))
                .isInstanceOfSatisfying(DataInsufficientException.class, e -> {
                    assertThat(e.required()).isEqualTo(21);
                    assertThat(e.actual()).isEqualTo(10);
                    assertThat(e.symbol()).isEqualTo("N/A");
                    assertThat(e.interval()).isEqualTo("N/A");
                    assertThat(e.getMessage()).contains("21", "10");
                });
    }

    @Test
    void historyWithoutVolumeGivesRatioZero() {
        RvolDetector.Result result = detector.detect(concat(repeat(0, 20), of(500)), 0, 21);

        assertThat(result.ratio()).isZero();
        assertThat(result.triggered()).isFalse();
    }

    @Test
    void readsOnlyTheLastLookbackBarsOfTheRange() {
        double[] volume = concat(repeat(1_000_000, 5), withCurrent(8500), repeat(1, 3));

        RvolDetector.Result result = detector.detect(volume, 2, 26);

        assertThat(result.maVolume()).isEqualTo(1000);
        assertThat(result.ratio()).isEqualTo(8.5);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new RvolDetector(4, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lookback_period out of range, expected [5, 100], actual 4");
        assertThatThrownBy(() -> new RvolDetector(20, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rvol_threshold must be > 0, got 0");
    }
}
