package io.trapwatch.detection.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trapwatch.detection.domain.DetectionSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration → engine settings, through the real SmallRye config mapping. */
class DetectionSettingsFactoryTest {

    private static DetectionConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DetectionConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(DetectionConfig.class);
    }

    @Test
    void absentKeysKeepTheEngineDefaults() {
        assertThat(DetectionSettingsFactory.from(config(Map.of()))).isEqualTo(DetectionSettings.defaults());
    }

    @Test
    void configuredValuesOverrideTheDefaults() {
        DetectionSettings s = DetectionSettingsFactory.from(config(Map.of(
                "trapwatch.detection.rvol-threshold", "7.5",
                "trapwatch.detection.confirmation-max-bars", "6")));
        assertThat(s.rvolThreshold()).isEqualTo(7.5);
        assertThat(s.confirmationMaxBars()).isEqualTo(6);
        assertThat(s.amplitudeThreshold()).isEqualTo(DetectionSettings.defaults().amplitudeThreshold());
    }

    @Test
    void anOutOfRangeValueAbortsWithThePropertyAndEnvironmentName() {
        assertThatThrownBy(() -> DetectionSettingsFactory.from(config(Map.of("trapwatch.detection.rvol-threshold", "-1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trapwatch.detection.rvol-threshold")
                .hasMessageContaining("TRAPWATCH_DETECTION_RVOL_THRESHOLD");
    }

    @Test
    void aValueOfTheWrongTypeIsRejectedByTheMappingNamingTheProperty() {
        assertThatThrownBy(() -> config(Map.of("trapwatch.detection.atr-period", "fourteen")))
                .hasMessageContaining("trapwatch.detection.atr-period");
    }
}
