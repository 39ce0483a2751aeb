package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectionSettingsTest {

    private final DetectionSettings defaults = DetectionSettings.defaults();

    @Test
    void defaultsAreTheReferenceValues() {
        assertThat(defaults).isEqualTo(new DetectionSettings(8, 20, 3, 30, 0.5, 15, 2.0, 30, 0.5, 14, 3, 5, 30, 30));
        assertThat(defaults.validate()).isSameAs(defaults);
    }

    @Test
    void overridesReplaceThresholds() {
        DetectionSettings changed = defaults.withOverrides(Map.of(
                "rvol_threshold", 7.5,
                "amplitude_threshold", 2.5,
                "upper_shadow_threshold", 0.6,
                "volume_retention_threshold", 12.5,
                "pe_multiplier", 3.0,
                "atr_compression_threshold", 0.4));

        assertThat(changed).isEqualTo(new DetectionSettings(7.5, 20, 2.5, 30, 0.6, 12.5, 3.0, 30, 0.4, 14, 3, 5, 30, 30));
        assertThat(defaults.withOverrides(Map.of())).isEqualTo(defaults);
    }

    @Test
    void unknownOverrideIsNamed() {
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("rvol_lookback", 10.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown setting rvol_lookback");
    }

    @Test
    void overridesAreValidated() {
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("rvol_threshold", -1.0)))
                .hasMessage("rvol_threshold must be > 0, got -1");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("volume_retention_threshold", 0.0)))
                .hasMessage("volume_retention_threshold must be in (0, 100], got 0");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("upper_shadow_threshold", 50.0)))
                .hasMessage("upper_shadow_threshold must be in [0, 1], got 50");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("atr_compression_threshold", 1.01)))
                .hasMessage("atr_compression_threshold must be in [0, 1], got 1.01");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("pe_multiplier", Double.NaN)))
                .hasMessage("pe_multiplier must be > 0, got NaN");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("amplitude_threshold", 0.0)))
                .hasMessage("amplitude_threshold must be > 0, got 0");
    }

    @Test
    void windowsAreValidated() {
        assertThatThrownBy(() -> new DetectionSettings(8, 4, 3, 30, 0.5, 15, 2, 30, 0.5, 14, 3, 5, 30, 30).validate())
                .hasMessage("rvol_lookback out of range, expected [5, 100], actual 4");
        assertThatThrownBy(() -> new DetectionSettings(8, 20, 3, 101, 0.5, 15, 2, 30, 0.5, 14, 3, 5, 30, 30).validate())
                .hasMessage("amplitude_lookback out of range, expected [5, 100], actual 101");
        assertThatThrownBy(() -> new DetectionSettings(8, 20, 3, 30, 0.5, 15, 2, 30, 0.5, 14, 0, 5, 30, 30).validate())
                .hasMessage("confirmation_min_bars out of range, expected [1, 5], actual 0");
        assertThatThrownBy(() -> new DetectionSettings(8, 20, 3, 30, 0.5, 15, 2, 30, 0.5, 14, 6, 5, 30, 30).validate())
                .hasMessage("confirmation_min_bars out of range, expected [1, 5], actual 6");
        assertThatThrownBy(() -> new DetectionSettings(8, 20, 3, 30, 0.5, 15, 2, 30, 0.5, 14, 3, 5, 29, 30).validate())
                .hasMessage("validation_window out of range, expected [30, 1000], actual 29");
        assertThatThrownBy(() -> new DetectionSettings(8, 20, 3, 30, 0.5, 15, 2, 30, 0.5, 14, 3, 5, 30, -1).validate())
                .hasMessage("validation_max_bars out of range, expected [0, 1000], actual -1");
    }

    @Test
    void nullOverrideValueIsRejected() {
        Map<String, Double> overrides = new java.util.HashMap<>();
        overrides.put("pe_multiplier", null);

        assertThatThrownBy(() -> defaults.withOverrides(overrides)).hasMessage("pe_multiplier must be a number, got null");
    }
}
