package io.trapwatch.detection.domain;

import java.util.Map;

/**
 * Thresholds and windows of the detection engine, with the reference's defaults. Thresholds are
 * decimals (decision D17.8); windows count stored bars (D17.1).
 *
 * @param rvolThreshold            RVOL ratio that triggers, {@code > 0}
 * @param rvolLookback             bars averaged for RVOL, in [5, 100]
 * @param amplitudeThreshold       amplitude ratio that triggers, {@code > 0}
 * @param amplitudeLookback        bars averaged for the amplitude, in [5, 100]
 * @param upperShadowThreshold     minimum upper shadow as a fraction of the range, in [0, 1]
 * @param volumeRetentionThreshold retention percentage below which volume has dried up, in (0, 100]
 * @param peMultiplier             factor by which post-trigger price efficiency must exceed the history, {@code > 0}
 * @param peHistoricalPeriod       bars ending at the trigger bar used as efficiency history, {@code >= 1}
 * @param atrCompressionThreshold  fraction of the mean ATR the current ATR must fall below, in [0, 1]
 * @param atrPeriod                EMA span of the ATR, {@code >= 1}
 * @param confirmationMinBars      first post-trigger bar on which confirmation is evaluated, {@code >= 1}
 * @param confirmationMaxBars      last post-trigger bar on which it is evaluated (and the retention cap)
 * @param validationWindow         bars ending at the current bar fed to MA, OBV and ATR, {@code >= 30}
 * @param validationMaxBars        bars after the confirming bar on which validation may still pass, {@code >= 0}
 */
public record DetectionSettings(
        double rvolThreshold,
        int rvolLookback,
        double amplitudeThreshold,
        int amplitudeLookback,
        double upperShadowThreshold,
        double volumeRetentionThreshold,
        double peMultiplier,
        int peHistoricalPeriod,
        double atrCompressionThreshold,
        int atrPeriod,
        int confirmationMinBars,
        int confirmationMaxBars,
        int validationWindow,
        int validationMaxBars) {

    /** MA(25) needs 26 bars, OBV and the ATR baseline need 30. */
    static final int MIN_VALIDATION_WINDOW = 30;

    public static DetectionSettings defaults() {
        return new DetectionSettings(8, 20, 3, 30, 0.5, 15, 2.0, 30, 0.5, 14, 3, 5, 30, 30);
    }

    /** @throws IllegalArgumentException naming the first offending key (snake_case), its bound and its value */
    public DetectionSettings validate() {
        Parameters.requirePositive("rvol_threshold", rvolThreshold);
        Parameters.requireInRange("rvol_lookback", rvolLookback, 5, 100);
        Parameters.requirePositive("amplitude_threshold", amplitudeThreshold);
        Parameters.requireInRange("amplitude_lookback", amplitudeLookback, 5, 100);
        Parameters.requireFraction("upper_shadow_threshold", upperShadowThreshold);
        Parameters.requirePercent("volume_retention_threshold", volumeRetentionThreshold);
        Parameters.requirePositive("pe_multiplier", peMultiplier);
        Parameters.requireInRange("pe_historical_period", peHistoricalPeriod, 1, 1000);
        Parameters.requireFraction("atr_compression_threshold", atrCompressionThreshold);
        Parameters.requireInRange("atr_period", atrPeriod, 1, 1000);
        Parameters.requireInRange("confirmation_max_bars", confirmationMaxBars, 1, 1000);
        Parameters.requireInRange("confirmation_min_bars", confirmationMinBars, 1, confirmationMaxBars);
        Parameters.requireInRange("validation_window", validationWindow, MIN_VALIDATION_WINDOW, 1000);
        Parameters.requireInRange("validation_max_bars", validationMaxBars, 0, 1000);
        return this;
    }

    /**
     * A validated copy with the given thresholds replaced. Accepted keys: {@code rvol_threshold},
     * {@code amplitude_threshold}, {@code upper_shadow_threshold},
     * {@code volume_retention_threshold}, {@code pe_multiplier}, {@code atr_compression_threshold}.
     *
     * @throws IllegalArgumentException for an unknown key, a null value or a value out of bounds
     */
    public DetectionSettings withOverrides(Map<String, Double> overrides) {
        DetectionSettings changed = this;
        for (Map.Entry<String, Double> entry : overrides.entrySet()) {
            String key = entry.getKey();
            if (!THRESHOLD_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown setting " + key + ", expected one of " + THRESHOLD_KEYS);
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException(key + " must be a number, got null");
            }
            changed = changed.with(key, entry.getValue());
        }
        return changed.validate();
    }

    /** The thresholds a dry-run scan may override (snake_case, as in the configuration). */
    public static final java.util.List<String> THRESHOLD_KEYS = java.util.List.of("rvol_threshold",
            "amplitude_threshold", "upper_shadow_threshold", "volume_retention_threshold", "pe_multiplier",
            "atr_compression_threshold");

    /** Every setting a sweep grid may vary (snake_case, as in the configuration). */
    public static final java.util.List<String> SETTING_KEYS = java.util.List.of("rvol_threshold", "rvol_lookback",
            "amplitude_threshold", "amplitude_lookback", "upper_shadow_threshold", "volume_retention_threshold",
            "pe_multiplier", "pe_historical_period", "atr_compression_threshold", "atr_period", "confirmation_min_bars",
            "confirmation_max_bars", "validation_window", "validation_max_bars");

    /**
     * A copy with one setting replaced (not yet validated: a combination is validated as a whole).
     *
     * @throws IllegalArgumentException for an unknown key, or a fraction where a bar count is expected
     */
    public DetectionSettings with(String key, double value) {
        double rvol = rvolThreshold, amplitude = amplitudeThreshold, shadow = upperShadowThreshold;
        double retention = volumeRetentionThreshold, pe = peMultiplier, atr = atrCompressionThreshold;
        int rvolLb = rvolLookback, ampLb = amplitudeLookback, peHist = peHistoricalPeriod, atrP = atrPeriod;
        int confMin = confirmationMinBars, confMax = confirmationMaxBars, window = validationWindow;
        int valMax = validationMaxBars;
        switch (key) {
            case "rvol_threshold" -> rvol = value;
            case "amplitude_threshold" -> amplitude = value;
            case "upper_shadow_threshold" -> shadow = value;
            case "volume_retention_threshold" -> retention = value;
            case "pe_multiplier" -> pe = value;
            case "atr_compression_threshold" -> atr = value;
            case "rvol_lookback" -> rvolLb = count(key, value);
            case "amplitude_lookback" -> ampLb = count(key, value);
            case "pe_historical_period" -> peHist = count(key, value);
            case "atr_period" -> atrP = count(key, value);
            case "confirmation_min_bars" -> confMin = count(key, value);
            case "confirmation_max_bars" -> confMax = count(key, value);
            case "validation_window" -> window = count(key, value);
            case "validation_max_bars" -> valMax = count(key, value);
            default -> throw new IllegalArgumentException("unknown setting " + key + ", expected one of " + SETTING_KEYS);
        }
        return new DetectionSettings(rvol, rvolLb, amplitude, ampLb, shadow, retention, pe, peHist, atr, atrP, confMin,
                confMax, window, valMax);
    }

    private static int count(String key, double value) {
        if (value != Math.rint(value) || Math.abs(value) > 1_000_000) {
            throw new IllegalArgumentException(key + " is a number of bars and must be a whole number, got " + value);
        }
        return (int) value;
    }
}
