package io.trapwatch.monitorapi.repository;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Monitors of one market type, interval and status. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusCount(String marketType, String interval, String status, long count) {
}
