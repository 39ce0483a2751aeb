package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.monitorapi.domain.IndicatorSnapshotView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

/** A monitor in the list. Decimals are strings with every digit stored; times are UTC ISO-8601. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "MonitorSummary")
public record MonitorSummaryView(
        @Schema(description = "This service's id of the monitor (stable unless the read model is rebuilt)") long id,
        @Schema(description = "Cross-service identity: market:symbol:interval:trigger-open-time-ms") String monitorKey,
        @Schema(enumeration = {"spot", "futures"}) String marketType,
        String symbol,
        @Schema(enumeration = {"1h", "4h", "1d"}) String interval,
        @Schema(enumeration = {"pending", "suspected_abandonment", "confirmed_abandonment", "invalidated", "expired"}) String status,
        @Schema(description = "Open time of the discovery bar") Instant triggerTime,
        @Schema(description = "Close of the discovery bar, full precision") String triggerPrice,
        String triggerVolume,
        String triggerHigh,
        String triggerLow,
        @JsonProperty("phase_1_passed") boolean phase1Passed,
        @JsonProperty("phase_2_passed") boolean phase2Passed,
        @JsonProperty("phase_3_passed") boolean phase3Passed,
        @Schema(description = "Close of the newest bar seen for the series (decimal string), null if none") String currentPrice,
        @Schema(description = "(current − trigger) / trigger × 100, 2 decimals; null without a current price or with a zero trigger price")
        BigDecimal priceChangePercent,
        @Schema(description = "Snapshot of the latest transition", implementation = IndicatorSnapshotView.class)
        @JsonRawValue String latestIndicators,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "What happened after the trigger (decision D18); null until detection-service published it")
        OutcomeView outcome) {

    /** The reference API's name for {@link #triggerHigh} (its list and detail bodies), served beside ours. */
    @JsonProperty("trigger_kline_high")
    @Schema(description = "Same as trigger_high, under the reference API's name")
    public String triggerKlineHigh() {
        return triggerHigh;
    }

    /** The reference API's name for {@link #triggerLow}, served beside ours. */
    @JsonProperty("trigger_kline_low")
    @Schema(description = "Same as trigger_low, under the reference API's name")
    public String triggerKlineLow() {
        return triggerLow;
    }
}
