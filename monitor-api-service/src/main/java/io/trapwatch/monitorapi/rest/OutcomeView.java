package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.monitorapi.domain.DecimalText;
import io.trapwatch.monitorapi.repository.OutcomeRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A monitor's outcome (decision D18): short at the close of the bar after the trigger, observed for
 * {@code observation_bars} bars. Prices are decimal strings with every digit; percentages numbers with 2 decimals.
 * The top-level exit is the reference's (hold to the end of the window); {@code invalidation_stop} is the exit at
 * the first close above the trigger price inside the window.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Outcome")
public record OutcomeView(
        @Schema(enumeration = {"insufficient_data", "open", "completed"}) String status,
        @Schema(description = "Window length; 0 = every bar since the entry") int observationBars,
        @Schema(description = "Bars observed after the entry bar (m); null without an entry") Integer barsObserved,
        @Schema(description = "Open time of the entry bar (the first bar after the trigger)") Instant entryTime,
        @Schema(description = "Close of the entry bar") String entryPrice,
        Instant lowestTime,
        String lowestPrice,
        @Schema(description = "Index of the lowest bar, entry bar = 0") Integer barsToLowest,
        @Schema(description = "(entry − lowest low) / entry × 100") BigDecimal maxProfitPercent,
        @Schema(description = "rebound_percent ≥ 20 (unrounded)") boolean hasRebound,
        String reboundHighPrice,
        @Schema(description = "(rebound high − lowest low) / lowest low × 100, over the bars from lowest + 3 on") BigDecimal reboundPercent,
        @Schema(description = "Largest (high − entry) / entry × 100 after the entry bar, else 0") BigDecimal maxDrawdownPercent,
        @Schema(description = "Hold exit: open time of the last observed bar") Instant exitTime,
        String exitPrice,
        @Schema(description = "(entry − exit) / entry × 100") BigDecimal finalProfitPercent,
        @Schema(description = "final_profit_percent > 0 (exactly 0 is a loss)") Boolean isProfitable,
        ExitView invalidationStop,
        int version,
        Instant updatedAt) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "OutcomeExit")
    public record ExitView(Instant exitTime, String exitPrice, BigDecimal finalProfitPercent, Boolean isProfitable,
                           @Schema(enumeration = {"invalidation", "window_end"}) String exitedBy) {
    }

    static OutcomeView of(OutcomeRow o) {
        ExitView stop = o.stopExitTime() == null ? null : new ExitView(o.stopExitTime(), DecimalText.of(o.stopExitPrice()),
                o.stopProfitPercent(), o.stopProfitPercent().signum() > 0, o.stopExitedBy());
        return new OutcomeView(o.status(), o.observationBars(), o.barsObserved(), o.entryTime(),
                DecimalText.of(o.entryPrice()), o.lowestTime(), DecimalText.of(o.lowestPrice()), o.barsToLowest(),
                o.maxProfitPercent(), o.hasRebound(), DecimalText.of(o.reboundHighPrice()), o.reboundPercent(),
                o.maxDrawdownPercent(), o.holdExitTime(), DecimalText.of(o.holdExitPrice()), o.holdProfitPercent(),
                o.holdProfitPercent() == null ? null : o.holdProfitPercent().signum() > 0, stop, o.version(), o.updatedAt());
    }
}
