package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.monitorapi.domain.DecimalText;
import io.trapwatch.monitorapi.repository.OutcomeRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A backtest result: one monitor's outcome with the monitor it belongs to. {@code id} is the monitor's id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "BacktestResult")
public record BacktestView(
        @Schema(description = "The monitor's id (GET /api/volume-trap/monitors/{id}/)") long id,
        String monitorKey,
        String marketType,
        String symbol,
        String interval,
        @Schema(description = "The monitor's current status") String monitorStatus,
        Instant triggerTime,
        String triggerPrice,
        @JsonUnwrapped OutcomeView outcome) {

    static BacktestView of(OutcomeRow o) {
        return new BacktestView(o.monitorId(), o.monitorKey(), o.marketType(), o.symbol(), o.interval(), o.monitorStatus(),
                o.triggerTime(), DecimalText.of(o.triggerPrice()), OutcomeView.of(o));
    }
}
