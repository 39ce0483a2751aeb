package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.monitorapi.repository.DailyOpenings;
import io.trapwatch.monitorapi.repository.PhaseReach;
import io.trapwatch.monitorapi.repository.StatusCount;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Counts of the monitor pool. {@code by_status} lists each non-empty (market type, interval, status) cell;
 * "opened" counts monitors whose trigger time lies within the last 24 hours / 7 days before {@code as_of};
 * {@code opened_per_day} and {@code phase_reach} feed the dashboard's statistics page.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Statistics")
public record StatisticsView(List<StatusCount> byStatus,
                             @JsonProperty("opened_last_24h") @Schema(description = "Per market type: monitors triggered in the last 24 h") Map<String, Long> openedLast24h,
                             @JsonProperty("opened_last_7d") @Schema(description = "Per market type: monitors triggered in the last 7 days") Map<String, Long> openedLast7d,
                             long total,
                             Instant asOf,
                             @Schema(description = "Monitors per UTC date of their trigger time and market type, ascending; days without monitors left out")
                             List<DailyOpenings> openedPerDay,
                             @Schema(description = "Per market type: monitors, and how many passed each phase")
                             List<PhaseReach> phaseReach) {
}
