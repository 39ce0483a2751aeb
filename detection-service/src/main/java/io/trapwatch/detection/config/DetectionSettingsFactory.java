package io.trapwatch.detection.config;

import io.quarkus.runtime.Startup;
import io.trapwatch.detection.domain.DetectionSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the configuration into the engine's {@link DetectionSettings} and validates it once, at start-up:
 * a bad value aborts the start with a message naming the property and its environment variable.
 */
@ApplicationScoped
public class DetectionSettingsFactory {

    private static final Pattern SNAKE_KEY = Pattern.compile("\\b([a-z0-9]+(?:_[a-z0-9]+)+)\\b");

    @Produces
    @Singleton
    @Startup
    DetectionSettings settings(DetectionConfig config) {
        return from(config);
    }

    /** Configured values over the engine defaults, validated. */
    public static DetectionSettings from(DetectionConfig c) {
        DetectionSettings d = DetectionSettings.defaults();
        DetectionSettings merged = new DetectionSettings(
                c.rvolThreshold().orElse(d.rvolThreshold()),
                c.rvolLookback().orElse(d.rvolLookback()),
                c.amplitudeThreshold().orElse(d.amplitudeThreshold()),
                c.amplitudeLookback().orElse(d.amplitudeLookback()),
                c.upperShadowThreshold().orElse(d.upperShadowThreshold()),
                c.volumeRetentionThreshold().orElse(d.volumeRetentionThreshold()),
                c.peMultiplier().orElse(d.peMultiplier()),
                c.peHistoricalPeriod().orElse(d.peHistoricalPeriod()),
                c.atrCompressionThreshold().orElse(d.atrCompressionThreshold()),
                c.atrPeriod().orElse(d.atrPeriod()),
                c.confirmationMinBars().orElse(d.confirmationMinBars()),
                c.confirmationMaxBars().orElse(d.confirmationMaxBars()),
                c.validationWindow().orElse(d.validationWindow()),
                c.validationMaxBars().orElse(d.validationMaxBars()));
        try {
            return merged.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(describe(e.getMessage()), e);
        }
    }

    /** Adds the property and environment names to the engine's message, which names the snake_case key. */
    static String describe(String engineMessage) {
        Matcher m = SNAKE_KEY.matcher(engineMessage == null ? "" : engineMessage);
        if (!m.find()) {
            return "invalid trapwatch.detection configuration: " + engineMessage;
        }
        String key = m.group(1);
        return "invalid configuration trapwatch.detection." + key.replace('_', '-')
                + " (environment TRAPWATCH_DETECTION_" + key.toUpperCase() + "): " + engineMessage;
    }
}
