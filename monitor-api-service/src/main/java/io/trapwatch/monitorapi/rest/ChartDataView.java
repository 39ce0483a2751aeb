package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.monitorapi.client.KlineBar;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Bars around a monitor (30 bars before its trigger bar to 60 after) with its trigger and transition markers and MAs. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "ChartData")
public record ChartDataView(long monitorId, String marketType, String symbol, String interval, String status,
                            Instant windowStart, Instant windowEnd, List<KlineBar> klines, Marker triggerMarker,
                            List<Marker> markers,
                            @Schema(description = "Mean of the 7 closes up to each bar (aligned with klines, decimal strings); null where fewer exist")
                            List<String> ma7,
                            @Schema(description = "Mean of the 25 closes up to each bar (aligned with klines, decimal strings); null where fewer exist")
                            List<String> ma25) {

    /** A point on the chart: the bar's open time, the price there, and for transitions the status reached and why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ChartMarker")
    public record Marker(Instant time, String price, String status, String reason) {
    }
}
