package io.trapwatch.marketdata.repository;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** What is stored for one symbol of a market and interval. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeriesSummary(String symbol, long bars, Instant firstOpenTime, Instant lastOpenTime) {
}
