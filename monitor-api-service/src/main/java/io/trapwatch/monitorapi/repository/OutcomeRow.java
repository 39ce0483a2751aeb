package io.trapwatch.monitorapi.repository;

import java.math.BigDecimal;
import java.time.Instant;

/** A stored outcome joined with its monitor (id, series, status, phase flags, trigger price). */
public record OutcomeRow(long monitorId, String monitorKey, String marketType, String symbol, String interval,
                         String monitorStatus, boolean phase2Passed, boolean phase3Passed, Instant triggerTime,
                         BigDecimal triggerPrice, int version, String status, int observationBars, Integer barsObserved,
                         Instant entryTime, BigDecimal entryPrice, Instant lowestTime, BigDecimal lowestPrice,
                         Integer barsToLowest, BigDecimal maxProfitPercent, boolean hasRebound,
                         BigDecimal reboundHighPrice, BigDecimal reboundPercent, BigDecimal maxDrawdownPercent,
                         Instant holdExitTime, BigDecimal holdExitPrice, BigDecimal holdProfitPercent,
                         Instant stopExitTime, BigDecimal stopExitPrice, BigDecimal stopProfitPercent,
                         String stopExitedBy, Instant updatedAt) {
}
