package io.trapwatch.monitorapi.repository;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.LocalDate;

/** Monitors of one market type whose trigger bar opened on one UTC date. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DailyOpenings(LocalDate date, String marketType, long count) {
}
