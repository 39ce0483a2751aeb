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

    /** RVOL at or above which a bar can be a discovery (detector spec §1). */
    OptionalDouble rvolThreshold();

    /** Bars before the current one whose mean volume RVOL compares against. */
    OptionalInt rvolLookback();

    /** Amplitude ratio at or above which a bar's range is abnormal (§2). */
    OptionalDouble amplitudeThreshold();

    /** Bars before the current one whose mean amplitude the ratio compares against. */
    OptionalInt amplitudeLookback();

    /** Smallest upper shadow, as a fraction of the range, of a discovery bar. */
    OptionalDouble upperShadowThreshold();

    /** Retention (percent of the trigger volume) below which the buyers have left (§3). */
    OptionalDouble volumeRetentionThreshold();

    /** How many times its historical efficiency the recent price efficiency must exceed (§5). */
    OptionalDouble peMultiplier();

    /** Historical bars (ending at the trigger bar) the price efficiency compares against. */
    OptionalInt peHistoricalPeriod();

    /** ATR ratio at or below which volatility counts as compressed (§8). */
    OptionalDouble atrCompressionThreshold();

    /** Bars of the ATR. */
    OptionalInt atrPeriod();

    /** First post-trigger bar on which confirmation is evaluated (D5: the 3rd). */
    OptionalInt confirmationMinBars();

    /** Last post-trigger bar on which confirmation is evaluated; not confirmed by then = expired (D5: the 5th). */
    OptionalInt confirmationMaxBars();

    /** Bars of the validation window (MA, OBV and ATR), ending at the evaluated bar (D6: 30). */
    OptionalInt validationWindow();

    /** Bars after the confirming bar within which validation must pass; not by then = expired (D6: 30). */
    OptionalInt validationMaxBars();

    /** The monitor-event outbox drainer. */
    Outbox outbox();

    /** Catch-up and dry-run scans. */
    Scan scan();

    /** Monitor outcomes (decision D18: what a short from the bar after the trigger made). */
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

        /** Outbox rows published per drain round trip. */
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
