package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;

import static io.trapwatch.detection.domain.TestArrays.of;
import static io.trapwatch.detection.domain.TestArrays.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeRetentionDetectorTest {

    private final VolumeRetentionDetector detector = new VolumeRetentionDetector(15, 3, 5);

    private static VolumeRetentionDetector.Result detect(VolumeRetentionDetector detector, double triggerVolume,
                                                          double... post) {
        return detector.detect(triggerVolume, post, 0, post.length);
    }

    @Test
    void averagesTheFirstFiveBars() {
        VolumeRetentionDetector.Result result = detect(detector, 20000, 2400, 1800, 1500, 1300, 1000, 900);

        assertThat(Rounding.round(result.avgVolumePost(), 2)).isEqualByComparingTo("1600.00");
        assertThat(Rounding.round(result.retentionRatio(), 2)).isEqualByComparingTo("8.00");
        assertThat(result.postKlineCount()).isEqualTo(5);
        assertThat(result.triggered()).isTrue();
    }

    @Test
    void retentionEqualToThresholdIsNotTriggered() {
        VolumeRetentionDetector.Result result = detect(detector, 20000, 3000, 3000, 3000);

        assertThat(Rounding.round(result.avgVolumePost(), 2)).isEqualByComparingTo("3000.00");
        assertThat(Rounding.round(result.retentionRatio(), 2)).isEqualByComparingTo("15.00");
        assertThat(result.postKlineCount()).isEqualTo(3);
        assertThat(result.triggered()).isFalse();
    }

    @Test
    void twoBarsAreInsufficient() {
        assertThatThrownBy(() -> detect(detector, 8000, 1000, 1000))
                .isInstanceOfSatisfying(DataInsufficientException.class, e -> {
                    assertThat(e.required()).isEqualTo(3);
                    assertThat(e.actual()).isEqualTo(2);
                });
    }

    @Test
    void zeroTriggerVolumeIsInvalid() {
        assertThatThrownBy(() -> detect(detector, 0, 1000, 1000, 1000))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.field()).isEqualTo("trigger_volume");
                    assertThat(e.value()).isZero();
                });
    }

    @Test
    void referenceAnchors() {
        VolumeRetentionDetector.Result threeBars = detect(detector, 8000, repeat(1000, 3));
        assertThat(threeBars.retentionRatio()).isEqualTo(12.5);
        assertThat(threeBars.triggered()).isTrue();

        VolumeRetentionDetector.Result fiveBars = detect(detector, 10000, 1200, 1000, 800, 1100, 900);
        assertThat(fiveBars.avgVolumePost()).isEqualTo(1000);
        assertThat(fiveBars.retentionRatio()).isEqualTo(10);
        assertThat(fiveBars.postKlineCount()).isEqualTo(5);

        VolumeRetentionDetector.Result small = detect(detector, 5000, 500, 600, 700);
        assertThat(small.avgVolumePost()).isEqualTo(600);
        assertThat(small.retentionRatio()).isEqualTo(12);

        VolumeRetentionDetector.Result sevenBars = detect(detector, 10000, 1000, 1100, 900, 1200, 800, 1300, 700);
        assertThat(sevenBars.avgVolumePost()).isEqualTo(1000);
        assertThat(sevenBars.postKlineCount()).isEqualTo(5);
    }

    @Test
    void thresholdDecides() {
        assertThat(detect(new VolumeRetentionDetector(8, 3, 5), 10000, repeat(1000, 3)).triggered()).isFalse();
        assertThat(detect(new VolumeRetentionDetector(12, 3, 5), 10000, repeat(1000, 3)).triggered()).isTrue();
    }

    @Test
    void readsOnlyTheGivenRange() {
        double[] volume = of(99999, 2400, 1800, 1500, 1300, 1000, 99999);

        VolumeRetentionDetector.Result result = detector.detect(20000, volume, 1, 4);

        assertThat(result.avgVolumePost()).isEqualTo(1900);
        assertThat(result.postKlineCount()).isEqualTo(3);
    }

    @Test
    void thresholdMustBeAPercentage() {
        assertThatThrownBy(() -> new VolumeRetentionDetector(0, 3, 5))
                .hasMessage("volume_retention_threshold must be in (0, 100], got 0");
        assertThatThrownBy(() -> new VolumeRetentionDetector(100.5, 3, 5))
                .hasMessage("volume_retention_threshold must be in (0, 100], got 100.5");
    }
}
