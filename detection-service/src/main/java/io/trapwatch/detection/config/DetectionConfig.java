package io.trapwatch.detection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Detector thresholds and windows ({@code trapwatch.detection.*}, environment {@code TRAPWATCH_DETECTION_*}).
 * Every detector value is optional here: an absent key keeps the engine's own default
 * ({@code DetectionSettings.defaults()}), so the defaults live in one place.
 */
@ConfigMapping(prefix = "trapwatch.detection")
public interface DetectionConfig {

    OptionalDouble rvolThreshold();

    OptionalInt rvolLookback();

    OptionalDouble amplitudeThreshold();

    OptionalInt amplitudeLookback();

    OptionalDouble upperShadowThreshold();

    OptionalDouble volumeRetentionThreshold();

    OptionalDouble peMultiplier();

    OptionalInt peHistoricalPeriod();

    OptionalDouble atrCompressionThreshold();

    OptionalInt atrPeriod();

    OptionalInt confirmationMinBars();

    OptionalInt confirmationMaxBars();

    OptionalInt validationWindow();

    OptionalInt validationMaxBars();

    Outbox outbox();

    Scan scan();

    Outcome outcome();

    interface Outbox {
        /**
         * Period of the scheduled drain, {@code off} disables it (a commit that wrote events also triggers
         * one at once). Read by the scheduler's expression; declared here so the key is documented and known.
         */
        @WithDefault("200ms")
        String drainEvery();

        /** How long the drainer waits for the broker's acknowledgement of a batch. */
        @WithDefault("10s")
        Duration ackTimeout();

        @WithDefault("500")
        int batchSize();
    }

    interface Outcome {
        /**
         * Bars observed after a monitor's entry bar before its outcome is complete (decision D18: a short at the
         * close of the bar after the trigger, watched for this many bars); 0 = every bar since the entry (the outcome
         * then stays open). Outcomes stored with another value are recomputed at start-up.
         */
        @WithDefault("30")
        int observationBars();
    }

    interface Scan {
        /** Scans running at the same time; further scans queue. */
        @WithDefault("2")
        int threads();

        /** Series of one scan processed in parallel. */
        @WithDefault("4")
        int seriesParallelism();
    }
}
