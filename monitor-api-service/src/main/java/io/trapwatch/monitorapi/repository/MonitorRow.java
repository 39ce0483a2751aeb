package io.trapwatch.monitorapi.repository;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One monitor as read for the API, with its current price already resolved; {@code latestIndicatorsJson} is the
 * latest snapshot already rendered as the API's latest_indicators object.
 */
public record MonitorRow(long id, String monitorKey, int version, String marketType, String symbol, String interval,
                         String status, Instant triggerTime, BigDecimal triggerPrice, BigDecimal triggerVolume,
                         BigDecimal triggerHigh, BigDecimal triggerLow, boolean phase1Passed, boolean phase2Passed,
                         boolean phase3Passed, Instant lastBarTime, BigDecimal currentPrice, String latestIndicatorsJson,
                         Instant createdAt, Instant updatedAt) {
}
